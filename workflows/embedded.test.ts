/**
 * The embedded runner: the same flows and activities in-process, on a folder lake and on MinIO;
 * and `crimelake run …` without `--via temporal`.
 */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../lake/log.ts';
import { withDuckDb } from '../lake/duckdb.ts';
import { attachLake } from '../lake/session.ts';
import { accusedHeaders, firHeaders } from '../schemas/cctns/layout.ts';
import { accused, threeFirs, toCsv } from '../test/util/cctns-fixtures.ts';
import { crimelake } from '../test/util/cli.ts';
import { lakeKinds, localLake, type TestLake } from '../test/util/lakes.ts';
import type { ReportManifest } from '../reports/publish.ts';
import { createEmbeddedRunner } from './embedded.ts';

const firsCsv = toCsv(firHeaders, threeFirs());
const accusedCsv = toCsv(accusedHeaders, [accused()]);

async function keysUnder(t: TestLake, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const o of t.lake.storage.list(prefix)) keys.push(o.key);
  return keys.sort();
}

function runner(t: TestLake) {
  return createEmbeddedRunner({ config: t.config, lake: t.lake, log: silentLogger });
}

describe.each(lakeKinds)('embedded runner on a $kind lake', ({ make }) => {
  it('scans the inbox like the workflow: duplicates once, bad files to inbox/failed', async () => {
    const t = make();
    const s = t.lake.storage;
    await s.put('inbox/cctns/firs.csv', firsCsv);
    await s.put('inbox/cctns/again/firs.csv', firsCsv);
    await s.put('inbox/cctns/accused.csv', accusedCsv);
    await s.put('inbox/cctns/broken.csv', 'a,b\n1,2\n');
    await s.put('inbox/cctns/notes.txt', 'not an export');
    const result = await runner(t).scanInbox();
    expect(result).toEqual({
      objects: 5,
      ingested: 2,
      duplicates: 1,
      failed: 2,
      retryLater: 0,
      rowsLanded: 4,
      rowsQuarantined: 0,
      truncated: false,
    });
    expect(await keysUnder(t, 'inbox/')).toEqual([
      'inbox/done/cctns/accused.csv',
      'inbox/done/cctns/again/firs.csv',
      'inbox/done/cctns/firs.csv',
      'inbox/failed/cctns/broken.csv',
      'inbox/failed/cctns/broken.csv.error.txt',
      'inbox/failed/cctns/notes.txt',
      'inbox/failed/cctns/notes.txt.error.txt',
    ]);
    expect((await s.get('inbox/failed/cctns/notes.txt.error.txt')).toString()).toContain(
      'cctns reads .csv, .json, .jsonl, .ndjson files, not .txt',
    );
    expect((await s.get('inbox/failed/cctns/broken.csv.error.txt')).toString()).toContain(
      'IngestError: broken.csv:1: not a CCTNS extract',
    );

    // Dropped again: the ledger knows the content. A different file under a used name keeps both.
    await s.put('inbox/cctns/firs.csv', firsCsv);
    await s.put('inbox/cctns/accused.csv', toCsv(accusedHeaders, [accused({ name: 'Suresh Yadav' })]));
    const again = await runner(t).scanInbox();
    expect(again).toMatchObject({ objects: 2, ingested: 1, duplicates: 1, failed: 0 });
    const done = await keysUnder(t, 'inbox/done/cctns/');
    expect(done).toHaveLength(4);
    expect(done.filter((k) => /accused-[0-9a-f]{8}\.csv$/.test(k))).toHaveLength(1);

    const counts = await withDuckDb(t.config, async (db) => {
      await attachLake(db, t.lake);
      return db.all(
        'select (select count(*) from firs)::int as firs, (select count(*) from fir_accused)::int as accused',
      );
    });
    expect(counts).toEqual([{ firs: 3, accused: 1 }]); // the second accused file replaced accused 1 of FIR 0101
  });

  it('publishes a week’s reports (weekly-hotspots and sensitivity), and publishing again replaces them', async () => {
    const t = make();
    await t.lake.storage.put('inbox/cctns/firs.csv', firsCsv);
    const r = runner(t);
    await r.scanInbox();
    const built = await r.buildDerived({ models: ['crime_monthly'] });
    expect(built.models).toEqual([expect.objectContaining({ model: 'crime_monthly', skipped: false, rowCount: 3 })]);

    // FIR 0101: 15/03/2024 10:30 IST, IPC 379 (theft: property), Line Bazar, Jaunpur.
    const first = await r.publishWeeklyReports({ week: '2024-W11' });
    expect(first.week).toBe('2024-W11');
    expect(first.reports.map((p) => p.report)).toEqual(['weekly-hotspots', 'sensitivity']);
    const manifests = new Map<string, ReportManifest>();
    for (const published of first.reports) {
      const prefix = `published/${published.report}/2024-W11/`;
      expect(published).toMatchObject({ week: '2024-W11', prefix, manifestKey: prefix + 'manifest.json' });
      const manifest = JSON.parse((await t.lake.storage.get(published.manifestKey)).toString()) as ReportManifest;
      manifests.set(published.report, manifest);
      expect(manifest).toMatchObject({
        report: published.report,
        period: {
          kind: 'week',
          id: '2024-W11',
          start: '2024-03-10T18:30:00.000Z',
          end: '2024-03-17T18:30:00.000Z',
          timeZone: 'Asia/Kolkata',
        },
      });
      expect(manifest.codeVersion).toMatch(/^0\.1\.0(\+[0-9a-f]{12})?$/);
      expect(published.rowCount).toBe(manifest.datasets[0]!.rowCount);
      // The activity returns the manifest's outputs; the manifest names every file, with its hash.
      expect(published.outputs).toEqual(manifest.outputs.map((o) => ({ ...o, key: prefix + o.file })));
      expect(manifest.outputs.map((o) => o.file).sort()).toEqual(
        ['report.html', ...manifest.datasets.flatMap((d) => [`${d.name}.csv`, `${d.name}.parquet`])].sort(),
      );
      for (const o of manifest.outputs) {
        const body = await t.lake.storage.get(prefix + o.file);
        expect([body.length, crypto.createHash('sha256').update(body).digest('hex')], o.file).toEqual([
          o.bytes,
          o.sha256,
        ]);
        if (o.file.endsWith('.csv')) expect([...body.subarray(0, 3)], o.file).toEqual([0xef, 0xbb, 0xbf]);
      }
      expect(await keysUnder(t, prefix)).toEqual(
        [prefix + 'manifest.json', ...manifest.outputs.map((o) => prefix + o.file)].sort(),
      );
      const html = (await t.lake.storage.get(prefix + 'report.html')).toString('utf8');
      expect(html).toContain('2024-W11');
      expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    }
    const hotspots = manifests.get('weekly-hotspots')!;
    expect(hotspots.inputs.find((i) => i.table === 'firs')).toMatchObject({ version: 1, rowCount: 3 });
    // Only crime_monthly was built: the sections of the analytics tables say so.
    expect(hotspots.notes.join(' ')).toContain('hotspot_cells');
    expect(manifests.get('sensitivity')!.notes.join(' ')).toContain('sensitivity_assessment');
    const html = (await t.lake.storage.get('published/weekly-hotspots/2024-W11/report.html')).toString('utf8');
    expect(html).toContain('साप्ताहिक हॉटस्पॉट रिपोर्ट, 2024-W11');

    // The Parquet outputs are plain Parquet with the dataset's rows.
    const prefix = 'published/weekly-hotspots/2024-W11/';
    const parquetRows = await withDuckDb(t.config, async (db) => {
      let file = t.lake.storage.localPath(prefix + 'thanas.parquet');
      if (!file) {
        file = `${t.config.cacheDir}/thanas.parquet`;
        await t.lake.storage.getToFile(prefix + 'thanas.parquet', file);
      }
      return db.all<{ n: number }>(`select count(*)::int as n from read_parquet('${file}')`);
    });
    expect(parquetRows).toEqual([{ n: hotspots.datasets.find((d) => d.name === 'thanas')!.rowCount }]);

    // Publishing again replaces each week's files (a stale file goes) with the same outputs.
    await t.lake.storage.put(prefix + 'stale.txt', 'from an older version');
    const again = await r.publishWeeklyReports({ week: '2024-W11' });
    expect(again.reports.map((p) => p.report)).toEqual(['weekly-hotspots', 'sensitivity']);
    for (const [i, published] of again.reports.entries()) {
      expect(published.outputs.map((o) => [o.file, o.sha256])).toEqual(
        first.reports[i]!.outputs.map((o) => [o.file, o.sha256]),
      );
      expect(await keysUnder(t, published.prefix)).toEqual(
        [published.manifestKey, ...published.outputs.map((o) => o.key)].sort(),
      );
    }

    // A week without FIRs is still a report, with no rows.
    const empty = await r.publishWeeklyReports({ week: '2023-W40' });
    expect(empty.reports.map((p) => [p.report, p.rowCount])).toEqual([
      ['weekly-hotspots', 0],
      ['sensitivity', 0],
    ]);
    await expect(r.publishWeeklyReports({ week: '2023-W54' })).rejects.toThrow(/2023 has no week 54/);
  });
});

