import path from 'node:path';
import { WorkflowFailedError, type Client } from '@temporalio/client';
import { TemporalFailure } from '@temporalio/common';
import { defineCommand } from 'citty';
import { describeFile, type IngestSummary } from '../../ingestors/batch.ts';
import { filesToIngest, type SourceName } from '../../ingestors/index.ts';
import type { Profile } from '../../ingestors/profile.ts';
import type { Config } from '../../lake/config.ts';
import type { Lake } from '../../lake/lake.ts';
import { models } from '../../transforms/models.ts';
import { createEmbeddedRunner } from '../../workflows/embedded.ts';
import { MonthError, resolveMonth, type ScanInboxResult } from '../../workflows/flows.ts';
import { ingestWorkflowId, isoWeekRange, uploadKey, WeekError } from '../../workflows/shared.ts';
import { withTemporalClient } from '../../workflows/worker.ts';
import type { IngestResult } from '../../workflows/workflows.ts';
import { cliContext, exitCodes, lakeArgs, runVerb, UsageError, type CliContext } from '../context.ts';
import { reportIngest } from './ingest.ts';

/** `--via`: where a pipeline step runs. */
const viaArgs = {
  via: {
    type: 'enum' as const,
    options: ['embedded', 'temporal'],
    default: 'embedded',
    description:
      'embedded: run the activities in this process; temporal: start the workflow on the Temporal server ($TEMPORAL_ADDRESS) and wait for a worker to run it',
  },
};

type WorkflowType = 'ingestFile' | 'scanInbox' | 'buildDerived' | 'publishWeeklyReports' | 'publishMonthlyReports';

/** The innermost message of a failed workflow (the application error, not "Workflow execution failed"). */
function failureText(error: WorkflowFailedError): string {
  let e: unknown = error.cause;
  while (e instanceof TemporalFailure && e.cause instanceof TemporalFailure) e = e.cause;
  return e instanceof Error ? e.message : error.message;
}

/**
 * Starts a workflow (or joins the run already going under the same id) and waits for its result.
 * A finished workflow of the same id may run again: every workflow is idempotent.
 */
