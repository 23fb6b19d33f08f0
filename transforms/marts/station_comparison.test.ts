import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finalReports } from '../../ingestors/cctns/final_reports.ts';
import { firs } from '../../ingestors/cctns/firs.ts';
import { tipEvents } from '../../ingestors/tips/tip_events.ts';
import { tips } from '../../ingestors/tips/tips.ts';
import { listValue } from '@duckdb/node-api';
import { loadConfig } from '../../lake/config.ts';
import { openDuckDb, type DuckDb } from '../../lake/duckdb.ts';
import { localLake } from '../../test/util/lakes.ts';
import { inputTable, modelNamed, runModel } from '../../test/util/model-tables.ts';
import { buildScopeVariable } from '../scope.ts';
import { policeStations } from '../staging/police_stations.ts';
import { socialResponseTimes } from './social_response_times.ts';
import { stationComparisonFingerprints } from './station_comparison.ts';

const station = (police_station_id: string, district: string, population: number) => ({
  police_station_id,
  district,
  district_id: district.toLowerCase(),
  police_station: police_station_id,
  police_station_hi: police_station_id,
  population,
  latitude: 25,
  longitude: 83,
});

let n = 0;
const fir = (
  ps: string,
  registeredAt: string,
  crimeGroup: string,
  status = 'under_investigation',
  lastUpdatedAt: string | null = null,
) => ({
  fir_id: `${ps}/${++n}`,
  district: ps === 'D' ? 'Varanasi' : 'Jaunpur',
  police_station_id: ps,
  police_station: ps,
  registered_at: registeredAt,
  crime_group: crimeGroup,
  status,
  last_updated_at: lastUpdatedAt,
});

// Station A, Jaunpur (instants in UTC; IST is 5:30 ahead).
const a2023Jan = fir('A', '2023-01-03T06:00:00Z', 'property'); // 2023-W01, never concluded
const a2023MarOpen = fir('A', '2023-03-07T06:00:00Z', 'property'); // 2023-W10
const a2023MarCharged = fir('A', '2023-03-07T07:00:00Z', 'property', 'charge_sheeted'); // charge-sheet 2023-06-01
const aW06 = fir('A', '2024-02-06T06:00:00Z', 'violent', 'charge_sheeted'); // charge-sheet 2024-03-05 (W10)
const aW08a = fir('A', '2024-02-20T06:00:00Z', 'property', 'final_report'); // final report 2024-03-06 (W10)
const aW08b = fir('A', '2024-02-21T06:00:00Z', 'property');
const aW09 = fir('A', '2024-02-27T06:00:00Z', 'property', 'untraced', '2024-03-07T06:00:00Z'); // no report: concluded when last updated (W10)
const aW10 = [
  fir('A', '2024-03-03T19:00:00Z', 'property'), // Sunday in UTC, Monday 00:30 in IST: W10
  fir('A', '2024-03-05T06:00:00Z', 'property'),
  fir('A', '2024-03-06T06:00:00Z', 'violent'),
];
const aW11 = fir('A', '2024-03-10T19:00:00Z', 'property'); // Sunday in UTC, Monday in IST: W11; the data's last instant

