import { z } from 'zod';
import { col, defineTable, lineageColumns } from '../../lake/contract.ts';
import { plateColumns } from './vehicles.ts';

export const stolenVehicles = defineTable({
  name: 'stolen_vehicles',
  description: 'Stolen-vehicle reports; a report re-exported as recovered replaces the active one',
  grain: 'one row per stolen vehicle and theft report (FIR, or report time when no FIR is given)',
  key: ['stolen_report_id'],
  replaceKey: ['stolen_report_id'],
  partitionBy: ['month'],
  schema: z.object({
    stolen_report_id: col.varchar(
      'Natural key: <registration_number>|<fir_id>, or <registration_number>|<reported_at ISO> without an FIR',
    ),
    month: col.varchar('Month the theft was reported in IST, YYYY-MM; Hive partition'),
    registration_number: col.varchar('Canonical registration number; the compacted text when it is no valid number'),
    ...plateColumns,
    fir_id: col.opt.varchar(
      'FIR id as in the firs table (<police_station_id>/<fir_year>/<fir_number>), when the FIR is known',
    ),
    fir_reference: col.opt.varchar('FIR reference as written in the export'),
    fir_number: col.opt.varchar('FIR number, zero-padded to 4 digits'),
    fir_year: col.opt.integer('FIR year'),
    district: col.opt.varchar('District of the reporting police station (English name when known)'),
    police_station: col.opt.varchar('Reporting police station (English name when known)'),
    police_station_id: col.opt.varchar('Police station id from the reference data, or <district>-<name> when unknown'),
    is_known_police_station: col.boolean('Whether the police station matched the reference data'),
    reported_at: col.timestamptz('When the theft was reported (UTC)'),
    is_active: col.boolean('True while the vehicle is still missing; false once the export says it was recovered'),
    recovered_at: col.opt.timestamptz('When the vehicle was recovered (UTC), when the export says'),
    ...lineageColumns,
  }),
});
