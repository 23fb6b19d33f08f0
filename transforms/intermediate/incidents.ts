import { z } from 'zod';
import { col, defineTable } from '../../lake/contract.ts';

export const incidents = defineTable({
  name: 'incidents',
  description:
    'Located incidents (FIRs with a place of occurrence, tips with a location) on the hotspot grid, by ISO week; the input of the hotspot tables',
  grain: 'one row per located FIR or tip',
  key: ['source', 'incident_id'],
  replaceKey: ['week'],
  partitionBy: ['week'],
  schema: z.object({
    source: col.varchar('fir or tip'),
    incident_id: col.varchar('firs.fir_id or tips.tip_id'),
    week: col.varchar('ISO week of reported_at in IST, YYYY-Www; Hive partition'),
    week_start: col.date('Monday of the ISO week (IST)'),
    reported_at: col.timestamptz('When the FIR was registered or the tip received (UTC)'),
    district: col.varchar('District (English name), or unknown for a tip without one'),
    police_station_id: col.opt.varchar('Police station id (see firs.police_station_id); null for a tip without one'),
    crime_group: col.varchar(
      'FIRs: the crime group of the principal section (unknown when none mapped); tips: tip_<category code>',
    ),
    crime_head_id: col.opt.varchar('FIRs: the crime head of the principal section; null for tips'),
    latitude: col.double('Latitude (WGS84)'),
    longitude: col.double('Longitude (WGS84)'),
    h3_cell: col.varchar('H3 cell at the configured resolution (CRIMELAKE_H3_RESOLUTION)'),
    h3_resolution: col.integer('H3 resolution of h3_cell'),
    input_fingerprint: col.varchar(
      "Digest of the week's FIRs and tips, the grid settings and the model, so a build rewrites only the weeks whose digest changed",
    ),
  }),
});
