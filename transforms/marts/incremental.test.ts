/**
 * Incremental builds of the marts (issue 5): on generated data, a full build of what the sources
 * exported before the last week, the next weekly extract, then re-exports that change earlier
 * periods, each built incrementally; every table then equals a full rebuild of the same lake, and
 * each incremental build rebuilt only the periods the new data touches (asserted on the scope).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTableSql } from '../../lake/contract.ts';
import { withDuckDb } from '../../lake/duckdb.ts';
import type { Logger } from '../../lake/log.ts';
import { attachLake } from '../../lake/session.ts';
import { localLake, tempDir, type TestLake } from '../../test/util/lakes.ts';
import { buildModels, type ModelBuildResult } from '../build.ts';
import { Corrections, generateSplit, ingestExtract, newWeek, type SplitData } from './incremental-fixtures.ts';
import { offenderProfilesModel, profilesBuild } from './offender_profiles.ts';
import { buildPerPerson, type PerPersonBuild } from './person-builds.ts';
import { personsBuild } from './persons.ts';

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
  // Per-person marts (person-builds.ts): they keep their own fingerprints, one per person.
  'person_records',
  'person_id_history',
  'persons',
  'co_accused_edges',
  'offender_profiles',
];
const incremental = built.slice(4, built.indexOf('person_records'));
const perPerson = [
  { table: 'persons', build: personsBuild },
  { table: 'offender_profiles', build: profilesBuild },
] as const;

/** What the per-person marts' builds logged ('built per person'), in order. */
interface PerPersonLog {
  table: string;
  full: boolean;
  computed: number;
  kept: number;
}
const perPersonLog: PerPersonLog[] = [];

/** A lake whose logger keeps the per-person builds' lines. */
function recordingLake(): TestLake {
  const t = localLake();
  const log: Logger = {
    ...t.lake.log,
    info(message, fields) {
      if (message === 'built per person') perPersonLog.push(fields as unknown as PerPersonLog);
      t.lake.log.info(message, fields);
    },
  };
  return { ...t, lake: { ...t.lake, log } };
}

