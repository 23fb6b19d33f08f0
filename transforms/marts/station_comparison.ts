import { z } from 'zod';
import { col, defineTable } from '../../lake/contract.ts';
import { loadSql } from '../../lake/duckdb.ts';
import type { Model, ModelContext } from '../models.ts';
import { optionalInputs } from '../reference-tables.ts';
import { finalReports } from '../../ingestors/cctns/final_reports.ts';
import { firs } from '../../ingestors/cctns/firs.ts';
import { tipEvents } from '../../ingestors/tips/tip_events.ts';
import { tips } from '../../ingestors/tips/tips.ts';

const pct = (what: string) =>
  `${what}, as a fraction (0.25 = 25% more, −0.5 = half); null when the base is 0 or unknown`;

export const stationComparison = defineTable({
  name: 'station_comparison',
  description:
    "Thana-wise comparison per ISO week and month (IST): FIRs by crime group against earlier periods, rate per 100,000 and rank among the district's thanas, tips, social complaints, charge-sheeting and pendency",
  grain:
    "one row per police station, period (period_kind week or month) and crime group, plus crime group 'all'; every station and period from the first to the last dated fact, zeros included",
  key: ['police_station_id', 'period_kind', 'period', 'crime_group'],
  replaceKey: ['period'],
  partitionBy: ['period_kind', 'period'],
  schema: z.object({
    district: col.varchar('District (English name)'),
    police_station_id: col.varchar('Police station (joins firs.police_station_id, police_stations)'),
    police_station: col.opt.varchar('Police station name in English'),
    period_kind: col.varchar('week or month; Hive partition'),
    period: col.varchar('ISO week YYYY-Www or month YYYY-MM, in Asia/Kolkata; Hive partition'),
    period_start: col.date('First day of the period (a Monday for weeks)'),
    period_end: col.date('Day after the period'),
    is_complete_period: col.boolean("Whether the period ended before the data's end (the latest is usually partial)"),
    crime_group: col.varchar(
      "Crime group of the FIRs (property, violent, …, unknown when no section mapped), or all; tips and social figures are on the 'all' rows only",
    ),
    fir_count: col.integer('FIRs registered in the period'),
    previous_period_fir_count: col.opt.integer(
      'FIRs in the previous week (month); null for the first period of the data',
    ),
    change_vs_previous_period: col.opt.integer('fir_count − previous_period_fir_count'),
    pct_change_vs_previous_period: col.opt.double(pct('Change against the previous period')),
    last_year_fir_count: col.opt.integer(
      'FIRs in the same period a year before: the same ISO week number of the previous ISO year, or the same month; null before the data starts',
    ),
    pct_change_vs_last_year: col.opt.double(pct('Change against the same period last year')),
    trailing_4_week_average: col.opt.double(
      'Weeks: mean FIRs of the 4 weeks before this one; null for months and the first 4 weeks',
    ),
    pct_change_vs_trailing_4_week_average: col.opt.double(pct('Change against the trailing 4-week average')),
    ytd_fir_count: col.integer(
      'FIRs from the start of the year up to the end of this period (weeks: from ISO week 1 of the ISO year; months: from January)',
    ),
    ytd_last_year_fir_count: col.opt.integer(
      'FIRs over the same span of the previous year (to the same week number, week 52 when that year had no week 53); null when the data does not cover it from its start',
    ),
    pct_change_ytd_vs_last_year: col.opt.double(pct('Year to date against the same span last year')),
    ytd_earlier_years_average: col.opt.double(
      'Mean FIRs over the same span of every earlier year the data covers from its start',
    ),
    ytd_earlier_years: col.integer('Number of earlier years in that mean'),
    pct_change_ytd_vs_earlier_years: col.opt.double(pct('Year to date against the earlier years’ mean')),
    population: col.opt.integer(
      'Population of the jurisdiction (police_stations); null for stations not in the reference data',
    ),
    rate_per_100k: col.opt.double('FIRs per 100,000 people'),
    district_rank: col.opt.integer(
      "Rank of rate_per_100k among the district's thanas with a population, same period and crime group (1 = highest rate; ties share a rank)",
    ),
    district_thana_count: col.opt.integer('Thanas ranked (those of the district with a population)'),
    district_z_score: col.opt.double(
      "(rate − mean of the district's thanas) / their population standard deviation; null when all rates are equal",
    ),
    tips_received: col.opt.integer(
      "'all' rows (null on the others): tips received in the period for the thana (tips.police_station_id)",
    ),
    tips_actioned: col.opt.integer("'all' rows: of those, tips action was taken on (by now)"),
    median_hours_to_action: col.opt.double("'all' rows: median hours from receipt to action over those actioned"),
    social_complaint_count: col.opt.integer(
      "'all' rows: citizen complaints to the police accounts that name the thana (social_response_times, attributed by post_places)",
    ),
    social_answered_within_2h_count: col.opt.integer("'all' rows: of those, answered within 2 hours"),
    share_social_answered_within_2h: col.opt.double(
      "'all' rows: social_answered_within_2h_count / social_complaint_count",
    ),
    charge_sheets_filed: col.integer(
      'Investigations of the thana concluded in the period with a charge-sheet (status charge_sheeted or a charge_sheet report; dated by the first report filed)',
    ),
    closure_reports_filed: col.integer('Investigations concluded in the period without one (final report, untraced)'),
    charge_sheet_rate: col.opt.double(
      'charge_sheets_filed / (charge_sheets_filed + closure_reports_filed): the charge-sheeting rate of the investigations concluded in the period',
    ),
    open_past_60_days: col.integer(
      "FIRs registered more than 60 days before the period's end (or the data's end) and not concluded by then",
    ),
    open_past_90_days: col.integer('Likewise, more than 90 days'),
    input_fingerprint: col.varchar(
      "Digest of the facts the period's rows are computed from (station_comparison.fingerprints.sql), so a build computes only the periods new or changed data falls in and the later ones whose comparisons read it",
    ),
  }),
});

