import { z } from 'zod';
import { col, defineTable, lineageColumns } from '../../lake/contract.ts';

export const firAccused = defineTable({
  name: 'fir_accused',
  description: 'Accused persons named in each FIR, as recorded (before entity resolution)',
  grain: 'one row per FIR and accused number',
  key: ['fir_id', 'accused_number'],
  replaceKey: ['fir_id'],
  partitionBy: ['district', 'month'],
  schema: z.object({
    fir_id: col.varchar('FIR (see firs.fir_id)'),
    district: col.varchar('District; Hive partition'),
    month: col.varchar('Month of FIR registration in IST, YYYY-MM; Hive partition'),
    accused_number: col.integer('Accused number within the FIR, from 1'),
    name: col.varchar('Name as recorded (Devanagari or Latin); personal data'),
    alias: col.opt.varchar('Alias; personal data'),
    father_name: col.opt.varchar("Father's name; personal data"),
    sex: col.opt.varchar('M, F or T'),
    age: col.opt.integer('Age in years at registration'),
    address: col.opt.varchar('Address; personal data'),
    is_arrested: col.boolean('Whether the accused has been arrested'),
    arrested_at: col.opt.timestamptz('Arrest instant (UTC)'),
    ...lineageColumns,
  }),
});
