import { z } from 'zod';
import { col, defineTable, lineageColumns } from '../../lake/contract.ts';
import { propertyTypes } from '../../schemas/cctns/child-rows.ts';

export const seizures = defineTable({
  name: 'seizures',
  description: 'Property seized under each FIR (vehicles, cash, narcotics, arms, liquor, …)',
  grain: 'one row per FIR and seizure number',
  key: ['fir_id', 'seizure_number'],
  replaceKey: ['fir_id'],
  partitionBy: ['district', 'month'],
  schema: z.object({
    fir_id: col.varchar('FIR (see firs.fir_id)'),
    district: col.varchar('District; Hive partition'),
    month: col.varchar('Month of FIR registration in IST, YYYY-MM; Hive partition'),
    seizure_number: col.integer('Seizure number within the FIR, from 1'),
    property_type: col.varchar(`Kind of property: ${propertyTypes.join(', ')}`),
    description: col.opt.varchar('Description as recorded'),
    quantity: col.opt.double('Quantity'),
    unit: col.opt.varchar('Unit of the quantity'),
    value_inr: col.opt.double('Estimated value in rupees'),
    registration_number: col.opt.varchar('Vehicle registration number as recorded (vehicles)'),
    chassis_number: col.opt.varchar('Chassis number (vehicles)'),
    engine_number: col.opt.varchar('Engine number (vehicles)'),
    seized_at: col.opt.timestamptz('Seizure instant (UTC)'),
    ...lineageColumns,
  }),
});
