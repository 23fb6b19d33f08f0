import { z } from 'zod';
import { col, defineTable, lineageColumns } from '../../lake/contract.ts';
import { plateColumns } from './vehicles.ts';

export const anprReads = defineTable({
  name: 'anpr_reads',
  description: 'ANPR camera reads with the plate text normalised; unreadable plates are kept',
  grain: 'one row per camera, read instant and plate text read',
  key: ['camera_id', 'read_at', 'plate_text'],
  replaceKey: ['camera_id', 'read_at', 'plate_text'],
  partitionBy: ['month'],
  schema: z.object({
    camera_id: col.varchar('Camera id as in the export'),
    read_at: col.timestamptz('Read instant (UTC)'),
    month: col.varchar('Month of the read in IST, YYYY-MM; Hive partition'),
    ...plateColumns,
    registration_number: col.opt.varchar(
      'Canonical registration number (UP65AB1234, 22BH1234AA); null when unreadable',
    ),
    state_code: col.opt.varchar('Two-letter state code; null for Bharat series and unreadable plates'),
    confidence: col.opt.double('OCR confidence, 0–1'),
    place: col.opt.varchar('Where the camera stands, as in the export'),
    latitude: col.opt.double('Latitude of the camera (WGS84)'),
    longitude: col.opt.double('Longitude of the camera (WGS84)'),
    h3_cell: col.opt.varchar('H3 cell (resolution 8) of the camera'),
    ...lineageColumns,
  }),
});
