/**
 * The activities: all I/O of the orchestration. One factory builds them from the process's
 * config, lake and logger; the Temporal worker and the embedded runner both call it, so the two
 * paths run the same code. Every activity is idempotent (DESIGN.md: activities are retried):
 * ingests are keyed by content through the ledger, builds by their inputs' versions, publishing
 * rewrites the same keys, and moving an inbox object checks where it already is.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { batchIdOf, findIngest, type IngestSummary, type Reject } from '../ingestors/batch.ts';
import { ingestors, isSourceName, sourceNames, type SourceName } from '../ingestors/index.ts';
import type { Profile } from '../ingestors/profile.ts';
import { ConfigError, type Config } from '../lake/config.ts';
import { withDuckDb } from '../lake/duckdb.ts';
import type { Lake } from '../lake/lake.ts';
import type { Logger } from '../lake/log.ts';
import { buildModels, TransformError } from '../transforms/build.ts';
import { models } from '../transforms/models.ts';
import { publishReportForWorkflow } from '../reports/builders.ts';
import { runActivity } from './activities-context.ts';
import type { PublishedMonthlyReport, PublishedReport, PublishMonthlyReportInput } from './activities-reports.ts';
import { SCAN_MAX_OBJECTS } from './presets.ts';
import { errorKeyFor, inboxPrefix, settledKey, type WeeklyReportName } from './shared.ts';

export type { PublishedMonthlyReport, PublishedReport, PublishMonthlyReportInput } from './activities-reports.ts';

/** What the activities need: built once per process and passed in (no globals, no process.env). */
export interface ActivityDeps {
  config: Config;
  lake: Lake;
  log: Logger;
}

export class UnknownSourceError extends Error {
  constructor(source: string) {
    super(`unknown source "${source}" (one of: ${sourceNames.join(', ')})`);
    this.name = 'UnknownSourceError';
  }
}

export interface InboxObject {
  source: string;
  key: string;
  /** Path below `inbox/<source>/`: the name it keeps in inbox/done or inbox/failed. */
  name: string;
  size: number;
  sha256: string;
  /** Set when the source reads no such file (wrong extension): the object fails without an ingest. */
  unsupported?: string;
}

export interface ListInboxInput {
  /** Sources to scan (default: every source in the ingestors map). */
  sources?: readonly string[];
  /** At most this many objects; the rest wait for the next scan. */
  maxObjects?: number;
}

export interface InboxListing {
  objects: InboxObject[];
  /** True when objects were left for the next scan. */
  truncated: boolean;
}

export interface IngestLakeObjectInput {
  source: string;
  /** Lake key of the file, e.g. `inbox/cctns/firs-2025-06-09.csv`. */
  key: string;
  /** Mapping profile of the export variant. */
  profile?: Profile;
  /**
   * The lake the key is in, as the starter saw it: a worker serving another lake refuses the
   * file (rather than report it missing) when a client was pointed at the wrong lake.
   */
  lakeUri?: string;
}

/** The ingest summary without the rejected records' raw text (workflows carry no rows). */
export type IngestResult = Omit<IngestSummary, 'rejects'> & {
  key: string;
  /** The first rejects (line, field, reason); every reject is in the quarantine table. */
  rejects: Omit<Reject, 'raw'>[];
};

export interface CheckIngestedInput {
  source: string;
  sha256: string;
}

export interface SettleInboxObjectsInput {
  outcome: 'done' | 'failed';
  objects: readonly Pick<InboxObject, 'source' | 'key' | 'name'>[];
  /** For `failed`: written beside each object as `<name>.error.txt`. */
  error?: string;
  /** The ingest workflow, named in the error report. */
  workflowId?: string;
}

export interface SettledObjects {
  moved: { from: string; to: string }[];
}

export interface PlanDerivedBuildInput {
  /** Models to build (default: all). */
  models?: readonly string[];
}

/**
 * One model to build. `partitions` empty: the model is built whole by one activity; otherwise
 * one activity per partition, all of a step at once (no model supports that yet).
 */
export interface BuildStep {
  model: string;
  partitions: string[];
}

/** Steps in waves: each wave's models read only tables built in earlier waves, so a wave runs in parallel. */
export interface BuildPlan {
  waves: BuildStep[][];
}

export interface BuildModelInput {
  model: string;
  partition?: string;
}

export interface ModelBuildResult {
  model: string;
  partition?: string;
  skipped: boolean;
  version: number;
  rowCount: number;
}

export interface PublishWeeklyReportInput {
  report: WeeklyReportName;
  /** ISO week 'YYYY-Www' (Asia/Kolkata). */
  week: string;
}