/** The per-person builds' log lines since `from`, by table. */
const perPersonSince = (from: number) => new Map(perPersonLog.slice(from).map((l) => [l.table, l]));

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
  let aliased: { firNumber: string; accusedNumber: string };
  // The per-person marts' builds: first, after the week, after the re-exports.
  let people: Map<string, PerPersonLog>[];

  beforeAll(async () => {
    split = await generateSplit();
    lake = recordingLake();
    await ingestExtract(lake, split.before);
    let logged = perPersonLog.length;
    first = await build(lake);
    people = [perPersonSince(logged)];
    await ingestExtract(lake, split.week);
    logged = perPersonLog.length;
    week = await build(lake);
    people.push(perPersonSince(logged));

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
    aliased = await fix.accusedAliasAdded('2025-02', 'Kallu');
    await ingestExtract(lake, fix.extract);
    logged = perPersonLog.length;
    corrected = await build(lake);
    people.push(perPersonSince(logged));
    again = await build(lake);

    await withDuckDb(lake.config, async (db) => {
      await attachLake(db, lake.lake);
      for (const table of [...incremental, ...perPerson.map((p) => p.table)])
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
    // Input fingerprints from the facts each period reads (station_comparison.fingerprints.sql):
    // the build computes only the new week and month, and the week before (now complete, with its
    // pendency counted to the new data's end); no other period of the 78 weeks and 18 months,
    // although the extract re-exported FIRs of earlier months (concluded in the new week).
    expect(split.weekFirMonths.length).toBeGreaterThan(1);
    expect(rebuilt(week, 'station_comparison')).toEqual([newWeek.month, '2025-W25', newWeek.week]);
    const sc = week.get('station_comparison')!;
    expect([sc.filesAdded, sc.filesRemoved]).toEqual([3, 2]); // one partition per period
    const [computed] = await query<{ n: number }>(
      lake,
      'select count(*)::integer as n from station_comparison where period in ($month, $before, $week)',
      { month: newWeek.month, before: '2025-W25', week: newWeek.week },
    );
    expect(sc.rowsIncoming).toBe(computed!.n);
    expect(first.get('station_comparison')!.scope!.values.length).toBe(77 + 18);
    expect(rebuilt(week, 'social_rankings')).toEqual([newWeek.month]);
    for (const table of ['post_places', 'flagged_posts', 'social_response_times'])
      expect(['2025-05', newWeek.month], table).toEqual(expect.arrayContaining(rebuilt(week, table)));
    expect(['2025-W25', newWeek.week]).toEqual(expect.arrayContaining(rebuilt(week, 'social_response_times_weekly')));
  });

  it('rebuilds the earlier periods re-exports change, and the later periods reading them', async () => {
    for (const table of incremental) expect(corrected.get(table)!.scope?.full ?? false, table).toBe(false);
    expect(rebuilt(corrected, 'crime_monthly')).toEqual(['2025-03']);
    // The corrected FIR's week and month, and every later one (year to date, trailing weeks,
    // pendency, same period next year), computed; the late-actioned tip's May week lies within.
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

  it('builds the per-person marts in full the first time, then only the persons whose inputs changed', async () => {
    console.log(
      'per-person builds',
      people.map((step) => Object.fromEntries(step)),
    );
    const [firstBuild, weekBuild, correctedBuild] = people as [
      Map<string, PerPersonLog>,
      Map<string, PerPersonLog>,
      Map<string, PerPersonLog>,
    ];
    for (const { table } of perPerson) {
      const all = firstBuild.get(table)!;
      expect(all, table).toMatchObject({ full: true, kept: 0 });
      expect(all.computed, table).toBeGreaterThan(500);
      // Only a share of the persons is computed again; the rest is carried over. A week reaches the
      // persons of its records, arrests, seizures and status changes, and those whose last FIR
      // crosses 180 or 365 days before the newest one (about 2 weeks of 78 each week): at this
      // scale (1,000 FIRs) about a seventh; at 1M FIRs 2.6% (31,065 of 1,217,082).
      const [w, c] = [weekBuild.get(table)!, correctedBuild.get(table)!];
      expect([w.full, c.full], table).toEqual([false, false]);
      expect(w.computed, table).toBeLessThan(0.2 * (w.computed + w.kept));
      expect(c.computed, table).toBeLessThan(0.02 * (c.computed + c.kept));
    }
    // The week's accused records are new persons or join old ones; its arrests, seizures and status
    // changes reach old profiles.
    expect(weekBuild.get('persons')!.computed).toBeGreaterThan(0);
    expect(weekBuild.get('offender_profiles')!.computed).toBeGreaterThan(weekBuild.get('persons')!.computed);
    // The re-exports change an alias and an FIR's sections: profiles, not the register of persons
    // (its rows read neither).
    expect(correctedBuild.get('persons')!.computed).toBe(0);
    expect(correctedBuild.get('offender_profiles')!.computed).toBeGreaterThan(0);
    // The re-exported accused's person has the new alias.
    const [aliasedProfile] = await query<{ n: number }>(
      lake,
      `select count(*)::integer as n from offender_profiles as o
       inner join person_records as r using (person_id)
       inner join firs as f using (fir_id)
       where f.fir_number = $fir and r.accused_number = $n::integer and f.month = '2025-02'
         and o.aliases like '%"Kallu"%'`,
      { fir: aliased.firNumber, n: aliased.accusedNumber },
    );
    expect(aliasedProfile!.n).toBeGreaterThan(0);
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

  it('gives the per-person marts a full rebuild gives, fingerprints included', async () => {
    await withDuckDb(lake.config, async (db) => {
      await attachLake(db, lake.lake);
      // As the build does: an optional input the lake lacks (vehicle registrations) reads empty.
      const present = await db.all<{ name: string }>(`select table_name as name from information_schema.tables`);
      for (const [input, emptySql] of Object.entries(offenderProfilesModel.optionalInputs ?? {}))
        if (!present.some((t) => t.name === input)) await db.run(`create view ${input} as ${emptySql}`);
      for (const { table, build: how } of perPerson) {
        const staging = `full_${table}`;
        await db.run(createTableSql(staging, how.contract));
        const result: PerPersonBuild = await buildPerPerson(
          { lake: lake.lake, db, config: lake.config, full: true },
          staging,
          how,
        );
        expect(result.full, table).toBe(true);
        const file = path.join(saved, `${table}.parquet`);
        const [counts] = await db.all<{ incremental: number; full: number }>(
          `select (select count(*) from read_parquet($file))::integer as incremental,
                  (select count(*) from ${staging})::integer as full`,
          { file },
        );
        expect(counts!.full, table).toBeGreaterThan(500);
        expect(counts!.incremental, table).toBe(counts!.full);
        const differing = await db.all(
          `select * from (
             select 'incremental only' as side, * from (select * from read_parquet($file) except all select * from ${staging})
             union all
             select 'full only' as side, * from (select * from ${staging} except all select * from read_parquet($file))
           ) order by all limit 6`,
          { file },
        );
        expect(differing, table).toEqual([]);
      }
    });
  });
});
