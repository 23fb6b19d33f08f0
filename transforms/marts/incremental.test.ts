/**
 * Incremental builds of the marts (issue 5): on generated data, a full build of what the sources
 * exported before the last week, the next weekly extract, then re-exports that change earlier
 * periods, each built incrementally; every table then equals a full rebuild of the same lake, and
 * each incremental build rebuilt only the periods the new data touches (asserted on the scope).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDuckDb } from '../../lake/duckdb.ts';
import { attachLake } from '../../lake/session.ts';
import { localLake, tempDir, type TestLake } from '../../test/util/lakes.ts';
import { buildModels, type ModelBuildResult } from '../build.ts';
import { Corrections, generateSplit, ingestExtract, newWeek, type SplitData } from './incremental-fixtures.ts';

const built = [
  'police_stations',
  'place_names',
  'social_lexicon',
  'social_watch_list',
  'crime_monthly',
  'social_post_matches',
  'post_places',
  'flagged_posts',
  'social_response_times',
  'social_response_times_weekly',
  'social_rankings',
  'stolen_vehicle_sightings',
  'station_comparison',
];
const incremental = built.slice(4);

type Results = Map<string, ModelBuildResult>;

async function build(t: TestLake, full = false): Promise<Results> {
  const started = Date.now();
  const results = await withDuckDb(t.config, (db) => buildModels(t.lake, db, built, { config: t.config, full }));
  console.log(`${full ? 'full' : 'incremental'} build: ${Date.now() - started} ms`);
  return new Map(results.map((r) => [r.table, r]));
}

async function query<T>(t: TestLake, sql: string, params?: Record<string, string>): Promise<T[]> {
  return withDuckDb(t.config, async (db) => {
    await attachLake(db, t.lake);
    return db.all<T>(sql, params);
  });
}

const rebuilt = (results: Results, table: string) => results.get(table)?.scope?.values ?? [];

describe('incremental builds of the marts', () => {
  let split: SplitData;
  let lake: TestLake;
  let first: Results;
  let week: Results;
  let corrected: Results;
  let again: Results;
  // The tables as the incremental builds left them, one Parquet file each.
  const saved = tempDir('incremental-tables');
  // What the re-exports changed.
  let firLocal: string;
  let recoveredFrom: string;
  let tweetMonth: string;
  let complaintMonth: string;

  beforeAll(async () => {
    split = await generateSplit();
    lake = localLake();
    await ingestExtract(lake, split.before);
    first = await build(lake);
    await ingestExtract(lake, split.week);
    week = await build(lake);

    // Re-exports of records of earlier periods, picked from what the tables show now.
    const fix = new Corrections(split.dataDir);
    const registered = await fix.firSectionCorrected('2025-03');
    firLocal = `${registered.slice(6, 10)}-${registered.slice(3, 5)}-${registered.slice(0, 2)} ${registered.slice(11)}`;
    await fix.tipActioned('2025-05', '2025-06-24T11:00:00+05:30');
    await fix.followersCorrected('facebook', 'Bihar', '2025-04-20', 700_000);
    const [vehicle] = await query<{ registration_number: string; month: string }>(
      lake,
      `select s.registration_number, v.month
       from stolen_vehicle_sightings as s
       inner join stolen_vehicles as v using (stolen_report_id)
       where s.is_still_missing and s.month < $month
       group by all
       order by v.month, s.registration_number
       limit 1`,
      { month: newWeek.month },
    );
    await fix.vehicleRecovered(vehicle!.registration_number, '25/06/2025 10:00');
    recoveredFrom = vehicle!.month;
    const [tweet] = await query<{ post_id: string; month: string }>(
      lake,
      `select post_id, month from flagged_posts where platform = 'x' and month < '2025-05' order by created_at desc limit 1`,
    );
    const [complaint] = await query<{ post_id: string; month: string }>(
      lake,
      `select post_id, month from social_response_times
       where platform = 'x' and not is_answered and month < $month order by created_at desc limit 1`,
      { month: newWeek.month },
    );
    fix.tweets(tweet!.post_id, complaint!.post_id, '2025-06-25T06:00:00.000Z');
    tweetMonth = tweet!.month;
    complaintMonth = complaint!.month;
    await ingestExtract(lake, fix.extract);
    corrected = await build(lake);
    again = await build(lake);

    await withDuckDb(lake.config, async (db) => {
      await attachLake(db, lake.lake);
      for (const table of incremental)
        await db.run(`copy (select * from ${table}) to '${path.join(saved, `${table}.parquet`)}' (format parquet)`);
    });
    await build(lake, true);
  });

  it('builds every incremental model in full the first time', () => {
    for (const table of incremental) {
      expect(first.get(table)!.scope, table).toMatchObject({ full: true });
      expect(first.get(table)!.scope!.values.length, table).toBeGreaterThan(0);
    }
  });

  it("rebuilds only the new week's periods after the weekly extract", async () => {
    for (const table of incremental) expect(week.get(table)!.scope?.full ?? false, table).toBe(false);
    // Input fingerprints: exactly the months whose input partitions the extract rewrote.
    expect(rebuilt(week, 'crime_monthly')).toEqual(split.weekFirMonths);
    expect(rebuilt(week, 'stolen_vehicle_sightings')).toEqual([newWeek.month]);
    expect(rebuilt(week, 'social_post_matches')).toEqual([newWeek.month]);
    // Output fingerprints: the new week and month, and the week before (now complete, with its
    // pendency counted to the new data's end); no other period of the 78 weeks and 18 months.
    expect(rebuilt(week, 'station_comparison')).toEqual([newWeek.month, '2025-W25', newWeek.week]);
    const sc = week.get('station_comparison')!;
    expect([sc.filesAdded, sc.filesRemoved]).toEqual([3, 2]); // one partition per period
    expect(first.get('station_comparison')!.scope!.values.length).toBe(77 + 18);
    expect(rebuilt(week, 'social_rankings')).toEqual([newWeek.month]);
    for (const table of ['post_places', 'flagged_posts', 'social_response_times'])
      expect(['2025-05', newWeek.month], table).toEqual(expect.arrayContaining(rebuilt(week, table)));
    expect(['2025-W25', newWeek.week]).toEqual(expect.arrayContaining(rebuilt(week, 'social_response_times_weekly')));
  });

  it('rebuilds the earlier periods re-exports change, and the later periods reading them', async () => {
    for (const table of incremental) expect(corrected.get(table)!.scope?.full ?? false, table).toBe(false);
    expect(rebuilt(corrected, 'crime_monthly')).toEqual(['2025-03']);
    // The corrected FIR's week and month, and every later one of the year (year to date, trailing
    // weeks, pendency); the late-actioned tip's May week lies within.
    const later = await query<{ period: string }>(
      lake,
      `select distinct period from station_comparison
       where period_start >= date_trunc(period_kind, $fir::timestamp)::date order by period`,
      { fir: firLocal },
    );
    expect(later.length).toBeGreaterThan(10);
    expect(rebuilt(corrected, 'station_comparison')).toEqual(later.map((r) => r.period));
    // The corrected day's month, and the month whose two-month growth starts on that day.
    expect(rebuilt(corrected, 'social_rankings')).toEqual(['2025-04', newWeek.month]);
    // Every month of reads since the recovered vehicle's theft report (its span, and so the
    // reports that can match, changed in each).
    const months = await query<{ month: string }>(
      lake,
      'select distinct month from anpr_reads where month >= $from order by month',
      { from: recoveredFrom },
    );
    expect(rebuilt(corrected, 'stolen_vehicle_sightings')).toEqual(months.map((r) => r.month));
    expect(rebuilt(corrected, 'social_post_matches')).toEqual([...new Set([tweetMonth, newWeek.month])].sort());
    expect(rebuilt(corrected, 'flagged_posts')).toContain(tweetMonth);
    expect(rebuilt(corrected, 'social_response_times')).toContain(complaintMonth);
    expect(rebuilt(corrected, 'flagged_posts').length).toBeLessThan(first.get('flagged_posts')!.scope!.values.length);
  });

  it('skips every model when nothing new came in', () => {
    for (const table of built) expect(again.get(table)!.skipped, table).toBe(true);
  });

  it('gives the tables a full rebuild gives', async () => {
    await withDuckDb(lake.config, async (db) => {
      await attachLake(db, lake.lake);
      for (const table of incremental) {
        const file = path.join(saved, `${table}.parquet`);
        const [counts] = await db.all<{ incremental: number; full: number }>(
          `select (select count(*) from read_parquet($file))::integer as incremental,
                  (select count(*) from ${table})::integer as full`,
          { file },
        );
        expect(counts!.full, table).toBeGreaterThan(0);
        expect(counts!.incremental, table).toBe(counts!.full);
        // Every row of one is a row of the other, duplicates counted (EXCEPT ALL; nulls compare equal).
        const differing = await db.all(
          `select * from (
             select 'incremental only' as side, * from (select * from read_parquet($file) except all select * from ${table})
             union all
             select 'full only' as side, * from (select * from ${table} except all select * from read_parquet($file))
           ) order by all limit 6`,
          { file },
        );
        expect(differing, table).toEqual([]);
      }
    });
  });
});
