import { z } from 'zod';
import { col, defineTable, lineageColumns } from '../../lake/contract.ts';

export const firVictims = defineTable({
  name: 'fir_victims',
  description: 'Victims named in each FIR',
  grain: 'one row per FIR and victim number',
  key: ['fir_id', 'victim_number'],
  replaceKey: ['fir_id'],
  partitionBy: ['district', 'month'],
  schema: z.object({
    fir_id: col.varchar('FIR (see firs.fir_id)'),
    district: col.varchar('District; Hive partition'),
    month: col.varchar('Month of FIR registration in IST, YYYY-MM; Hive partition'),
    victim_number: col.integer('Victim number within the FIR, from 1'),
    name: col.opt.varchar('Name (withheld in some offences); personal data'),
    sex: col.opt.varchar('M, F or T'),
    age: col.opt.integer('Age in years'),
    address: col.opt.varchar('Address; personal data'),
    ...lineageColumns,
  }),
});
