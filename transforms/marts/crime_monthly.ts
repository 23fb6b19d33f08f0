import { z } from 'zod';
import { col, defineTable } from '../../lake/contract.ts';

export const crimeMonthly = defineTable({
  name: 'crime_monthly',
  description: 'FIRs per police station, month and crime head (IPC and BNS unified)',
  grain: 'one row per police station, month (IST) and crime head',
  key: ['police_station_id', 'month', 'crime_head_id'],
  replaceKey: ['police_station_id', 'month', 'crime_head_id'],
  partitionBy: ['district'],
  schema: z.object({
    district: col.varchar('District; Hive partition'),
    police_station_id: col.varchar('Police station id (see firs.police_station_id)'),
    police_station: col.varchar('Police station name'),
    month: col.varchar('Month of registration in IST, YYYY-MM'),
    crime_group: col.varchar('Crime group (property, violent, …; unknown when no section mapped)'),
    crime_head_id: col.varchar('Crime head (unknown when no section mapped)'),
    fir_count: col.integer('FIRs registered'),
    charge_sheeted_count: col.integer('Of those, FIRs now charge-sheeted'),
    located_count: col.integer('Of those, FIRs with a latitude/longitude'),
  }),
});