describe('station_comparison', () => {
  let db: DuckDb;
  beforeAll(async () => {
    db = await openDuckDb();
    await inputTable(db, policeStations, [
      station('A', 'Jaunpur', 100_000),
      station('B', 'Jaunpur', 200_000),
      station('C', 'Jaunpur', 50_000),
      station('D', 'Varanasi', 300_000),
    ]);
    await inputTable(db, firs, [
      a2023Jan,
      a2023MarOpen,
      a2023MarCharged,
      aW06,
      aW08a,
      aW08b,
      aW09,
      ...aW10,
      aW11,
      fir('B', '2024-03-05T06:00:00Z', 'property'),
      ...[1, 2, 3, 4, 5].map(() => fir('D', '2024-03-05T06:00:00Z', 'property')),
      fir('E', '2024-03-05T06:00:00Z', 'property'), // a station the reference data does not know
    ]);
    await inputTable(db, finalReports, [
      {
        fir_id: a2023MarCharged.fir_id,
        report_number: '1',
        report_type: 'charge_sheet',
        filed_at: '2023-06-01T06:00:00Z',
      },
      { fir_id: aW06.fir_id, report_number: '2', report_type: 'charge_sheet', filed_at: '2024-03-05T06:00:00Z' },
      { fir_id: aW08a.fir_id, report_number: '3', report_type: 'final_report', filed_at: '2024-03-06T06:00:00Z' },
    ]);
    await inputTable(db, tips, [
      {
        tip_id: 't1',
        district: 'Jaunpur',
        police_station_id: 'A',
        received_at: '2024-03-05T04:00:00Z',
        action_taken_at: '2024-03-05T10:00:00Z',
        category: 'other',
        is_known_police_station: true,
        has_media: false,
      },
      {
        tip_id: 't2',
        district: 'Jaunpur',
        police_station_id: 'A',
        received_at: '2024-03-06T04:00:00Z',
        category: 'other',
        is_known_police_station: true,
        has_media: false,
      },
      {
        tip_id: 't3',
        district: 'Jaunpur',
        police_station_id: 'A',
        received_at: '2024-03-06T05:00:00Z',
        category: 'other',
        is_known_police_station: true,
        has_media: false,
      },
    ]);
    await inputTable(db, tipEvents, [
      {
        tip_id: 't1',
        event: 'action_taken',
        district: 'Jaunpur',
        event_at: '2024-03-05T10:00:00Z',
        hours_since_received: 6,
      },
      {
        tip_id: 't2',
        event: 'action_taken',
        district: 'Jaunpur',
        event_at: '2024-03-07T04:00:00Z',
        hours_since_received: 24,
      },
    ]);
    await inputTable(db, socialResponseTimes, [
      {
        platform: 'x',
        post_id: 's1',
        police_station_id: 'A',
        created_at: '2024-03-05T04:00:00Z',
        is_answered_within_2h: true,
        is_answered: true,
      },
      {
        platform: 'x',
        post_id: 's2',
        police_station_id: 'A',
        created_at: '2024-03-06T04:00:00Z',
        is_answered_within_2h: false,
        is_answered: false,
      },
    ]);
    await runModel(db, 'station_comparison');
  });
  afterAll(() => db.close());

  const row = async (ps: string, kind: string, period: string, group: string) => {
    const rows = await db.all<Record<string, unknown>>(
      `select * exclude (period_start, period_end) from station_comparison
       where police_station_id = $1 and period_kind = $2 and period = $3 and crime_group = $4`,
      [ps, kind, period, group],
    );
    expect(rows).toHaveLength(1);
    return rows[0]!;
  };

  it('compares a week with the previous one, the same week last year, the trailing 4 weeks and the year so far', async () => {
    // A's weeks of 2024: W06 1, W07 0, W08 2, W09 1, W10 3. 2023: W01 1, W10 2.
    expect(await row('A', 'week', '2024-W10', 'all')).toMatchObject({
      district: 'Jaunpur',
      is_complete_period: true,
      fir_count: 3,
      previous_period_fir_count: 1,
      change_vs_previous_period: 2,
      pct_change_vs_previous_period: 2,
      last_year_fir_count: 2,
      pct_change_vs_last_year: 0.5,
      trailing_4_week_average: (1 + 0 + 2 + 1) / 4,
      pct_change_vs_trailing_4_week_average: 2,
      ytd_fir_count: 1 + 2 + 1 + 3,
      ytd_last_year_fir_count: 1 + 2,
      pct_change_ytd_vs_last_year: (7 - 3) / 3,
      ytd_earlier_years_average: 3,
      ytd_earlier_years: 1,
    });
    expect(await row('A', 'week', '2024-W10', 'property')).toMatchObject({
      fir_count: 2,
      previous_period_fir_count: 1,
      last_year_fir_count: 2,
    });
    expect(await row('A', 'week', '2024-W10', 'violent')).toMatchObject({
      fir_count: 1,
      previous_period_fir_count: 0,
      pct_change_vs_previous_period: null,
    });
    expect(await row('A', 'week', '2024-W11', 'all')).toMatchObject({ fir_count: 1, is_complete_period: false });
  });

  it('compares a month with the previous one and the same month last year (IST months)', async () => {
    expect(await row('A', 'month', '2024-03', 'all')).toMatchObject({
      fir_count: 4,
      previous_period_fir_count: 4,
      pct_change_vs_previous_period: 0,
      last_year_fir_count: 2,
      trailing_4_week_average: null,
      ytd_fir_count: 8,
      ytd_last_year_fir_count: 3,
      ytd_earlier_years: 1,
    });
  });

  it("gives the rate per 100,000 and its rank and z-score among the district's thanas", async () => {
    const rates = { A: 3, B: 0.5, C: 0 }; // 3 per 100,000; 1 per 200,000; none
    const mean = (rates.A + rates.B + rates.C) / 3;
    const sd = Math.sqrt(((rates.A - mean) ** 2 + (rates.B - mean) ** 2 + (rates.C - mean) ** 2) / 3);
    for (const [ps, rank] of [
      ['A', 1],
      ['B', 2],
      ['C', 3],
    ] as const) {
      const r = await row(ps, 'week', '2024-W10', 'all');
      expect(r).toMatchObject({ rate_per_100k: rates[ps], district_rank: rank, district_thana_count: 3 });
      expect(r['district_z_score']).toBeCloseTo((rates[ps] - mean) / sd, 12);
    }
    expect(await row('D', 'week', '2024-W10', 'all')).toMatchObject({
      fir_count: 5,
      district: 'Varanasi',
      rate_per_100k: 5 / 3,
      district_rank: 1,
      district_z_score: null,
    });
    expect(await row('E', 'week', '2024-W10', 'all')).toMatchObject({
      fir_count: 1,
      district: 'Jaunpur',
      population: null,
      rate_per_100k: null,
      district_rank: null,
    });
  });

  it('counts tips and their time to action, and social complaints answered within 2 hours, on the all rows', async () => {
    expect(await row('A', 'week', '2024-W10', 'all')).toMatchObject({
      tips_received: 3,
      tips_actioned: 2,
      median_hours_to_action: (6 + 24) / 2,
      social_complaint_count: 2,
      social_answered_within_2h_count: 1,
      share_social_answered_within_2h: 0.5,
    });
    expect(await row('A', 'week', '2024-W10', 'property')).toMatchObject({
      tips_received: null,
      social_complaint_count: null,
    });
    expect(await row('B', 'week', '2024-W10', 'all')).toMatchObject({
      tips_received: 0,
      tips_actioned: 0,
      median_hours_to_action: null,
    });
  });

  it('gives the charge-sheeting rate of the investigations concluded in the period', async () => {
    // W10: A's violent FIR of W06 charge-sheeted; its property FIRs of W08 (final report) and W09 (untraced) closed.
    expect(await row('A', 'week', '2024-W10', 'all')).toMatchObject({
      charge_sheets_filed: 1,
      closure_reports_filed: 2,
      charge_sheet_rate: 1 / 3,
    });
    expect(await row('A', 'week', '2024-W10', 'property')).toMatchObject({
      charge_sheets_filed: 0,
      closure_reports_filed: 2,
      charge_sheet_rate: 0,
    });
    expect(await row('A', 'week', '2024-W10', 'violent')).toMatchObject({
      charge_sheets_filed: 1,
      charge_sheet_rate: 1,
    });
    expect(await row('A', 'week', '2024-W09', 'all')).toMatchObject({ charge_sheet_rate: null });
  });

  it('counts investigations open past 60 and 90 days at the end of each period', async () => {
    // End of 2023-W20 (22 May IST): Jan 3 open 139 days; both of Mar 7 open 76 days.
    expect(await row('A', 'week', '2023-W20', 'all')).toMatchObject({ open_past_60_days: 3, open_past_90_days: 1 });
    // End of 2023-W23 (12 June): one of Mar 7 was charge-sheeted on 1 June, before its 90th day.
    expect(await row('A', 'week', '2023-W23', 'all')).toMatchObject({ open_past_60_days: 2, open_past_90_days: 2 });
    // End of 2024-W10: still the same two; the W06 FIR was charge-sheeted at 28 days; W08's second is 19 days old.
    expect(await row('A', 'week', '2024-W10', 'all')).toMatchObject({ open_past_60_days: 2, open_past_90_days: 2 });
    expect(await row('A', 'month', '2023-05', 'property')).toMatchObject({
      open_past_60_days: 3,
      open_past_90_days: 1,
    });
  });

  it('computes only the periods of the build scope, each as a run over every period gives it', async () => {
    const scope = ['2023-05', '2024-W10', '2024-W11'];
    const sql = modelNamed('station_comparison').sql!;
    await db.run(`set variable ${buildScopeVariable} = $scope::varchar[]`, { scope: listValue(scope) });
    try {
      await db.run(`create or replace temp table scoped as ${sql}`);
    } finally {
      await db.run(`reset variable ${buildScopeVariable}`);
    }
    const [counts] = await db.all<{ periods: string[]; scoped: number; full: number; differing: number }>(
      `select (select list(distinct period order by period) from scoped) as periods,
              (select count(*) from scoped)::integer as scoped,
              (select count(*) from station_comparison where list_contains($scope::varchar[], period))::integer as full,
              (select count(*) from (
                 (select * exclude (input_fingerprint) from station_comparison where list_contains($scope::varchar[], period)
                  except all select * exclude (input_fingerprint) from scoped)
                 union all
                 (select * exclude (input_fingerprint) from scoped
                  except all select * exclude (input_fingerprint) from station_comparison)
               ))::integer as differing`,
      { scope: listValue(scope) },
    );
    expect(counts).toEqual({ periods: scope, scoped: counts!.full, full: counts!.full, differing: 0 });
    expect(counts!.full).toBeGreaterThan(0);
  });

  it('fingerprints every period it outputs; a conclusion changes only the periods from it on', async () => {
    const ctx = { db, lake: localLake().lake, config: loadConfig({}) };
    const before = await stationComparisonFingerprints(ctx);
    const periods = await db.all<{ period: string }>('select distinct period from station_comparison order by 1');
    expect([...before.keys()].sort()).toEqual(periods.map((r) => r.period));
    const changed = async () => {
      const after = await stationComparisonFingerprints(ctx);
      expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
      return [...after]
        .filter(([period, fp]) => before.get(period) !== fp)
        .map(([period]) => period)
        .sort();
    };
    // W08's open property FIR closed (untraced) on 2024-03-07: pendency and disposals from W10 on.
    await db.run(`update firs set status = 'untraced', last_updated_at = '2024-03-07T06:00:00Z' where fir_id = $id`, {
      id: aW08b.fir_id,
    });
    expect(await changed()).toEqual(['2024-03', '2024-W10', '2024-W11']);
    await db.run(`update firs set status = 'under_investigation', last_updated_at = null where fir_id = $id`, {
      id: aW08b.fir_id,
    });
    expect(await changed()).toEqual([]);
    // A late action on a tip of W10: that week and its month only.
    await db.run(
      `insert into tip_events (tip_id, event, district, event_at, hours_since_received)
       values ('t3', 'action_taken', 'Jaunpur', '2024-03-08T05:00:00Z', 48)`,
    );
    expect(await changed()).toEqual(['2024-03', '2024-W10']);
    await db.run(`delete from tip_events where tip_id = 't3'`);
    // A new FIR in 2023-W20: every period from it on (year to date, last year, pendency).
    await db.run(
      `insert into firs (fir_id, district, police_station_id, police_station, registered_at, crime_group, status)
       values ('A/late', 'Jaunpur', 'A', 'A', '2023-05-16T06:00:00Z', 'property', 'under_investigation')`,
    );
    const later = periods.map((r) => r.period).filter((p) => p >= '2023-05' && !(p.includes('W') && p < '2023-W20'));
    expect(await changed()).toEqual(later.sort());
    await db.run(`delete from firs where fir_id = 'A/late'`);
    expect(await changed()).toEqual([]);
  });
});
