/**
 * The embedded runner: the same flows (flows.ts) over the same activities (createActivities),
 * called in-process in the same order, without a Temporal server. `crimelake run …` uses it
 * unless `--via temporal` is given. Duplicate files are still ingested once (the ledger knows
 * every batch); there are no retries: a failure surfaces at once.
 */
import { isPermanent } from './activities-context.ts';
import { createActivities, type ActivityDeps, type IngestLakeObjectInput, type IngestResult } from './activities.ts';
import {
  buildDerivedFlow,
  publishMonthlyReportsFlow,
  publishWeeklyReportsFlow,
  resolveMonth,
  resolveWeek,
  scanInboxFlow,
  type BuildDerivedInput,
  type BuildDerivedResult,
  type IngestOutcome,
  type PublishMonthlyReportsInput,
  type PublishMonthlyReportsResult,
  type PublishWeeklyReportsInput,
  type PublishWeeklyReportsResult,
  type ScanInboxInput,
  type ScanInboxResult,
} from './flows.ts';
import { shortMessage } from './shared.ts';

export interface EmbeddedRunner {
  ingestFile(input: IngestLakeObjectInput): Promise<IngestResult>;
  scanInbox(input?: ScanInboxInput): Promise<ScanInboxResult>;
  buildDerived(input?: BuildDerivedInput): Promise<BuildDerivedResult>;
  publishWeeklyReports(input?: PublishWeeklyReportsInput): Promise<PublishWeeklyReportsResult>;
  publishMonthlyReports(input?: PublishMonthlyReportsInput): Promise<PublishMonthlyReportsResult>;
}

export function createEmbeddedRunner(deps: ActivityDeps, now: () => Date = () => new Date()): EmbeddedRunner {
  const acts = createActivities(deps);

  async function runIngest(request: { source: string; key: string }): Promise<IngestOutcome> {
    try {
      const result = await acts.ingestLakeObject({ source: request.source, key: request.key });
      return result.alreadyIngested ? { kind: 'duplicate', result } : { kind: 'ingested', result };
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      const text = shortMessage(`${e.name}: ${e.message}`);
      if (isPermanent(error)) return { kind: 'failed', error: text };
      deps.log.warn('ingest failed, the file stays in the inbox', { key: request.key, error: text });
      return { kind: 'retryLater', error: text };
    }
  }

  return {
    ingestFile: (input) => acts.ingestLakeObject(input),
    scanInbox: (input = {}) =>
      scanInboxFlow({ listInbox: acts.listInbox, settleInboxObjects: acts.settleInboxObjects, runIngest }, input),
    buildDerived: (input = {}) => buildDerivedFlow(acts, input, 1),
    publishWeeklyReports: async (input = {}) => publishWeeklyReportsFlow(acts, resolveWeek(input.week, now())),
    publishMonthlyReports: async (input = {}) => publishMonthlyReportsFlow(acts, resolveMonth(input.month, now())),
  };
}
