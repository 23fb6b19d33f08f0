/**
 * `crimelake worker` as a real child process on a real Temporal dev server, MinIO as the lake:
 * a worker killed mid-ingest (after raw landing, before commit) loses nothing and the retry on a
 * new worker adds no duplicates; SIGTERM stops the worker cleanly within the heartbeat timeout.
 * The test-only fault CRIMELAKE_TEST_FAULT=hang-after-raw-landing holds the ingest at that point.
 */
import crypto from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentSnapshot } from '../lake/catalog.ts';
import { withDuckDb } from '../lake/duckdb.ts';
import { attachLake } from '../lake/session.ts';
import { firHeaders } from '../schemas/cctns/layout.ts';
import { fir, threeFirs, toCsv } from '../test/util/cctns-fixtures.ts';
import { minioLake, type TestLake } from '../test/util/lakes.ts';
import {
  spawnWorker,
  startTemporal,
  temporalEnv,
  testWorker,
  uniqueTaskQueue,
  waitFor,
  workflowBundle,
} from '../test/util/temporal.ts';
import { INGEST_ACTIVITY } from './presets.ts';
import { ingestWorkflowId } from './shared.ts';
import type { ingestFile } from './workflows.ts';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  [env] = await Promise.all([startTemporal(), workflowBundle()]);
});
afterAll(async () => {
  await env?.teardown();
});

/** INGEST_ACTIVITY's heartbeat timeout (checked in the first test). */
const heartbeatTimeoutMs = 10_000;

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/** Drops a FIR extract in the lake and starts its ingestFile workflow; resolves once raw landing is visible. */
async function startIngestAndWaitForRawLanding(t: TestLake, taskQueue: string, csv: string) {
  const key = 'inbox/cctns/firs-week.csv';
  await t.lake.storage.put(key, csv);
  const workflowId = ingestWorkflowId('cctns', sha256(csv));
  const handle = await env.client.workflow.start<typeof ingestFile>('ingestFile', {
    taskQueue,
    workflowId,
    args: [{ source: 'cctns', key }],
  });
  const marker = `_catalog/raw/cctns/${sha256(csv).slice(0, 16)}.json`;
  // The first start bundles the workflows in the child process: allow for it.
  await waitFor('the raw landing', async () => ((await t.lake.storage.head(marker)) ? true : undefined), 90_000);
  return handle;
}

async function tableCounts(t: TestLake) {
  return withDuckDb(t.config, async (db) => {
    await attachLake(db, t.lake);
    return db.all(
      `select (select count(*) from firs)::int as firs, (select count(distinct fir_id) from firs)::int as distinct_firs,
              (select count(*) from fir_sections)::int as sections`,
    );
  });
}

async function activityAttempts(workflowId: string): Promise<number[]> {
  const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? [])
    .map((e) => e.activityTaskStartedEventAttributes?.attempt)
    .filter((a): a is number => typeof a === 'number');
}

describe('crimelake worker', () => {
  it('killed after raw landing, before commit: a new worker completes the ingest, no duplicates', async () => {
    expect(INGEST_ACTIVITY.heartbeatTimeout).toBe('10 seconds');
    const t = minioLake('kill');
    const taskQueue = uniqueTaskQueue('kill');
    const csv = toCsv(firHeaders, [...threeFirs(), fir({ fir_number: '0777', place: 'Kerakat' })]);
    const child = spawnWorker({
      ...t.env,
      ...temporalEnv(env, taskQueue),
      CRIMELAKE_LOG_LEVEL: 'info',
      CRIMELAKE_TEST_FAULT: 'hang-after-raw-landing',
    });
    const handle = await startIngestAndWaitForRawLanding(t, taskQueue, csv);
    // Landed, not committed: no table has a snapshot yet.
    expect(await currentSnapshot(t.lake.storage, 'firs')).toBeUndefined();
    expect(child.output()).toContain('test fault: hanging after raw landing');

    child.child.kill('SIGKILL');
    expect((await child.exited).signal).toBe('SIGKILL');

    // The server notices the dead worker when the heartbeat timeout passes, then retries.
    const worker = await testWorker(env, t.env, taskQueue);
    const started = Date.now();
    const summary = await worker.runUntil(handle.result());
    expect(Date.now() - started).toBeLessThan(heartbeatTimeoutMs + 15_000);
    expect(summary).toMatchObject({ rowsIn: 4, rowsLanded: 4, rowsQuarantined: 0, alreadyIngested: false });
    expect(await activityAttempts(handle.workflowId)).toEqual([2]);

    expect(await tableCounts(t)).toEqual([{ firs: 4, distinct_firs: 4, sections: 7 }]);
    // One landed copy (and its checksum), reused by the retry.
    const raw: string[] = [];
    for await (const o of t.lake.storage.list('raw/cctns/')) raw.push(o.key);
    expect(raw).toHaveLength(2);
    expect(raw[0]).toMatch(/^raw\/cctns\/ingest_date=\d{4}-\d{2}-\d{2}\/[0-9a-f]{16}\/firs-week\.csv$/);
    const snap = await currentSnapshot(t.lake.storage, 'firs');
    expect(snap?.batches).toEqual([sha256(csv).slice(0, 16)]);
  });

  it('stops cleanly on SIGTERM within the heartbeat timeout while an activity runs; the ingest moves on', async () => {
    const t = minioLake('sigterm');
    const taskQueue = uniqueTaskQueue('sigterm');
    const csv = toCsv(firHeaders, threeFirs().slice(0, 2));
    const child = spawnWorker({
      ...t.env,
      ...temporalEnv(env, taskQueue),
      CRIMELAKE_LOG_LEVEL: 'info',
      CRIMELAKE_TEST_FAULT: 'hang-after-raw-landing',
    });
    const handle = await startIngestAndWaitForRawLanding(t, taskQueue, csv);

    const signalled = Date.now();
    child.child.kill('SIGTERM');
    const exit = await child.exited;
    const took = Date.now() - signalled;
    expect(exit, child.output()).toEqual({ code: 0, signal: null });
    expect(took).toBeLessThan(heartbeatTimeoutMs);
    expect(child.output()).toContain('worker stopped');

    // The cancelled attempt failed at once, so another worker takes the retry without waiting
    // for a heartbeat timeout.
    const worker = await testWorker(env, t.env, taskQueue);
    const summary = await worker.runUntil(handle.result());
    expect(summary).toMatchObject({ rowsLanded: 2, alreadyIngested: false });
    expect(await activityAttempts(handle.workflowId)).toEqual([2]);
    expect(await tableCounts(t)).toEqual([{ firs: 2, distinct_firs: 2, sections: 4 }]);
  });
});