async function startAndWait<T>(
  client: Client,
  config: Config,
  workflowType: WorkflowType,
  workflowId: string,
  input: object,
): Promise<T> {
  const handle = await client.workflow.start(workflowType, {
    taskQueue: config.CRIMELAKE_TASK_QUEUE,
    workflowId,
    args: [input],
    workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  process.stderr.write(
    `workflow ${workflowId} started on ${config.TEMPORAL_ADDRESS} (namespace ${config.TEMPORAL_NAMESPACE}, task queue ${config.CRIMELAKE_TASK_QUEUE}); waiting for a worker…\n`,
  );
  try {
    return (await handle.result()) as T;
  } catch (error) {
    if (error instanceof WorkflowFailedError) throw new Error(`workflow ${workflowId} failed: ${failureText(error)}`);
    throw error;
  }
}

/** Runs a pipeline step embedded or via Temporal and prints `{ workflowId?, result }` on stdout. */
async function runStep<T>(
  args: { via: string; lake?: string },
  step: { workflowType: WorkflowType; workflowId: string; input: object },
  embedded: (ctx: CliContext) => Promise<T>,
): Promise<T> {
  const ctx = cliContext(args);
  if (args.via === 'temporal') {
    if (args.lake !== undefined) {
      throw new UsageError(
        '--lake does not apply with --via temporal: the worker works on its own lake (CRIMELAKE_LAKE)',
      );
    }
    const result = await withTemporalClient(ctx.config, (client) =>
      startAndWait<T>(client, ctx.config, step.workflowType, step.workflowId, step.input),
    );
    process.stderr.write(`workflow ${step.workflowId} completed\n`);
    process.stdout.write(JSON.stringify({ workflowId: step.workflowId, result }, null, 2) + '\n');
    return result;
  }
  const result = await embedded(ctx);
  process.stdout.write(JSON.stringify({ result }, null, 2) + '\n');
  return result;
}

/** Checks a --week or --month value: its typed error becomes a usage error (exit 2). */
function checkPeriod(check: () => unknown, errorType: typeof WeekError | typeof MonthError): void {
  try {
    check();
  } catch (error) {
    if (error instanceof errorType) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * `crimelake ingest <source> <path> --via temporal`: each file is uploaded to the lake
 * (`uploads/<source>/<sha256 first 24>/<name>`, once per content) and ingested by an `ingestFile`
 * workflow whose id is its content hash; the upload is removed once the raw copy has landed.
 */
export async function ingestViaTemporal(input: {
  config: Config;
  lake: Lake;
  source: SourceName;
  target: string;
  profile?: Profile;
  format: string;
}): Promise<number> {
  const { config, lake, source } = input;
  const files = filesToIngest(source, input.target);
  if (files.length === 0) throw new UsageError(`no files to ingest in ${input.target}`);
  const summaries = await withTemporalClient(config, async (client) => {
    const started: { file: string; key: string; workflowId: string; done: Promise<IngestResult> }[] = [];
    for (const file of files) {
      const described = await describeFile(file);
      const key = uploadKey(source, described.sha256, path.basename(file));
      if (!(await lake.storage.head(key))) await lake.storage.putFile(key, file);
      const workflowId = ingestWorkflowId(source, described.sha256);
      started.push({
        file,
        key,
        workflowId,
        done: startAndWait<IngestResult>(client, config, 'ingestFile', workflowId, {
          source,
          key,
          lakeUri: lake.uri,
          ...(input.profile ? { profile: input.profile } : {}),
        }),
      });
    }
    const results: IngestResult[] = [];
    for (const s of started) {
      const r = await s.done;
      process.stderr.write(`${path.basename(s.file)}: workflow ${s.workflowId} completed\n`);
      await lake.storage.delete([s.key]);
      results.push(r);
    }
    return results;
  });
  if (input.format === 'json') process.stdout.write(JSON.stringify(summaries, null, 2) + '\n');
  // The raw text of rejected records stays in the quarantine table; workflows do not carry it.
  const rejects = reportIngest(
    summaries.map((s): IngestSummary => ({ ...s, rejects: s.rejects.map((r) => ({ ...r, raw: '' })) })),
  );
  process.stderr.write(`lake: ${lake.uri}\n`);
  return rejects > 0 ? exitCodes.rejects : exitCodes.ok;
}

const weeklyReports = defineCommand({
  meta: {
    name: 'weekly-reports',
    description: 'Publish the weekly reports of an ISO week to published/<report>/<week>/',
  },
  args: {
    week: {
      type: 'string',
      description: 'ISO week in Asia/Kolkata, e.g. 2025-W23 (default: the week that ended last)',
      valueHint: 'YYYY-Www',
    },
    ...viaArgs,
    ...lakeArgs,
  },
  async run({ args }) {
    await runVerb(async () => {
      if (args.week !== undefined) checkPeriod(() => isoWeekRange(args.week!), WeekError);
      const input = args.week ? { week: args.week } : {};
      await runStep(
        args,
        {
          workflowType: 'publishWeeklyReports',
          workflowId: `crimelake-weekly-reports-${args.week ?? 'last-week'}`,
          input,
        },
        (ctx) => createEmbeddedRunner(ctx).publishWeeklyReports(input),
      );
    });
  },
});

const monthlyReports = defineCommand({
  meta: {
    name: 'monthly-reports',
    description: 'Publish the monthly reports (the thana comparison) of a month to published/<report>/<month>/',
  },
  args: {
    month: {
      type: 'string',
      description: 'Month in Asia/Kolkata, e.g. 2025-06 (default: the month that ended last)',
      valueHint: 'YYYY-MM',
    },
    ...viaArgs,
    ...lakeArgs,
  },
  async run({ args }) {
    await runVerb(async () => {
      if (args.month !== undefined) checkPeriod(() => resolveMonth(args.month, new Date()), MonthError);
      const input = args.month ? { month: args.month } : {};
      await runStep(
        args,
        {
          workflowType: 'publishMonthlyReports',
          workflowId: `crimelake-monthly-reports-${args.month ?? 'last-month'}`,
          input,
        },
        (ctx) => createEmbeddedRunner(ctx).publishMonthlyReports(input),
      );
    });
  },
});

const scanInbox = defineCommand({
  meta: {
    name: 'scan-inbox',
    description: 'Ingest every new file in inbox/<source>/ and move it to inbox/done or inbox/failed',
  },
  args: { ...viaArgs, ...lakeArgs },
  async run({ args }) {
    await runVerb(async () => {
      const result = await runStep<ScanInboxResult>(
        args,
        { workflowType: 'scanInbox', workflowId: 'crimelake-scan-inbox-manual', input: {} },
        (ctx) => createEmbeddedRunner(ctx).scanInbox({}),
      );
      process.stderr.write(
        `${result.objects} objects: ${result.ingested} ingested, ${result.duplicates} duplicates, ${result.failed} failed, ${result.retryLater} left for the next scan\n`,
      );
      return result.failed > 0 || result.rowsQuarantined > 0 ? exitCodes.rejects : exitCodes.ok;
    });
  },
});

const buildDerived = defineCommand({
  meta: { name: 'build-derived', description: 'Rebuild the derived tables in dependency order' },
  args: {
    models: {
      type: 'positional',
      required: false,
      description: `Comma-separated models (default: all of ${models.map((m) => m.contract.name).join(', ')})`,
    },
    ...viaArgs,
    ...lakeArgs,
  },
  async run({ args }) {
    await runVerb(async () => {
      const names = args.models ? args.models.split(',').map((s) => s.trim()) : undefined;
      const input = names ? { models: names } : {};
      await runStep(
        args,
        { workflowType: 'buildDerived', workflowId: 'crimelake-build-derived-manual', input },
        (ctx) => createEmbeddedRunner(ctx).buildDerived(input),
      );
    });
  },
});

export default defineCommand({
  meta: {
    name: 'run',
    description: 'Run a pipeline workflow now: in this process (default) or on Temporal (--via temporal)',
  },
  subCommands: {
    'weekly-reports': weeklyReports,
    'monthly-reports': monthlyReports,
    'scan-inbox': scanInbox,
    'build-derived': buildDerived,
  },
});
