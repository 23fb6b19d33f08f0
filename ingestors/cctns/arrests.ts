import { z } from 'zod';
import { col, defineTable, lineageColumns } from '../../lake/contract.ts';

export const arrests = defineTable({
  name: 'arrests',
  description: 'Arrests of accused persons, from the CCTNS arrest register',
  grain: 'one row per FIR, accused number and arrest instant',
  key: ['fir_id', 'accused_number', 'arrested_at'],
  replaceKey: ['fir_id'],
  partitionBy: ['district', 'month'],
  schema: z.object({
    fir_id: col.varchar('FIR (see firs.fir_id)'),
    district: col.varchar('District; Hive partition'),
    month: col.varchar('Month of FIR registration in IST, YYYY-MM; Hive partition'),
    accused_number: col.integer('Accused number within the FIR (see fir_accused)'),
    name: col.varchar('Name of the arrested person as recorded; personal data'),
    arrested_at: col.timestamptz('Arrest instant (UTC)'),
    arrest_place: col.opt.varchar('Place of arrest'),
    arresting_officer: col.opt.varchar('Arresting officer (name and rank)'),
    ...lineageColumns,
  }),
});
