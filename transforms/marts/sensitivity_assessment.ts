import { z } from 'zod';
import { events } from '../../ingestors/events/events.ts';
import { tips } from '../../ingestors/tips/tips.ts';
import { col, createTableSql, defineTable, ident } from '../../lake/contract.ts';
import { loadSql } from '../../lake/duckdb.ts';
import { districts, policeStations } from '../../reference/range.ts';
import type { Model, ModelContext } from '../models.ts';
import { optionalInputs } from '../reference-tables.ts';
import { flaggedPosts } from './flagged_posts.ts';
import { sensitivitySettings, type SensitivitySettings } from './sensitivity_assessment.settings.ts';

export const sensitivityLevels = ['normal', 'sensitive', 'hyper-sensitive'] as const;

export const sensitivityFactors = [
  'hotspot_cells',
  'emerging_hotspot_cells',
  'communal_tips',
  'arms_tips',
  'riot_firs',
  'flagged_posts',
  'upcoming_events',
  'last_year_incidents',
] as const;

export const sensitivityAssessment = defineTable({
  name: 'sensitivity_assessment',
  description:
    'Sensitivity of each thana for the weeks ahead, as known at the end of each week: score, level and the factors that decided it (rules: transforms/marts/sensitivity_assessment.md)',
  grain: 'one row per police station and ISO week (IST), from the first week with an incident to the last',
  key: ['police_station_id', 'week'],
  replaceKey: ['week'],
  partitionBy: ['week'],
  schema: z.object({
    district: col.varchar('District'),
    police_station_id: col.varchar('Police station id (see firs.police_station_id)'),
    police_station: col.varchar('Police station name'),
    week: col.varchar(
      'ISO week assessed (IST), YYYY-Www: its data, and the events of the weeks after it; Hive partition',
    ),
    week_start: col.date('Monday of the week'),
    score: col.double(
      'Sum over the factors of points × min(count, cap), counts of hot cells, tips, riot FIRs and posts taken beyond the thana’s usual level (sensitivity_assessment.md)',
    ),
    level: col.varchar(`Level: ${sensitivityLevels.join(', ')} (score thresholds in sensitivity_assessment.yaml)`),
    factors: col.varchar(
      `The deciding factors as a JSON array of {factor, count (raw), points, detail (with the usual level)}, highest points first; factor is one of ${sensitivityFactors.join(', ')}`,
    ),
    reason: col.varchar('One sentence: the level, the score and the deciding factors'),
    hotspot_cell_count: col.integer('Hot spot cells (95%, FDR) of any FIR crime group in its area that week'),
    emerging_hotspot_cell_count: col.integer(
      'Cells of its area with a new, consecutive, intensifying or persistent hot spot pattern (latest week only)',
    ),
    communal_tip_count: col.integer('Communal-risk tips in the lookback weeks'),
    arms_tip_count: col.integer('Arms tips in the lookback weeks'),
    riot_fir_count: col.integer('FIRs under riot or communal sections in the lookback weeks'),
    flagged_post_count: col.integer('Flagged social posts attributed to it in the lookback weeks'),
    upcoming_event_count: col.integer('Events (festivals, elections, other) in its scope in the lookahead weeks'),
    last_year_incident_count: col.integer('Riot/communal FIRs and communal-risk tips during the same events last year'),
    input_fingerprint: col.varchar(
      "Digest of the week's rows, so a build rewrites only the weeks whose assessment changed (new data, and the weeks whose lookback, lookahead or baseline reads it)",
    ),
  }),
});

export const sensitivityAssessmentSql = loadSql(import.meta.url, 'sensitivity_assessment.sql');

/** The settings as the SQL's named parameters. */
export function sensitivityParams(s: SensitivitySettings): Record<string, string | number> {
  const params: Record<string, string | number> = {
    lookback_weeks: s.lookback_weeks,
    lookahead_weeks: s.lookahead_weeks,
    baseline_weeks: s.baseline_weeks,
    usual_sd: s.usual_sd,
    sensitive: s.thresholds.sensitive,
    hyper_sensitive: s.thresholds.hyper_sensitive,
    festival_points: s.events.festival,
    election_points: s.events.election,
    other_points: s.events.other,
    events_cap: s.events.cap,
    communal_categories: s.communal_tip_categories.join(','),
    arms_categories: s.arms_tip_categories.join(','),
    riot_crime_heads: s.riot_crime_heads.join(','),
  };
  for (const [name, f] of Object.entries(s.factors)) {
    params[`${name}_points`] = f.points;
    params[`${name}_cap`] = f.cap;
  }
  return params;
}

export async function buildSensitivityAssessment(ctx: ModelContext, staging: string): Promise<void> {
  const { db } = ctx;
  const settings = sensitivitySettings(ctx.config);
  const districtName = new Map(districts.map((d) => [d.districtId, d.nameEn]));
  await db.run(
    'create or replace temp table sensitivity_stations (police_station_id varchar, police_station varchar, district varchar)',
  );
  const appender = await db.connection.createAppender('sensitivity_stations', 'main', 'temp');
  try {
    for (const s of policeStations) {
      appender.appendVarchar(s.policeStationId);
      appender.appendVarchar(s.nameEn);
      appender.appendVarchar(districtName.get(s.districtId) ?? s.districtId);
      appender.endRow();
    }
  } finally {
    appender.closeSync();
  }
  await db.run(`drop table if exists ${ident(staging)}`);
  await db.run(createTableSql(staging, sensitivityAssessment));
  await db.run(`insert into ${ident(staging)} by name ${sensitivityAssessmentSql}`, sensitivityParams(settings));
  await db.run('drop table if exists sensitivity_stations');
}

export const sensitivityAssessmentModel: Model = {
  contract: sensitivityAssessment,
  sql: sensitivityAssessmentSql,
  run: buildSensitivityAssessment,
  inputs: ['incidents', 'firs', 'fir_sections', 'hotspot_cells', 'emerging_hotspots'],
  optionalInputs: optionalInputs(tips, events, flaggedPosts),
  settings: (config) => sensitivitySettings(config),
  // Output fingerprints (models.ts): a week reads the lookback, lookahead and baseline weeks around
  // it, and the emerging pattern of the latest week only, so every week is assessed and only the
  // weeks whose rows changed are rewritten.
  incremental: { column: 'week' },
};
