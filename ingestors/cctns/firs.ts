import { z } from 'zod';
import { col, defineTable, lineageColumns } from '../../lake/contract.ts';

export const firStatusValues = ['under_investigation', 'charge_sheeted', 'final_report', 'untraced'] as const;

export const firs = defineTable({
  name: 'firs',
  description: 'CCTNS First Information Reports, one version per FIR (the latest export wins)',
  grain: 'one row per FIR (district, police station, FIR number, year)',
  key: ['fir_id'],
  replaceKey: ['fir_id'],
  partitionBy: ['district', 'month'],
  schema: z.object({
    fir_id: col.varchar('Natural key: <police_station_id>/<fir_year>/<fir_number>'),
    district: col.varchar('District (English name); Hive partition'),
    month: col.varchar('Month of registration in IST, YYYY-MM; Hive partition'),
    police_station: col.varchar('Police station (thana) as written in the export'),
    police_station_id: col.varchar('Police station id from the reference data, or <district>-<name> when unknown'),
    is_known_police_station: col.boolean('Whether the police station matched the reference data'),
    fir_number: col.varchar('FIR number within station and year, zero-padded to 4 digits'),
    fir_year: col.integer('Year of registration'),
    registered_at: col.timestamptz('Registration instant (UTC)'),
    occurred_from: col.opt.timestamptz('Start of the occurrence window (UTC)'),
    occurred_to: col.opt.timestamptz('End of the occurrence window (UTC)'),
    acts_sections: col.varchar('Acts and sections as written in the export'),
    crime_head_id: col.opt.varchar('Crime head of the principal section (IPC and BNS unified)'),
    crime_group: col.opt.varchar('Crime group of the principal section (property, violent, …)'),
    place: col.opt.varchar('Place of occurrence (Hindi or English)'),
    beat: col.opt.varchar('Beat'),
    latitude: col.opt.double('Latitude of the place of occurrence (WGS84)'),
    longitude: col.opt.double('Longitude of the place of occurrence (WGS84)'),
    h3_cell: col.opt.varchar('H3 cell (resolution 8) of the place of occurrence'),
    status: col.varchar(`Investigation status: ${firStatusValues.join(', ')}`),
    brief_facts: col.opt.varchar('Brief facts (Hindi or English)'),
    last_updated_at: col.opt.timestamptz('When CCTNS last changed this FIR (UTC)'),
    ...lineageColumns,
  }),
});
