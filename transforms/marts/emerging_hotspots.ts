import { z } from 'zod';
import { col, defineTable } from '../../lake/contract.ts';
import { emergingPatterns } from '../stats/emerging-patterns.ts';

export const emergingHotspots = defineTable({
  name: 'emerging_hotspots',
  description:
    'Emerging hot spot analysis of the last N weeks per H3 cell and crime group: Mann-Kendall trends and the pattern (rules: transforms/marts/emerging_hotspots.md)',
  grain:
    'one row per H3 cell and crime group of the study area of the last N weeks (every cell with an incident in the window, plus its k-ring)',
  key: ['crime_group', 'h3_cell'],
  replaceKey: ['crime_group', 'h3_cell'],
  partitionBy: [],
  schema: z.object({
    crime_group: col.varchar('Crime group, as in hotspot_cells'),
    h3_cell: col.varchar('H3 cell'),
    h3_resolution: col.integer('H3 resolution of the cell'),
    window_start_week: col.varchar('First ISO week of the window (IST), YYYY-Www'),
    window_end_week: col.varchar('Last ISO week of the window: the latest week with an incident'),
    window_end_week_start: col.date('Monday of the last week'),
    weeks: col.integer('Weeks in the window (CRIMELAKE_HOTSPOT_WEEKS)'),
    incident_count: col.integer('Incidents of the group in the cell over the window'),
    weekly_counts: col.varchar('Incidents per week, oldest first, comma-separated'),
    weekly_bins: col.varchar('Gi* bin per week (−3…3, as in hotspot_cells), oldest first, comma-separated'),
    hot_weeks: col.integer('Weeks it was a hot spot at 95% (bin ≥ 2 in its weekly Gi*)'),
    cold_weeks: col.integer('Weeks it was a cold spot at 95% (bin ≤ −2)'),
    last_gi_z: col.double('Gi* z-score of the last week'),
    count_trend_s: col.integer('Mann-Kendall S of the weekly counts'),
    count_trend_variance: col.double('Variance of S, ties corrected'),
    count_trend_z: col.double('Mann-Kendall z of the counts (continuity corrected)'),
    count_trend_p: col.double('Two-sided p-value of count_trend_z'),
    gi_trend_s: col.integer('Mann-Kendall S of the weekly Gi* z-scores'),
    gi_trend_variance: col.double('Variance of S, ties corrected'),
    gi_trend_z: col.double('Mann-Kendall z of the Gi* z-scores (continuity corrected)'),
    gi_trend_p: col.double('Two-sided p-value of gi_trend_z'),
    pattern: col.varchar(`Emerging pattern: ${emergingPatterns.join(', ')}`),
  }),
});
