/**
 * The workflows on a real Temporal dev server with a real worker, MinIO as the lake: the inbox
 * (duplicates ingested once, bad files to inbox/failed with their error), derived builds, weekly
 * and monthly reports, small histories and replays of recorded histories (determinism).
 */
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDuckDb } from '../lake/duckdb.ts';
import { attachLake } from '../lake/session.ts';
import { accused, threeFirs, toCsv, writeFirs } from '../test/util/cctns-fixtures.ts';
import { crimelake } from '../test/util/cli.ts';
import { minioLake, tempDir, type TestLake } from '../test/util/lakes.ts';
import { startTemporal, temporalEnv, testWorker, uniqueTaskQueue, workflowBundle } from '../test/util/temporal.ts';
import { accusedHeaders, firHeaders } from '../schemas/cctns/layout.ts';
import type { buildDerived, ingestFile, publishMonthlyReports, publishWeeklyReports, scanInbox } from './workflows.ts';
import { MonthError, previousIstMonth, resolveMonth } from './flows.ts';
import { ingestWorkflowId } from './shared.ts';
import { planWaves } from './activities.ts';
import { models } from '../transforms/models.ts';
import type { ReportManifest } from '../reports/publish.ts';
import crypto from 'node:crypto';
import fs from 'node:fs';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  [env] = await Promise.all([startTemporal(), workflowBundle()]);
});
afterAll(async () => {
  await env?.teardown();
});

const firsCsv = toCsv(firHeaders, threeFirs());
const accusedCsv = toCsv(accusedHeaders, [accused(), accused({ accused_number: '2', name: 'सुनील कुमार मौर्य' })]);
const malformedCsv = 'thana,crime\nKotwali,theft\n';
const sha256 = (s: string | Buffer) => crypto.createHash('sha256').update(s).digest('hex');

async function keysUnder(t: TestLake, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const o of t.lake.storage.list(prefix)) keys.push(o.key);
  return keys;
}

async function query(t: TestLake, sql: string): Promise<Record<string, unknown>[]> {
  return withDuckDb(t.config, async (db) => {
    await attachLake(db, t.lake);
    return db.all(sql);
  });
}

/** Serialized size of a workflow's history: what the server stores and replays. */
async function historyBytes(workflowId: string): Promise<number> {
  const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
  return Buffer.byteLength(JSON.stringify(history));
}

describe('scanInbox on Temporal', () => {
  it('ingests each distinct file once, skips the duplicate, fails the malformed one with its error', async () => {
    const t = minioLake('inbox');
    const taskQueue = uniqueTaskQueue('inbox');
    const s = t.lake.storage;
    await s.put('inbox/cctns/firs-2024.csv', firsCsv);
    await s.put('inbox/cctns/firs-2024 (copy).csv', firsCsv); // the same file dropped twice
    await s.put('inbox/cctns/accused.csv', accusedCsv);
    await s.put('inbox/cctns/thana-export.csv', malformedCsv);

    const worker = await testWorker(env, t.env, taskQueue);
    const scanId = `scan-${taskQueue}`;
    await worker.runUntil(async () => {
      const result = await env.client.workflow.execute<typeof scanInbox>('scanInbox', {
        taskQueue,
        workflowId: scanId,
        args: [{}],
      });
      expect(result).toEqual({
        objects: 4,
        ingested: 2,
        duplicates: 1,
        failed: 1,
        retryLater: 0,
        rowsLanded: 5,
        rowsQuarantined: 0,
        truncated: false,
      });

      expect(
        await query(
          t,
          `select (select count(*) from firs)::int as firs, (select count(*) from fir_sections)::int as sections,
                (select count(*) from fir_accused)::int as accused,
                (select count(distinct batch_id) from firs)::int as fir_batches`,
        ),
      ).toEqual([{ firs: 3, sections: 5, accused: 2, fir_batches: 1 }]);
      expect((await keysUnder(t, '_catalog/ingests/cctns/')).length).toBe(2);

      expect(await keysUnder(t, 'inbox/cctns/')).toEqual([]);
      expect((await keysUnder(t, 'inbox/done/')).sort()).toEqual([
        'inbox/done/cctns/accused.csv',
        'inbox/done/cctns/firs-2024 (copy).csv',
        'inbox/done/cctns/firs-2024.csv',
      ]);
      expect(await keysUnder(t, 'inbox/failed/')).toEqual([
        'inbox/failed/cctns/thana-export.csv',
        'inbox/failed/cctns/thana-export.csv.error.txt',
      ]);
      expect((await s.get('inbox/failed/cctns/thana-export.csv')).toString('utf8')).toBe(malformedCsv);
      const errorText = (await s.get('inbox/failed/cctns/thana-export.csv.error.txt')).toString('utf8');
      expect(errorText).toContain('crimelake could not ingest inbox/cctns/thana-export.csv');
      expect(errorText).toContain(`workflow: ${ingestWorkflowId('cctns', sha256(malformedCsv))}`);
      expect(errorText).toMatch(/IngestError: thana-export\.csv:1: not a CCTNS extract/);

      // The same content dropped again under a third name: its ingest already ran, so it is a duplicate.
      await s.put('inbox/cctns/resent.csv', firsCsv);
      const again = await env.client.workflow.execute<typeof scanInbox>('scanInbox', {
        taskQueue,
        workflowId: `${scanId}-2`,
        args: [{}],
      });
      expect(again).toMatchObject({ objects: 1, ingested: 0, duplicates: 1, failed: 0 });
      expect(await query(t, 'select count(*)::int as n from firs')).toEqual([{ n: 3 }]);
      expect(await keysUnder(t, 'inbox/done/cctns/resent.csv')).toEqual(['inbox/done/cctns/resent.csv']);

      // Histories carry keys and counts, never rows.
      expect(await historyBytes(scanId)).toBeLessThan(100_000);
      expect(await historyBytes(ingestWorkflowId('cctns', sha256(firsCsv)))).toBeLessThan(100_000);

      // Determinism: the recorded history replays on the current workflow code.
      const history = await env.client.workflow.getHandle(scanId).fetchHistory();
      await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, scanId);
    });
  });
});

