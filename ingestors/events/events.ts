import { z } from 'zod';
import { col, defineTable, lineageColumns } from '../../lake/contract.ts';
import { eventKinds } from '../../schemas/events/event-row.ts';

export const events = defineTable({
  name: 'events',
  description:
    'Events calendar the cell maintains: festivals, elections and other gatherings by date range and district or thana (the latest version of a calendar file replaces the earlier one)',
  grain: 'one row per event and place (district, thana, or the whole range)',
  key: ['event_id'],
  replaceKey: ['source_file'],
  partitionBy: [],
  schema: z.object({
    event_id: col.varchar('<start_date>|<district id or *>|<police station id or *>|<name in lower case>'),
    name: col.varchar('Name of the event as written (Holi, मुहर्रम, Lok Sabha poll phase 7, …)'),
    kind: col.varchar(`Kind: ${eventKinds.join(', ')}`),
    start_date: col.date('First day (IST)'),
    end_date: col.date('Last day, inclusive (IST); the start date when the calendar gives none'),
    district: col.opt.varchar('District (English name when known); null for a range-wide event'),
    district_id: col.opt.varchar('District id from the reference data, when the district matched'),
    police_station: col.opt.varchar('Thana (English name when known); null for a district-wide event'),
    police_station_id: col.opt.varchar('Police station id from the reference data, when the thana matched'),
    ...lineageColumns,
  }),
});
