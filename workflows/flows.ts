/**
 * The orchestration, written once: which activity runs when, and with what. The Temporal
 * workflows (workflows.ts) run these flows with proxied activities and child workflows; the
 * embedded runner (embedded.ts) runs them with the activities called in-process. Pure and
 * deterministic (no I/O, no clock, no randomness): bundled into the workflow sandbox.
 */
import type {
  BuildModelInput,
  BuildPlan,
  InboxListing,
  InboxObject,
  IngestResult,
  ListInboxInput,
  ModelBuildResult,
  PlanDerivedBuildInput,
  PublishedMonthlyReport,
  PublishedReport,
  PublishMonthlyReportInput,
  PublishWeeklyReportInput,
  SettledObjects,
  SettleInboxObjectsInput,
} from './activities.ts';
import { SCAN_MAX_CONCURRENT_INGESTS } from './presets.ts';
import { istMonth } from '../schemas/time.ts';
import { ingestWorkflowId, isoWeekRange, previousIsoWeek, weeklyReports } from './shared.ts';

/** How the ingest of one distinct file ended. */
export type IngestOutcome =
  /** Ingested now. */
  | { kind: 'ingested'; result: IngestResult }
  /** Its content was ingested before: the ingest already ran, or the ledger knew the batch. */
  | { kind: 'duplicate'; result?: IngestResult }
  /** Bad data or bad config: retrying cannot help; the objects go to inbox/failed with the error. */
  | { kind: 'failed'; error: string }
  /** Transient failure after every retry: the objects stay in the inbox for the next scan. */
  | { kind: 'retryLater'; error: string };

export interface IngestRequest {
  source: string;
  key: string;
  sha256: string;
  /** `ingest-<source>-<sha256 first 24 hex>`: the same content is the same ingest. */
  workflowId: string;
}

export interface ScanInboxInput {
  /** Sources to scan (default: every source). */
  sources?: string[];
  /** Objects one scan takes (default SCAN_MAX_OBJECTS); the rest wait for the next. */
  maxObjects?: number;
  /** Ingests at once (default SCAN_MAX_CONCURRENT_INGESTS). */
  maxConcurrentIngests?: number;
}

export interface ScanInboxResult {
  /** Objects found in the inbox. */
  objects: number;
  /** Distinct files ingested by this scan. */
  ingested: number;
  /** Objects whose content was ingested already (a second copy in this scan, or an earlier ingest). */
  duplicates: number;
  /** Objects moved to inbox/failed (bad data, or a file type the source does not read). */
  failed: number;
  /** Objects left in the inbox after a transient failure. */
  retryLater: number;
  rowsLanded: number;
  rowsQuarantined: number;
  /** More objects wait for the next scan. */
  truncated: boolean;
}

export interface ScanInboxOps {
  listInbox(input: ListInboxInput): Promise<InboxListing>;
  settleInboxObjects(input: SettleInboxObjectsInput): Promise<SettledObjects>;
  runIngest(request: IngestRequest): Promise<IngestOutcome>;
}

interface ContentGroup {
  source: string;
  sha256: string;
  objects: InboxObject[];
}

/** Objects grouped by source and content, in listing order: one ingest per group. */
export function groupByContent(objects: readonly InboxObject[]): ContentGroup[] {
  const groups = new Map<string, ContentGroup>();
  for (const o of objects) {
    const id = `${o.source}/${o.sha256}`;
    const g = groups.get(id) ?? { source: o.source, sha256: o.sha256, objects: [] };
    g.objects.push(o);
    groups.set(id, g);
  }
  return [...groups.values()];
}

/** Runs `fn` over the items, at most `limit` at once, in order of start. */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}

export async function scanInboxFlow(ops: ScanInboxOps, input: ScanInboxInput): Promise<ScanInboxResult> {
  const listing = await ops.listInbox({ sources: input.sources, maxObjects: input.maxObjects });
  const result: ScanInboxResult = {
    objects: listing.objects.length,
    ingested: 0,
    duplicates: 0,
    failed: 0,
    retryLater: 0,
    rowsLanded: 0,
    rowsQuarantined: 0,
    truncated: listing.truncated,
  };
  for (const o of listing.objects) {
    if (o.unsupported === undefined) continue;
    await ops.settleInboxObjects({ outcome: 'failed', objects: [o], error: o.unsupported });
    result.failed++;
  }
  const groups = groupByContent(listing.objects.filter((o) => o.unsupported === undefined));
  await forEachLimited(groups, input.maxConcurrentIngests ?? SCAN_MAX_CONCURRENT_INGESTS, async (g) => {
    const first = g.objects[0]!;
    const workflowId = ingestWorkflowId(g.source, g.sha256);
    const outcome = await ops.runIngest({ source: g.source, key: first.key, sha256: g.sha256, workflowId });
    switch (outcome.kind) {
      case 'ingested':
        result.ingested++;
        result.duplicates += g.objects.length - 1;
        result.rowsLanded += outcome.result.rowsLanded;
        result.rowsQuarantined += outcome.result.rowsQuarantined;
        await ops.settleInboxObjects({ outcome: 'done', objects: g.objects, workflowId });
        break;
      case 'duplicate':
        result.duplicates += g.objects.length;
        await ops.settleInboxObjects({ outcome: 'done', objects: g.objects, workflowId });
        break;
      case 'failed':
        result.failed += g.objects.length;
        await ops.settleInboxObjects({ outcome: 'failed', objects: g.objects, error: outcome.error, workflowId });
        break;
      case 'retryLater':
        result.retryLater += g.objects.length;
        break;
    }
  });
  return result;
}