describe('crimelake run (embedded)', () => {
  it('publishes a week, prints the result as JSON; a bad week is a usage error', async () => {
    const t = localLake();
    await t.lake.storage.put('inbox/cctns/firs.csv', firsCsv);
    const scan = await crimelake(['run', 'scan-inbox'], t.env);
    expect(scan.code, scan.stderr).toBe(0);
    expect(scan.stderr).toContain('1 objects: 1 ingested, 0 duplicates, 0 failed');
    const run = await crimelake(['run', 'weekly-reports', '--week', '2024-W11'], t.env);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      result: { week: '2024-W11', reports: [{ report: 'weekly-hotspots' }, { report: 'sensitivity' }] },
    });
    const build = await crimelake(['run', 'build-derived', 'crime_monthly'], t.env);
    expect(build.code, build.stderr).toBe(0);
    const bad = await crimelake(['run', 'weekly-reports', '--week', '2024-23'], t.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected YYYY-Www');
    const monthly = await crimelake(['run', 'monthly-reports', '--month', '2024-03'], t.env);
    expect(monthly.code, monthly.stderr).toBe(0);
    expect(JSON.parse(monthly.stdout)).toMatchObject({
      result: { month: '2024-03', reports: [{ report: 'station-comparison' }] },
    });
    expect(await keysUnder(t, 'published/station-comparison/2024-03/')).toContain(
      'published/station-comparison/2024-03/report.html',
    );
    const badMonth = await crimelake(['run', 'monthly-reports', '--month', '2024-13'], t.env);
    expect(badMonth.code).toBe(2);
    expect(badMonth.stderr).toContain('there is no month 13');
  });

  it('prints --help for the new verbs', async () => {
    for (const verb of [['worker'], ['run', 'weekly-reports'], ['run', 'monthly-reports']]) {
      const r = await crimelake([...verb, '--help'], {});
      expect(r.code, verb.join(' ')).toBe(0);
      expect(r.stdout + r.stderr).toContain(verb.join(' '));
    }
  });
});
