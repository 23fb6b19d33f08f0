import { z } from 'zod';
import { col, defineTable } from '../../lake/contract.ts';

export const hotspotCells = defineTable({
  name: 'hotspot_cells',
  description:
    'Getis-Ord Gi* hot and cold spots per H3 cell, ISO week and crime group, with FDR-corrected significance (rules: transforms/marts/emerging_hotspots.md)',
  grain:
    "one row per H3 cell, ISO week (IST) and crime group, for every cell of the week's study area with an incident in its neighbourhood that week (or a significant cold spot)",
  key: ['week', 'crime_group', 'h3_cell'],
  replaceKey: ['week'],
  partitionBy: ['week'],
  schema: z.object({
    week: col.varchar('ISO week in IST, YYYY-Www; Hive partition'),
    week_start: col.date('Monday of the week'),
    crime_group: col.varchar(
      'all (every located FIR), property, violent, crimes_against_women, ndps, excise, arms, or tip_<category> for tips',
    ),
    h3_cell: col.varchar('H3 cell'),
    h3_resolution: col.integer('H3 resolution of the cell (CRIMELAKE_H3_RESOLUTION)'),
    incident_count: col.integer('Incidents of the group in the cell that week'),
    neighbourhood_count: col.integer('Incidents in the Gi* neighbourhood: the cell and its k-ring neighbours'),
    neighbourhood_cells: col.integer(
      'Cells in the neighbourhood, 1 + 3k(k+1) (binary weights: Σw = Σw²); neighbours outside the study area count as 0',
    ),
    gi_z: col.double('Getis-Ord Gi* z-score'),
    p_value: col.double('Two-sided p-value of gi_z (normal)'),
    q_value: col.double('Benjamini-Hochberg FDR-adjusted p-value over every cell of the week’s study area'),
    is_significant: col.boolean('Hot or cold at 95% (|bin| ≥ 2)'),
    bin: col.integer(
      'Hot (+) or cold (−) at 99% (±3), 95% (±2), 90% (±1) by q_value; 0 not significant. Hot also needs CRIMELAKE_HOTSPOT_MIN_COUNT incidents in the neighbourhood',
    ),
    study_area_cells: col.integer(
      'Cells in the study area: every cell with an incident of the group in the window (the N weeks ending with this week, or the first N weeks of data), plus their k-rings, zeros included',
    ),
    study_area_incidents: col.integer('Incidents of the group in the study area that week'),
    input_fingerprint: col.varchar(
      'Digest of the incidents of the window, the grid settings and the model, so a build recomputes only the weeks whose digest changed',
    ),
  }),
});