describe('ingestFile on Temporal', () => {
  it('returns the summary without the rejected records’ raw text; bad data fails without retries', async () => {
    const t = minioLake('ingest-file');
    const taskQueue = uniqueTaskQueue('ingest');
    const rows = threeFirs();
    const withBad = toCsv(firHeaders, [rows[0]!, { ...rows[1]!, registered_at: '31/02/2024 10:00' }]);
    await t.lake.storage.put('uploads/firs-bad-row.csv', withBad);
    await t.lake.storage.put('uploads/not-cctns.csv', malformedCsv);
    const worker = await testWorker(env, t.env, taskQueue);
    await worker.runUntil(async () => {
      const summary = await env.client.workflow.execute<typeof ingestFile>('ingestFile', {
        taskQueue,
        workflowId: `ingest-${taskQueue}`,
        args: [{ source: 'cctns', key: 'uploads/firs-bad-row.csv' }],
      });
      expect(summary).toMatchObject({ rowsIn: 2, rowsLanded: 1, rowsQuarantined: 1, key: 'uploads/firs-bad-row.csv' });
      expect(summary.rejects).toEqual([
        { line: 3, field: 'registered_at', reason: expect.stringContaining('31/02/2024 10:00') as string },
      ]);

      const failed = env.client.workflow.execute<typeof ingestFile>('ingestFile', {
        taskQueue,
        workflowId: `ingest-bad-${taskQueue}`,
        args: [{ source: 'cctns', key: 'uploads/not-cctns.csv' }],
      });
      const error = await failed.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(WorkflowFailedError);
      const cause = (error as WorkflowFailedError).cause?.cause;
      expect(cause).toBeInstanceOf(ApplicationFailure);
      expect(cause).toMatchObject({ type: 'IngestError', nonRetryable: true });
      // One attempt: bad data is not retried.
      const history = await env.client.workflow.getHandle(`ingest-bad-${taskQueue}`).fetchHistory();
      const attempts = (history.events ?? []).filter((e) => e.activityTaskStartedEventAttributes);
      expect(attempts.map((e) => e.activityTaskStartedEventAttributes?.attempt)).toEqual([1]);
    });
  });
});

