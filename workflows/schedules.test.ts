/**
 * The schedules on a real Temporal dev server: `crimelake schedules apply` twice leaves exactly
 * the four schedules as defined; triggering the weekly-report schedule publishes the week just
 * ended, and the monthly one the month just ended (Asia/Kolkata), from the lake on MinIO.
 */
import crypto from 'node:crypto';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDuckDb } from '../lake/duckdb.ts';
import { ingestCctnsFile } from '../ingestors/cctns/ingest-cctns.ts';
import { firHeaders } from '../schemas/cctns/layout.ts';
import { fir, toCsv } from '../test/util/cctns-fixtures.ts';
import { crimelake } from '../test/util/cli.ts';
import { minioLake, tempDir } from '../test/util/lakes.ts';
import {
  startTemporal,
  temporalEnv,
  testWorker,
  uniqueTaskQueue,
  waitFor,
  workflowBundle,
} from '../test/util/temporal.ts';
import { monthPeriod } from '../reports/builders.ts';
import type { ReportManifest } from '../reports/publish.ts';
import { istMonth, parseIstDateTime } from '../schemas/time.ts';
import { previousIstMonth } from './flows.ts';
import { scheduleDefinitions } from './schedules.ts';
import { isoWeekRange, previousIsoWeek } from './shared.ts';
import fs from 'node:fs';
import path from 'node:path';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  [env] = await Promise.all([startTemporal(), workflowBundle()]);
});
afterAll(async () => {
  await env?.teardown();
});

