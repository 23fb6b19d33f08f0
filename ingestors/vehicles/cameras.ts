import { z } from 'zod';
import { col, defineTable, lineageColumns } from '../../lake/contract.ts';

export const cameras = defineTable({
  name: 'cameras',
  description: 'ANPR cameras, derived from the reads (the latest ingested read file wins)',
  grain: 'one row per camera',
  key: ['camera_id'],
  replaceKey: ['camera_id'],
  partitionBy: ['district'],
  schema: z.object({
    camera_id: col.varchar('Natural key: camera id as in the ANPR export'),
    district: col.varchar(
      'District of the nearest police station of the range within 25 km; unknown when farther or without coordinates; Hive partition',
    ),
    nearest_police_station_id: col.opt.varchar(
      'Nearest police station of the range within 25 km (by distance, not jurisdiction)',
    ),
    place: col.opt.varchar('Where the camera stands (the last non-empty value in the file)'),
    latitude: col.opt.double('Latitude (WGS84; the last value given in the file)'),
    longitude: col.opt.double('Longitude (WGS84; the last value given in the file)'),
    h3_cell: col.opt.varchar('H3 cell (resolution 8) of the camera'),
    ...lineageColumns,
  }),
});