/**
 * A query of station_comparison: the CTEs of station_comparison.facts.sql (the facts, defined
 * once), then those of `fileName` and its select, so the rows and the fingerprints read the same facts.
 */
function withFacts(fileName: string): string {
  const facts = loadSql(import.meta.url, 'station_comparison.facts.sql').trimEnd();
  return `${facts},\n\n${loadSql(import.meta.url, fileName)}`;
}

const fingerprintsSql = withFacts('station_comparison.fingerprints.sql');

/**
 * Fingerprint of each period (station_comparison.fingerprints.sql): a digest of the facts its rows
 * read — every FIR registered before its end as it stood at its end (open, or concluded when and
 * how), the data's end where it falls before the period's end, the period's tips and complaints,
 * and the stations, crime groups and first period every period reads.
 */
export async function stationComparisonFingerprints(ctx: ModelContext): Promise<ReadonlyMap<string, string>> {
  const rows = await ctx.db.all<{ value: string; fingerprint: string }>(fingerprintsSql);
  return new Map(rows.map((r) => [r.value, r.fingerprint]));
}

/**
 * Incremental by period, with input fingerprints (models.ts): a period's rows read the FIRs of
 * every earlier period (previous period, trailing 4 weeks, year to date, same period last year,
 * earlier years, pendency since the data's start) but as each stood at the period's end, so a new
 * week changes the new week and month (and the week before, completed by it), and a re-exported
 * FIR changes the periods from its registration or conclusion on. The build computes only those
 * periods: the SQL counts FIRs and pendency over every period in a narrow series and does the
 * rest (ranks, disposals, tips, complaints, comparisons) for the periods in scope.
 */
export const stationComparisonModel: Model = {
  contract: stationComparison,
  sql: withFacts('station_comparison.sql'),
  incremental: { column: 'period', fingerprints: stationComparisonFingerprints },
  inputs: ['police_stations', 'social_response_times'],
  optionalInputs: optionalInputs(firs, finalReports, tips, tipEvents),
};