export interface BuildDerivedInput {
  /** Models to build (default: all). */
  models?: string[];
}

export interface BuildDerivedResult {
  models: ModelBuildResult[];
}

export interface BuildDerivedOps {
  planDerivedBuild(input: PlanDerivedBuildInput): Promise<BuildPlan>;
  buildModel(input: BuildModelInput): Promise<ModelBuildResult>;
}

/**
 * Wave after wave; inside a wave every model (and, once models allow it, every partition) at
 * once, up to `parallel` (the workers' concurrency bounds the real work on Temporal; the
 * embedded runner builds one at a time, each build being a DuckDB session of its own).
 */
export async function buildDerivedFlow(
  ops: BuildDerivedOps,
  input: BuildDerivedInput,
  parallel = Number.POSITIVE_INFINITY,
): Promise<BuildDerivedResult> {
  const plan = await ops.planDerivedBuild({ models: input.models });
  const built: ModelBuildResult[] = [];
  for (const wave of plan.waves) {
    const jobs: BuildModelInput[] = wave.flatMap((step) =>
      step.partitions.length === 0
        ? [{ model: step.model }]
        : step.partitions.map((partition) => ({ model: step.model, partition })),
    );
    const results: ModelBuildResult[] = new Array<ModelBuildResult>(jobs.length);
    await forEachLimited(
      jobs.map((job, i) => ({ job, i })),
      parallel,
      async ({ job, i }) => {
        results[i] = await ops.buildModel(job);
      },
    );
    built.push(...results);
  }
  return { models: built };
}

export interface PublishWeeklyReportsInput {
  /** ISO week 'YYYY-Www' (Asia/Kolkata); default: the week that ended before the run started. */
  week?: string;
}

export interface PublishWeeklyReportsResult {
  week: string;
  reports: PublishedReport[];
}

export interface PublishWeeklyReportsOps {
  publishWeeklyReport(input: PublishWeeklyReportInput): Promise<PublishedReport>;
}

/** The week to publish: the one asked for (validated), else the week that ended before `now`. Throws WeekError. */
export function resolveWeek(week: string | undefined, now: Date): string {
  const resolved = week ?? previousIsoWeek(now);
  isoWeekRange(resolved);
  return resolved;
}

export async function publishWeeklyReportsFlow(
  ops: PublishWeeklyReportsOps,
  week: string,
): Promise<PublishWeeklyReportsResult> {
  const reports = await Promise.all(weeklyReports.map((report) => ops.publishWeeklyReport({ report, week })));
  return { week, reports };
}

/** The reports published per month (Asia/Kolkata): each a `ReportName` of reports/builders.ts. */
export const monthlyReports = ['station-comparison'] as const;
export type MonthlyReportName = (typeof monthlyReports)[number];

export class MonthError extends Error {
  constructor(month: string, message: string) {
    super(`month ${JSON.stringify(month)}: ${message}`);
    this.name = 'MonthError';
  }
}

/** The month (Asia/Kolkata) that ended last before `instant`: the month a report on the 1st covers. */
export function previousIstMonth(instant: Date): string {
  const [year, month] = istMonth(instant).split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** The month to publish: the one asked for (validated), else the month that ended before `now`. Throws MonthError. */
export function resolveMonth(month: string | undefined, now: Date): string {
  const resolved = month ?? previousIstMonth(now);
  const m = /^(\d{4})-(\d{2})$/.exec(resolved);
  if (!m) throw new MonthError(resolved, 'expected YYYY-MM, e.g. 2025-06');
  if (Number(m[2]) < 1 || Number(m[2]) > 12) throw new MonthError(resolved, `there is no month ${m[2]}`);
  return resolved;
}

export interface PublishMonthlyReportsInput {
  /** Month 'YYYY-MM' (Asia/Kolkata); default: the month that ended before the run started. */
  month?: string;
}

export interface PublishMonthlyReportsResult {
  month: string;
  reports: PublishedMonthlyReport[];
}

export interface PublishMonthlyReportsOps {
  publishMonthlyReport(input: PublishMonthlyReportInput): Promise<PublishedMonthlyReport>;
}

export async function publishMonthlyReportsFlow(
  ops: PublishMonthlyReportsOps,
  month: string,
): Promise<PublishMonthlyReportsResult> {
  const reports = await Promise.all(monthlyReports.map((report) => ops.publishMonthlyReport({ report, month })));
  return { month, reports };
}