function requireSource(source: string): SourceName {
  if (!isSourceName(source)) throw new UnknownSourceError(source);
  return source;
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function withTempDir<T>(label: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), `crimelake-${label}-`));
  try {
    return await fn(dir);
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

/** `name` with `-<hash8>` before its extension: a free name when another object already has it. */
function disambiguate(name: string, sha256: string): string {
  const ext = path.posix.extname(name);
  return `${name.slice(0, name.length - ext.length)}-${sha256.slice(0, 8)}${ext}`;
}

/** Waves of models: a model runs after the models it reads (models.ts lists them in dependency order). */
export function planWaves(selected: readonly string[]): BuildStep[][] {
  const waveOf = new Map<string, number>();
  for (const m of models) {
    const deps = m.inputs.filter((i) => waveOf.has(i)).map((i) => waveOf.get(i)!);
    waveOf.set(m.contract.name, deps.length > 0 ? Math.max(...deps) + 1 : 0);
  }
  const waves: BuildStep[][] = [];
  for (const m of models) {
    if (!selected.includes(m.contract.name)) continue;
    const w = waveOf.get(m.contract.name)!;
    (waves[w] ??= []).push({ model: m.contract.name, partitions: [] });
  }
  return waves.filter((w) => w !== undefined && w.length > 0);
}

export function createActivities({ config, lake, log }: ActivityDeps) {
  const storage = lake.storage;

  async function hashObject(key: string): Promise<string> {
    const inPlace = storage.localPath(key);
    if (inPlace) return sha256OfFile(inPlace);
    return withTempDir('hash', async (dir) => {
      const file = path.join(dir, 'object');
      await storage.getToFile(key, file);
      return sha256OfFile(file);
    });
  }

  return {
    /**
     * Lists `inbox/<source>/` for every source (`inbox/done/` and `inbox/failed/` are not source
     * folders, so processed objects are never listed) and hashes each object's content.
     */
    async listInbox(input: ListInboxInput): Promise<InboxListing> {
      return runActivity('listInbox', log, async (progress) => {
        const max = input.maxObjects ?? SCAN_MAX_OBJECTS;
        const sources = (input.sources ?? sourceNames).map(requireSource);
        const objects: InboxObject[] = [];
        for (const source of sources) {
          const prefix = inboxPrefix(source);
          for await (const o of storage.list(prefix)) {
            const name = o.key.slice(prefix.length);
            if (name === '' || name.endsWith('/')) continue;
            if (objects.length >= max) return { objects, truncated: true };
            const exts: readonly string[] = ingestors[source].extensions;
            const ext = path.posix.extname(name).toLowerCase();
            progress.report({ phase: 'hash', objects: objects.length, key: o.key });
            objects.push({
              source,
              key: o.key,
              name,
              size: o.size,
              sha256: await hashObject(o.key),
              ...(exts.includes(ext)
                ? {}
                : {
                    unsupported: `${source} reads ${exts.join(', ')} files, not ${ext || 'files without an extension'}`,
                  }),
            });
            progress.throwIfCancelled();
          }
        }
        log.info('inbox listed', { objects: objects.length, sources: sources.join(',') });
        return { objects, truncated: false };
      });
    },

    /** Downloads one lake object and ingests it (heartbeating); the ledger makes a repeat a no-op. */
    async ingestLakeObject(input: IngestLakeObjectInput): Promise<IngestResult> {
      return runActivity('ingestLakeObject', log, async (progress) => {
        const source = requireSource(input.source);
        if (input.lakeUri !== undefined && input.lakeUri !== lake.uri) {
          throw new ConfigError(
            `${input.key} was put in lake ${input.lakeUri}, but this worker serves lake ${lake.uri}: set the same CRIMELAKE_LAKE for both`,
          );
        }
        return withTempDir('ingest', async (dir) => {
          const local = path.join(dir, path.posix.basename(input.key));
          progress.report({ phase: 'download', key: input.key });
          await storage.getToFile(input.key, local);
          progress.throwIfCancelled();
          const hang =
            config.CRIMELAKE_TEST_FAULT === 'hang-after-raw-landing' && progress.inTemporal
              ? async () => {
                  log.warn('test fault: hanging after raw landing', { key: input.key });
                  progress.report({ phase: 'test-fault-hang', key: input.key });
                  await progress.hangUntilCancelled();
                }
              : undefined;
          const summary = await withDuckDb(config, (db) =>
            ingestors[source].ingestFile(
              {
                lake,
                db,
                profile: input.profile,
                informantKey: config.CRIMELAKE_INFORMANT_KEY,
                onProgress: (bytes, total) => {
                  progress.report({ phase: 'read', key: input.key, bytes, total });
                  progress.throwIfCancelled();
                },
                afterRawLanding: hang,
              },
              local,
            ),
          );
          return {
            ...summary,
            key: input.key,
            rejects: summary.rejects.map(({ line, field, reason }) => ({ line, field, reason })),
          };
        });
      });
    },

    /** Whether this lake's ledger holds the content (a batch is named by its SHA-256). */
    async checkIngested(input: CheckIngestedInput): Promise<boolean> {
      return runActivity('checkIngested', log, async () => {
        const source = requireSource(input.source);
        return (await findIngest(lake, source, batchIdOf(input.sha256))) !== undefined;
      });
    },

    /**
     * Moves inbox objects to `inbox/done/<source>/<name>` or `inbox/failed/<source>/<name>` (with
     * the error beside it). Copy, then error report, then delete: a retry finds the object either
     * still in the inbox or already moved. A different object already under the name keeps it;
     * this one gets `-<sha8>` added.
     */
    async settleInboxObjects(input: SettleInboxObjectsInput): Promise<SettledObjects> {
      return runActivity('settleInboxObjects', log, async () => {
        const moved: SettledObjects['moved'] = [];
        for (const o of input.objects) {
          requireSource(o.source);
          if (!o.key.startsWith(inboxPrefix(o.source))) {
            throw new UnknownSourceError(`${o.source} (key ${o.key} is not in ${inboxPrefix(o.source)})`);
          }
          const here = await storage.head(o.key);
          let to = settledKey(input.outcome, o.source, o.name);
          if (!here) {
            // Moved by an earlier attempt of this activity (or by hand): nothing left to do.
            log.info('inbox object already moved', { key: o.key });
            continue;
          }
          const there = await storage.head(to);
          if (there && there.size !== here.size)
            to = settledKey(input.outcome, o.source, disambiguate(o.name, await hashObject(o.key)));
          await storage.copy(o.key, to);
          if (input.outcome === 'failed') {
            await storage.put(
              errorKeyFor(to),
              [
                `crimelake could not ingest ${o.key}`,
                `source: ${o.source}`,
                ...(input.workflowId ? [`workflow: ${input.workflowId}`] : []),
                `moved to: ${to}`,
                `at: ${new Date().toISOString()}`,
                '',
                input.error ?? '(no error message)',
                '',
              ].join('\n'),
              { contentType: 'text/plain; charset=utf-8' },
            );
          }
          await storage.delete([o.key]);
          moved.push({ from: o.key, to });
        }
        if (moved.length > 0) log.info('inbox objects moved', { outcome: input.outcome, count: moved.length });
        return { moved };
      });
    },

    /** The derived models to build, in waves of dependency order. */
    async planDerivedBuild(input: PlanDerivedBuildInput): Promise<BuildPlan> {
      return runActivity('planDerivedBuild', log, async () => {
        const all = models.map((m) => m.contract.name);
        const names = input.models && input.models.length > 0 ? [...input.models] : all;
        const unknown = names.filter((n) => !all.includes(n));
        if (unknown.length > 0) {
          throw new TransformError(unknown[0]!, `no such model (models: ${all.join(', ')})`);
        }
        return { waves: planWaves(names) };
      });
    },

    /** Builds one derived model from the lake's current tables (a no-op when its inputs are unchanged). */
    async buildModel(input: BuildModelInput): Promise<ModelBuildResult> {
      return runActivity('buildModel', log, async (progress) => {
        if (input.partition !== undefined) {
          throw new TransformError(input.model, `is built whole; no build of partition ${input.partition}`);
        }
        progress.report({ phase: 'build', model: input.model });
        const [r] = await withDuckDb(config, (db) => buildModels(lake, db, [input.model], { config }));
        if (!r) throw new Error(`buildModels returned no result for ${input.model}`);
        return { model: input.model, skipped: r.skipped, version: r.version, rowCount: r.rowCount };
      });
    },

    /**
     * Publishes one weekly report for one ISO week under `published/<report>/<week>/` (the report
     * builders' HTML, CSV, Parquet and manifest), replacing an earlier publication of it.
     */
    async publishWeeklyReport(input: PublishWeeklyReportInput): Promise<PublishedReport> {
      return runActivity('publishWeeklyReport', log, async (progress) => {
        progress.report({ phase: 'publish', report: input.report, week: input.week });
        const published = await withDuckDb(config, (db) =>
          publishReportForWorkflow({ lake, db }, { report: input.report, week: input.week }),
        );
        progress.report({
          phase: 'published',
          report: input.report,
          week: input.week,
          outputs: published.outputs.length,
        });
        progress.throwIfCancelled();
        return published;
      });
    },

    /** Publishes one monthly report for one month under `published/<report>/<month>/`, replacing an earlier one. */
    async publishMonthlyReport(input: PublishMonthlyReportInput): Promise<PublishedMonthlyReport> {
      return runActivity('publishMonthlyReport', log, async (progress) => {
        progress.report({ phase: 'publish', report: input.report, month: input.month });
        const published = await withDuckDb(config, (db) =>
          publishReportForWorkflow({ lake, db }, { report: input.report, month: input.month }),
        );
        progress.report({
          phase: 'published',
          report: input.report,
          month: input.month,
          outputs: published.outputs.length,
        });
        progress.throwIfCancelled();
        return published;
      });
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