describe('buildDerived, publishWeeklyReports and publishMonthlyReports on Temporal', () => {
  it('builds the models, then publishes the week’s and the month’s reports to published/', async () => {
    const t = minioLake('derived');
    const taskQueue = uniqueTaskQueue('derived');
    await t.lake.storage.put('inbox/cctns/firs.csv', firsCsv);
    const worker = await testWorker(env, t.env, taskQueue);
    await worker.runUntil(async () => {
      // The same content as the inbox test, in another lake: its ingest workflow id is taken, so
      // the scan asks this lake's ledger, and ingests the file here.
      const scanned = await env.client.workflow.execute<typeof scanInbox>('scanInbox', {
        taskQueue,
        workflowId: `scan-${taskQueue}`,
        args: [{}],
      });
      expect(scanned).toMatchObject({ objects: 1, ingested: 1, duplicates: 0, rowsLanded: 3 });
      const built = await env.client.workflow.execute<typeof buildDerived>('buildDerived', {
        taskQueue,
        workflowId: `build-${taskQueue}`,
        args: [{}],
      });
      // Every model, once, in waves of dependency order.
      expect(built.models.map((m) => m.model)).toEqual(
        planWaves(models.map((m) => m.contract.name)).flatMap((w) => w.map((step) => step.model)),
      );
      expect(built.models.find((m) => m.model === 'crime_monthly')).toMatchObject({ skipped: false, rowCount: 3 });
      const rebuilt = await env.client.workflow.execute<typeof buildDerived>('buildDerived', {
        taskQueue,
        workflowId: `build-again-${taskQueue}`,
        args: [{ models: ['crime_monthly'] }],
      });
      expect(rebuilt.models).toEqual([expect.objectContaining({ model: 'crime_monthly', skipped: true })]);

      // FIR 0101 was registered on 15/03/2024 10:30 IST: ISO week 2024-W11.
      const published = await env.client.workflow.execute<typeof publishWeeklyReports>('publishWeeklyReports', {
        taskQueue,
        workflowId: `weekly-${taskQueue}`,
        args: [{ week: '2024-W11' }],
      });
      expect(published.week).toBe('2024-W11');
      expect(published.reports.map((r) => [r.report, r.prefix])).toEqual([
        ['weekly-hotspots', 'published/weekly-hotspots/2024-W11/'],
        ['sensitivity', 'published/sensitivity/2024-W11/'],
      ]);
      const expectedKeys: string[] = [];
      for (const r of published.reports) {
        const manifest = JSON.parse((await t.lake.storage.get(r.manifestKey)).toString('utf8')) as ReportManifest;
        expect(manifest).toMatchObject({ report: r.report, period: { kind: 'week', id: '2024-W11' } });
        expect(r.rowCount).toBe(manifest.datasets[0]!.rowCount);
        expect(r.outputs).toEqual(manifest.outputs.map((o) => ({ ...o, key: r.prefix + o.file })));
        expect(manifest.outputs.map((o) => o.file)).toContain('report.html');
        for (const o of r.outputs) {
          const body = await t.lake.storage.get(o.key);
          expect(sha256(body), o.key).toBe(o.sha256);
        }
        // Every model was built: the report reads its snapshots and has no empty sections.
        for (const input of manifest.inputs) expect(input.version, `${r.report}: ${input.table}`).toBeGreaterThan(0);
        expect(manifest.notes.join(' ')).not.toContain('not in the lake yet');
        expectedKeys.push(r.manifestKey, ...r.outputs.map((o) => o.key));
      }
      expect((await keysUnder(t, 'published/')).sort()).toEqual(expectedKeys.sort());
      expect(await historyBytes(`weekly-${taskQueue}`)).toBeLessThan(100_000);

      const bad = await env.client.workflow
        .execute<typeof publishWeeklyReports>('publishWeeklyReports', {
          taskQueue,
          workflowId: `weekly-bad-${taskQueue}`,
          args: [{ week: '2024-W60' }],
        })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(bad).toBeInstanceOf(WorkflowFailedError);
      expect((bad as WorkflowFailedError).cause).toMatchObject({ type: 'WeekError' });

      // FIR 0101 was registered on 15/03/2024 (IST): the thana comparison of 2024-03.
      const monthlyId = `monthly-${taskQueue}`;
      const monthly = await env.client.workflow.execute<typeof publishMonthlyReports>('publishMonthlyReports', {
        taskQueue,
        workflowId: monthlyId,
        args: [{ month: '2024-03' }],
      });
      expect(monthly.month).toBe('2024-03');
      expect(monthly.reports.map((r) => [r.report, r.month, r.prefix])).toEqual([
        ['station-comparison', '2024-03', 'published/station-comparison/2024-03/'],
      ]);
      const [station] = monthly.reports;
      const stationManifest = JSON.parse(
        (await t.lake.storage.get(station!.manifestKey)).toString('utf8'),
      ) as ReportManifest;
      expect(stationManifest).toMatchObject({
        report: 'station-comparison',
        period: { kind: 'month', id: '2024-03', timeZone: 'Asia/Kolkata' },
      });
      expect(station!.rowCount).toBe(stationManifest.datasets[0]!.rowCount);
      expect(station!.rowCount).toBeGreaterThan(0);
      expect(station!.outputs).toEqual(stationManifest.outputs.map((o) => ({ ...o, key: station!.prefix + o.file })));
      for (const o of station!.outputs) expect(sha256(await t.lake.storage.get(o.key)), o.key).toBe(o.sha256);
      for (const input of stationManifest.inputs) expect(input.version, input.table).toBeGreaterThan(0);
      expect(stationManifest.notes.join(' ')).not.toContain('not in the lake yet');
      expect((await keysUnder(t, 'published/station-comparison/')).sort()).toEqual(
        [station!.manifestKey, ...station!.outputs.map((o) => o.key)].sort(),
      );
      expect(await historyBytes(monthlyId)).toBeLessThan(100_000);
      const monthlyHistory = await env.client.workflow.getHandle(monthlyId).fetchHistory();
      await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, monthlyHistory, monthlyId);

      const badMonth = await env.client.workflow
        .execute<typeof publishMonthlyReports>('publishMonthlyReports', {
          taskQueue,
          workflowId: `monthly-bad-${taskQueue}`,
          args: [{ month: '2024-13' }],
        })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(badMonth).toBeInstanceOf(WorkflowFailedError);
      expect((badMonth as WorkflowFailedError).cause).toMatchObject({ type: 'MonthError', nonRetryable: true });
    });
  });
});

