import { z } from 'zod';
import { col, defineTable } from '../../lake/contract.ts';
import { loadSql } from '../../lake/duckdb.ts';
import { listValue } from '@duckdb/node-api';
import type { Model, ModelContext } from '../models.ts';
import { combineFingerprints, partitionFingerprints } from '../scope.ts';
import { optionalInputs } from '../reference-tables.ts';
import { anprReads } from '../../ingestors/vehicles/anpr_reads.ts';
import { cameras } from '../../ingestors/vehicles/cameras.ts';
import { stolenVehicles } from '../../ingestors/vehicles/stolen_vehicles.ts';

export const stolenVehicleSightings = defineTable({
  name: 'stolen_vehicle_sightings',
  description:
    'ANPR camera reads of stolen vehicles (plates normalised, OCR confusions repaired), with camera, place and time and the theft report',
  grain:
    'one row per ANPR read and stolen-vehicle report it matches, where the read falls after the report and before any recovery',
  key: ['camera_id', 'read_at', 'plate_text', 'stolen_report_id'],
  replaceKey: ['month'],
  partitionBy: ['month'],
  schema: z.object({
    camera_id: col.varchar('Camera (joins cameras)'),
    read_at: col.timestamptz('Read instant (UTC)'),
    month: col.varchar('Month of the read in IST, YYYY-MM (anpr_reads.month); Hive partition'),
    plate_text: col.varchar('Plate text as the camera read it'),
    registration_number: col.varchar(
      'Registration number of the stolen vehicle: the read normalises to it (anpr_reads.registration_number, OCR confusions where the position fixes the kind repaired)',
    ),
    plate_repaired: col.boolean(
      'Whether the ingest repaired an OCR confusion in the read (UP65AB12O4 read, UP65AB1204 matched): check the plate by eye',
    ),
    confidence: col.opt.double('OCR confidence of the read, 0–1'),
    place: col.opt.varchar('Where the camera stands (the read, else the camera)'),
    latitude: col.opt.double('Latitude of the camera (WGS84)'),
    longitude: col.opt.double('Longitude of the camera (WGS84)'),
    h3_cell: col.opt.varchar('H3 cell (resolution 8) of the camera'),
    camera_district: col.opt.varchar('District of the camera (cameras.district)'),
    nearest_police_station_id: col.opt.varchar('Police station nearest the camera (cameras.nearest_police_station_id)'),
    stolen_report_id: col.varchar('The theft report (joins stolen_vehicles)'),
    fir_id: col.opt.varchar('FIR of the theft (joins firs)'),
    district: col.opt.varchar('District of the reporting police station'),
    police_station_id: col.opt.varchar('Reporting police station'),
    reported_at: col.timestamptz('When the theft was reported (UTC)'),
    hours_since_report: col.double('Hours from the report to the read'),
    is_still_missing: col.boolean('Whether the vehicle is still missing now (stolen_vehicles.is_active)'),
    input_fingerprint: col.varchar(
      "Digest of the month's anpr_reads files, the stolen-vehicle reports that can match a read of that month, and the cameras, so a build recomputes only the months whose inputs changed",
    ),
  }),
});

const fingerprintsSql = loadSql(import.meta.url, 'stolen_vehicle_sightings.fingerprints.sql');

/**
 * Input fingerprints per month of the reads: the files of that month's anpr_reads partition (the
 * reads are the large input, and are read only for the months in scope), plus a digest of the
 * reports whose theft-to-recovery span meets the month and of the cameras (small tables).
 */
async function sightingFingerprints(ctx: ModelContext): Promise<ReadonlyMap<string, string>> {
  const reads = await partitionFingerprints(ctx.lake, 'anpr_reads', 'month');
  if (reads.size === 0) return reads;
  const rows = await ctx.db.all<{ value: string; fingerprint: string }>(fingerprintsSql, {
    months: listValue([...reads.keys()]),
  });
  return combineFingerprints(reads.keys(), reads, new Map(rows.map((r) => [r.value, r.fingerprint])));
}

export const stolenVehicleSightingsModel: Model = {
  contract: stolenVehicleSightings,
  sql: loadSql(import.meta.url, 'stolen_vehicle_sightings.sql'),
  inputs: [],
  optionalInputs: optionalInputs(anprReads, stolenVehicles, cameras),
  incremental: { column: 'month', fingerprints: sightingFingerprints },
};
