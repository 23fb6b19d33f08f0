import { z } from 'zod';
import { col, defineTable } from '../../lake/contract.ts';
import { loadSql } from '../../lake/duckdb.ts';
import type { Model } from '../models.ts';
import { partitionFingerprints } from '../scope.ts';

export const crimeMonthly = defineTable({
  name: 'crime_monthly',
  description: 'FIRs per police station, month and crime head (IPC and BNS unified)',
  grain: 'one row per police station, month (IST) and crime head',
  key: ['police_station_id', 'month', 'crime_head_id'],
  replaceKey: ['month'],
  partitionBy: ['month'],
  schema: z.object({
    district: col.varchar('District'),
    police_station_id: col.varchar('Police station id (see firs.police_station_id)'),
    police_station: col.varchar('Police station name'),
    month: col.varchar('Month of registration in IST, YYYY-MM; Hive partition'),
    crime_group: col.varchar('Crime group (property, violent, …; unknown when no section mapped)'),
    crime_head_id: col.varchar('Crime head (unknown when no section mapped)'),
    fir_count: col.integer('FIRs registered'),
    charge_sheeted_count: col.integer('Of those, FIRs now charge-sheeted'),
    located_count: col.integer('Of those, FIRs with a latitude/longitude'),
    input_fingerprint: col.varchar(
      "Digest of the month's firs files, so a build recomputes only the months new or re-exported FIRs fall in",
    ),
  }),
});

/**
 * Incremental by month, with input fingerprints: a month's rows come from the FIRs of that month
 * alone, which are the `firs` partitions of that month, so the files of those partitions
 * fingerprint it and a build reads only the months whose files changed.
 */
export const crimeMonthlyModel: Model = {
  contract: crimeMonthly,
  sql: loadSql(import.meta.url, 'crime_monthly.sql'),
  inputs: ['firs'],
  incremental: { column: 'month', fingerprints: (ctx) => partitionFingerprints(ctx.lake, 'firs', 'month') },
};
