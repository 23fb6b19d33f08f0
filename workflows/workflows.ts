/**
 * The Temporal workflows: thin and deterministic. They pass lake keys and small summaries, never
 * rows; every read and write happens in an activity (activities.ts, imported as types only). The
 * flows themselves are in flows.ts, shared with the embedded runner.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  ChildWorkflowFailure,
  ParentClosePolicy,
  proxyActivities,
  startChild,
  TemporalFailure,
  WorkflowIdReusePolicy,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { Activities, IngestLakeObjectInput, IngestResult } from './activities.ts';
import {
  buildDerivedFlow,
  MonthError,
  publishMonthlyReportsFlow,
  publishWeeklyReportsFlow,
  resolveMonth,
  resolveWeek,
  scanInboxFlow,
  type BuildDerivedInput,
  type BuildDerivedResult,
  type IngestOutcome,
  type IngestRequest,
  type PublishMonthlyReportsInput,
  type PublishMonthlyReportsResult,
  type PublishWeeklyReportsInput,
  type PublishWeeklyReportsResult,
  type ScanInboxInput,
  type ScanInboxResult,
} from './flows.ts';
import {
  BUILD_MODEL_ACTIVITY,
  BUILD_PLAN_ACTIVITY,
  INBOX_LIST_ACTIVITY,
  INBOX_SETTLE_ACTIVITY,
  INGEST_ACTIVITY,
  LEDGER_CHECK_ACTIVITY,
  PUBLISH_REPORT_ACTIVITY,
} from './presets.ts';
import { shortMessage, WeekError } from './shared.ts';

export type {
  BuildDerivedInput,
  BuildDerivedResult,
  PublishMonthlyReportsInput,
  PublishMonthlyReportsResult,
  PublishWeeklyReportsInput,
  PublishWeeklyReportsResult,
  ScanInboxInput,
  ScanInboxResult,
} from './flows.ts';
export type { IngestResult } from './activities.ts';

const { ingestLakeObject } = proxyActivities<Activities>(INGEST_ACTIVITY);
const { listInbox } = proxyActivities<Activities>(INBOX_LIST_ACTIVITY);
const { settleInboxObjects } = proxyActivities<Activities>(INBOX_SETTLE_ACTIVITY);
const { checkIngested } = proxyActivities<Activities>(LEDGER_CHECK_ACTIVITY);
const { planDerivedBuild } = proxyActivities<Activities>(BUILD_PLAN_ACTIVITY);
const { buildModel } = proxyActivities<Activities>(BUILD_MODEL_ACTIVITY);
const { publishWeeklyReport, publishMonthlyReport } = proxyActivities<Activities>(PUBLISH_REPORT_ACTIVITY);

/** One file already in the lake (e.g. `inbox/cctns/x.csv`): land raw, validate, write, commit, quarantine. */
export type IngestFileInput = IngestLakeObjectInput;

export async function ingestFile(input: IngestFileInput): Promise<IngestResult> {
  return ingestLakeObject(input);
}

/**
 * What made a child fail: the first application failure down the chain (child workflow →
 * activity → application error, whose own causes are details), else the innermost failure.
 */
function failureCause(error: TemporalFailure): TemporalFailure {
  let e = error;
  while (!(e instanceof ApplicationFailure) && e.cause instanceof TemporalFailure) e = e.cause;
  return e;
}

/**
 * Runs the ingest of one distinct file as a child workflow whose id is its content hash. A child
 * that already ran for this content (the server answers WorkflowExecutionAlreadyStarted; a failed
 * one may run again) makes the file a duplicate.
 */
async function ingestChild(request: IngestRequest): Promise<IngestOutcome> {
  const input = { source: request.source, key: request.key };
  let child;
  try {
    child = await startChild(ingestFile, {
      workflowId: request.workflowId,
      args: [input],
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
      parentClosePolicy: ParentClosePolicy.TERMINATE,
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    if (await checkIngested({ source: request.source, sha256: request.sha256 })) return { kind: 'duplicate' };
    // The id is taken, but this lake has not got the content: the namespace serves another lake
    // too, or that ingest is still running. Ingest here; the ledger and the commit keep it once.
    return outcomeOf(ingestLakeObject(input), ActivityFailure);
  }
  return outcomeOf(child.result(), ChildWorkflowFailure);
}

async function outcomeOf(
  run: Promise<IngestResult>,
  failureType: typeof ActivityFailure | typeof ChildWorkflowFailure,
): Promise<IngestOutcome> {
  try {
    const result = await run;
    return result.alreadyIngested ? { kind: 'duplicate', result } : { kind: 'ingested', result };
  } catch (error) {
    if (!(error instanceof failureType)) throw error;
    const cause = failureCause(error);
    const text = shortMessage(
      cause instanceof ApplicationFailure && cause.type ? `${cause.type}: ${cause.message}` : cause.message,
    );
    return cause instanceof ApplicationFailure && cause.nonRetryable
      ? { kind: 'failed', error: text }
      : { kind: 'retryLater', error: text };
  }
}

/**
 * Ingests what landed in `inbox/<source>/` for every source: one `ingestFile` child per distinct
 * content, then each object moves to `inbox/done/` or, when its ingest failed on bad data, to
 * `inbox/failed/` with `<name>.error.txt` beside it.
 */
export async function scanInbox(input: ScanInboxInput = {}): Promise<ScanInboxResult> {
  return scanInboxFlow({ listInbox, settleInboxObjects, runIngest: ingestChild }, input);
}

/** Rebuilds the derived tables, one activity per model, in dependency order. */
export async function buildDerived(input: BuildDerivedInput = {}): Promise<BuildDerivedResult> {
  return buildDerivedFlow({ planDerivedBuild, buildModel }, input);
}

/**
 * Publishes the weekly reports for an ISO week (Asia/Kolkata): the one asked for, else the week
 * that ended before the workflow started (workflow time is deterministic), which is what the
 * Monday schedule wants.
 */
export async function publishWeeklyReports(input: PublishWeeklyReportsInput = {}): Promise<PublishWeeklyReportsResult> {
  let week: string;
  try {
    week = resolveWeek(input.week, new Date());
  } catch (error) {
    if (error instanceof WeekError) throw ApplicationFailure.nonRetryable(error.message, 'WeekError');
    throw error;
  }
  return publishWeeklyReportsFlow({ publishWeeklyReport }, week);
}

/**
 * Publishes the monthly reports (the thana comparison) for a month (Asia/Kolkata): the one asked
 * for, else the month that ended before the workflow started, which is what the schedule on the
 * 1st wants.
 */
export async function publishMonthlyReports(
  input: PublishMonthlyReportsInput = {},
): Promise<PublishMonthlyReportsResult> {
  let month: string;
  try {
    month = resolveMonth(input.month, new Date());
  } catch (error) {
    if (error instanceof MonthError) throw ApplicationFailure.nonRetryable(error.message, 'MonthError');
    throw error;
  }
  return publishMonthlyReportsFlow({ publishMonthlyReport }, month);
}