describe('the month a monthly run publishes', () => {
  it('is the month (Asia/Kolkata) that ended before the run, or the one asked for', () => {
    // 1 July 00:00 IST is 30 June 18:30 UTC: June has just ended.
    expect(previousIstMonth(new Date('2025-06-30T18:30:00Z'))).toBe('2025-06');
    expect(previousIstMonth(new Date('2025-06-30T18:29:00Z'))).toBe('2025-05');
    expect(previousIstMonth(new Date('2025-01-01T01:00:00Z'))).toBe('2024-12');
    expect(resolveMonth(undefined, new Date('2025-01-01T01:00:00Z'))).toBe('2024-12');
    expect(resolveMonth('2024-03', new Date())).toBe('2024-03');
    expect(() => resolveMonth('2024-13', new Date())).toThrow(MonthError);
    expect(() => resolveMonth('2024-3', new Date())).toThrow(/expected YYYY-MM/);
  });
});

describe('crimelake --via temporal', () => {
  it('ingest and run weekly-reports start workflows, wait, and print the workflow id and result', async () => {
    const t = minioLake('via-temporal');
    const taskQueue = uniqueTaskQueue('via');
    const dir = tempDir('via');
    const rows = threeFirs();
    const file = writeFirs(dir, 'firs.csv', [rows[0]!, { ...rows[1]!, fir_number: '' }, rows[2]!]);
    const workflowId = ingestWorkflowId('cctns', sha256(fs.readFileSync(file, 'utf8')));
    const cliEnv = { ...t.env, ...temporalEnv(env, taskQueue) };
    const worker = await testWorker(env, t.env, taskQueue);
    await worker.runUntil(async () => {
      const ingest = await crimelake(['ingest', 'cctns', dir, '--via', 'temporal', '--format', 'json'], cliEnv);
      expect(ingest.code, ingest.stderr).toBe(3); // one row quarantined
      expect(ingest.stderr).toContain(`firs.csv: workflow ${workflowId} completed`);
      expect(ingest.stderr).toContain('firs.csv: 3 rows in, 2 landed, 1 quarantined');
      expect(ingest.stderr).toContain('firs.csv:3: fir_number:');
      expect(JSON.parse(ingest.stdout)).toEqual([
        expect.objectContaining({
          rowsLanded: 2,
          key: expect.stringMatching(/^uploads\/cctns\/[0-9a-f]{24}\/firs\.csv$/) as string,
        }),
      ]);
      expect(await keysUnder(t, 'uploads/')).toEqual([]); // removed once ingested

      const run = await crimelake(['run', 'weekly-reports', '--week', '2024-W11', '--via', 'temporal'], cliEnv);
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({
        workflowId: 'crimelake-weekly-reports-2024-W11',
        result: { week: '2024-W11', reports: [{ report: 'weekly-hotspots' }, { report: 'sensitivity' }] },
      });
      expect(run.stderr).toContain('workflow crimelake-weekly-reports-2024-W11 completed');
    });
    const lakeFlag = await crimelake(['run', 'build-derived', '--via', 'temporal', '--lake', 'x'], cliEnv);
    expect(lakeFlag.code).toBe(2);
  });
});