/** `DD/MM/YYYY HH:mm` in IST of an instant. */
function istText(instant: Date): string {
  const d = new Date(instant.getTime() + 5.5 * 3_600_000).toISOString();
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)} ${d.slice(11, 16)}`;
}

async function scheduleIds(): Promise<string[]> {
  const ids: string[] = [];
  for await (const s of env.client.schedule.list()) ids.push(s.scheduleId);
  return ids.sort();
}

describe('crimelake schedules', () => {
  it('applies idempotently, lists next runs; the weekly and monthly schedules publish the week and month just ended', async () => {
    const t = minioLake('schedules');
    const taskQueue = uniqueTaskQueue('schedules');
    const cliEnv = { ...t.env, ...temporalEnv(env, taskQueue) };

    const first = await crimelake(['schedules', 'apply'], cliEnv);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('created crimelake-scan-inbox');
    const second = await crimelake(['schedules', 'apply'], cliEnv);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr.match(/^updated /gm)).toHaveLength(4);

    const expected = [
      'crimelake-build-derived',
      'crimelake-monthly-reports',
      'crimelake-scan-inbox',
      'crimelake-weekly-reports',
    ];
    // Listing is eventually consistent: wait until all four show, then check there are no more.
    await waitFor('four schedules listed', async () => ((await scheduleIds()).length >= 4 ? true : undefined));
    expect(await scheduleIds()).toEqual(expected);
    expect(scheduleDefinitions.map((d) => d.scheduleId).sort()).toEqual(expected);

    const weekly = await env.client.schedule.getHandle('crimelake-weekly-reports').describe();
    expect(weekly.spec.timezone).toBe('Asia/Kolkata');
    expect(weekly.spec.calendars?.[0]).toMatchObject({
      dayOfWeek: [{ start: 'MONDAY', end: 'MONDAY', step: 1 }],
      hour: [{ start: 6, end: 6, step: 1 }],
      minute: [{ start: 0, end: 0, step: 1 }],
    });
    expect(weekly.policies).toMatchObject({ overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: 86_400_000 });
    expect(weekly.action).toMatchObject({ workflowType: 'publishWeeklyReports', taskQueue });
    // The next run is a Monday 06:00 in Asia/Kolkata (00:30 UTC).
    const next = weekly.info.nextActionTimes[0]!;
    expect([next.getUTCDay(), next.getUTCHours(), next.getUTCMinutes()]).toEqual([1, 0, 30]);
    const monthly = await env.client.schedule.getHandle('crimelake-monthly-reports').describe();
    expect(monthly.spec.timezone).toBe('Asia/Kolkata');
    expect(monthly.spec.calendars?.[0]).toMatchObject({
      dayOfMonth: [{ start: 1, end: 1, step: 1 }],
      hour: [{ start: 6, end: 6, step: 1 }],
      minute: [{ start: 30, end: 30, step: 1 }],
    });
    expect(monthly.policies).toMatchObject({ overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: 86_400_000 });
    expect(monthly.action).toMatchObject({ workflowType: 'publishMonthlyReports', taskQueue });
    // The next runs are on the 1st at 06:30 in Asia/Kolkata (01:00 UTC the same day).
    for (const d of monthly.info.nextActionTimes) {
      expect([d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()]).toEqual([1, 1, 0]);
    }
    const nightly = await env.client.schedule.getHandle('crimelake-build-derived').describe();
    expect(nightly.info.nextActionTimes.every((d) => d.getUTCHours() === 20 && d.getUTCMinutes() === 30)).toBe(true);
    const scan = await env.client.schedule.getHandle('crimelake-scan-inbox').describe();
    expect(scan.spec.intervals).toMatchObject([{ every: 900_000 }]);

    const listed = await crimelake(['schedules', 'list'], cliEnv);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain('crimelake-weekly-reports  publishWeeklyReports');
    expect(listed.stdout).toContain('crimelake-monthly-reports  publishMonthlyReports');
    expect(listed.stdout).toMatch(/next: \d{4}-\d{2}-\d{2}T00:30:00\.000Z/);

    // FIRs in the week just ended (IST), one in the week before, one this week.
    const week = previousIsoWeek(new Date());
    const { start } = isoWeekRange(week);
    const at = (days: number, hours: number) =>
      istText(new Date(start.getTime() + days * 86_400_000 + hours * 3_600_000));
    const rows = [
      fir({ fir_number: '0001', registered_at: at(0, 10), acts_sections: 'IPC 379' }),
      fir({ fir_number: '0002', registered_at: at(3, 15), acts_sections: 'BNS 303(2)' }),
      fir({ fir_number: '0003', registered_at: at(6, 23.5), acts_sections: 'BNS 103(1)' }),
      fir({ district: 'Ghazipur', police_station: 'Kotwali', fir_number: '0004', registered_at: at(2, 9) }),
      fir({ fir_number: '0005', registered_at: at(-3, 12), acts_sections: 'IPC 379' }),
      fir({ fir_number: '0006', registered_at: at(7, 1), acts_sections: 'IPC 379' }),
    ].map((r) => ({ ...r, occurred_from: '', occurred_to: '', last_updated_at: '' }));
    const file = path.join(tempDir('schedules'), 'firs.csv');
    fs.writeFileSync(file, toCsv(firHeaders, rows));
    const ingested = await withDuckDb(t.config, (db) => ingestCctnsFile({ lake: t.lake, db }, file));
    expect(ingested).toMatchObject({ rowsLanded: 6, rowsQuarantined: 0 });

    const worker = await testWorker(env, t.env, taskQueue);
    await worker.runUntil(async () => {
      const handle = env.client.schedule.getHandle('crimelake-weekly-reports');
      await handle.trigger();
      const run = await waitFor('the triggered run', async () => (await handle.describe()).info.recentActions.at(-1));
      const result = await env.client.workflow.getHandle(run.action.workflow.workflowId).result();
      expect(result).toMatchObject({ week });
    });

    // Both weekly reports, for the week just ended, each with a manifest naming its files and hashes.
    for (const report of ['weekly-hotspots', 'sensitivity']) {
      const prefix = `published/${report}/${week}/`;
      const manifest = JSON.parse(
        (await t.lake.storage.get(prefix + 'manifest.json')).toString('utf8'),
      ) as ReportManifest;
      expect(manifest).toMatchObject({
        report,
        period: { kind: 'week', id: week, start: start.toISOString(), timeZone: 'Asia/Kolkata' },
      });
      const keys: string[] = [];
      for await (const o of t.lake.storage.list(prefix)) keys.push(o.key.slice(prefix.length));
      expect(keys.sort()).toEqual(['manifest.json', ...manifest.outputs.map((o) => o.file)].sort());
      expect(manifest.outputs.map((o) => o.file)).toContain('report.html');
      for (const o of manifest.outputs) {
        const body = await t.lake.storage.get(prefix + o.file);
        expect(crypto.createHash('sha256').update(body).digest('hex'), o.file).toBe(o.sha256);
      }
    }
    const prefix = `published/weekly-hotspots/${week}/`;
    const hotspots = JSON.parse(
      (await t.lake.storage.get(prefix + 'manifest.json')).toString('utf8'),
    ) as ReportManifest;
    expect(hotspots.inputs.find((i) => i.table === 'firs')).toMatchObject({ version: 1, rowCount: 6 });
    // FIRs per district for the weeks ending with the week just ended: the one after it is not counted.
    const previous = previousIsoWeek(start);
    const counts = await t.lake.storage.get(prefix + 'weekly_counts.csv');
    expect([...counts.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(counts.subarray(3).toString('utf8')).toBe(
      [
        'district,period,fir_count',
        `Ghazipur,${previous},0`,
        `Ghazipur,${week},1`,
        `Jaunpur,${previous},1`,
        `Jaunpur,${week},3`,
        '',
      ].join('\r\n'),
    );
    const html = (await t.lake.storage.get(prefix + 'report.html')).toString('utf8');
    expect(html).toContain(`साप्ताहिक हॉटस्पॉट रिपोर्ट, ${week}`);
    expect(html).toContain('Jaunpur');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);

    // The month just ended (IST): FIRs at its first and last minutes count, one a minute into this month does not.
    const month = previousIstMonth(new Date());
    const period = monthPeriod(month);
    const [monthStart, monthEnd] = [new Date(period.start), new Date(period.end)];
    const monthRows = [
      fir({ fir_number: '0011', registered_at: istText(monthStart), acts_sections: 'IPC 379' }),
      fir({
        district: 'Ghazipur',
        police_station: 'Kotwali',
        fir_number: '0012',
        registered_at: istText(new Date(monthEnd.getTime() - 60_000)),
      }),
      fir({ fir_number: '0013', registered_at: istText(monthEnd), acts_sections: 'IPC 379' }),
    ].map((r) => ({ ...r, occurred_from: '', occurred_to: '', last_updated_at: '' }));
    const monthFile = path.join(tempDir('schedules'), 'firs-month.csv');
    fs.writeFileSync(monthFile, toCsv(firHeaders, monthRows));
    await withDuckDb(t.config, (db) => ingestCctnsFile({ lake: t.lake, db }, monthFile));

    const monthlyWorker = await testWorker(env, t.env, taskQueue);
    await monthlyWorker.runUntil(async () => {
      const handle = env.client.schedule.getHandle('crimelake-monthly-reports');
      await handle.trigger();
      const run = await waitFor('the triggered monthly run', async () =>
        (await handle.describe()).info.recentActions.at(-1),
      );
      const result = await env.client.workflow.getHandle(run.action.workflow.workflowId).result();
      expect(result).toMatchObject({ month, reports: [{ report: 'station-comparison', month }] });
    });

    const monthPrefix = `published/station-comparison/${month}/`;
    const monthManifest = JSON.parse(
      (await t.lake.storage.get(monthPrefix + 'manifest.json')).toString('utf8'),
    ) as ReportManifest;
    expect(monthManifest).toMatchObject({
      report: 'station-comparison',
      period: { kind: 'month', id: month, start: period.start, end: period.end, timeZone: 'Asia/Kolkata' },
    });
    expect(monthManifest.inputs.find((i) => i.table === 'firs')).toMatchObject({ rowCount: 9 });
    const monthKeys: string[] = [];
    for await (const o of t.lake.storage.list(monthPrefix)) monthKeys.push(o.key.slice(monthPrefix.length));
    expect(monthKeys.sort()).toEqual(['manifest.json', ...monthManifest.outputs.map((o) => o.file)].sort());
    for (const o of monthManifest.outputs) {
      const body = await t.lake.storage.get(monthPrefix + o.file);
      expect(crypto.createHash('sha256').update(body).digest('hex'), o.file).toBe(o.sha256);
    }
    // FIRs per district and month (IST) of the 12 months ending with the month just ended.
    const counted = new Map<string, number>();
    for (const r of [...rows, ...monthRows]) {
      const at = parseIstDateTime(r.registered_at)!;
      if (at >= monthEnd) continue;
      const k = `${r.district},${istMonth(at)}`;
      counted.set(k, (counted.get(k) ?? 0) + 1);
    }
    const districts = [...new Set([...counted.keys()].map((k) => k.split(',')[0]!))].sort();
    const months = [...new Set([...counted.keys()].map((k) => k.split(',')[1]!))].sort();
    expect(months).toContain(month);
    const expectedCounts = districts.flatMap((d) => months.map((m) => `${d},${m},${counted.get(`${d},${m}`) ?? 0}`));
    const monthCounts = await t.lake.storage.get(monthPrefix + 'monthly_counts.csv');
    expect([...monthCounts.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(monthCounts.subarray(3).toString('utf8')).toBe(
      ['district,period,fir_count', ...expectedCounts, ''].join('\r\n'),
    );
    const monthHtml = (await t.lake.storage.get(monthPrefix + 'report.html')).toString('utf8');
    expect(monthHtml).toContain(`थानावार तुलना, ${month}`);
    expect(monthHtml).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });
});
