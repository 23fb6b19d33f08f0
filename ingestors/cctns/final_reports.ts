import { z } from 'zod';
import { col, defineTable, lineageColumns } from '../../lake/contract.ts';

export const finalReports = defineTable({
  name: 'final_reports',
  description: 'Charge-sheets and final (closure) reports filed under each FIR',
  grain: 'one row per FIR and report number',
  key: ['fir_id', 'report_number'],
  replaceKey: ['fir_id'],
  partitionBy: ['district', 'month'],
  schema: z.object({
    fir_id: col.varchar('FIR (see firs.fir_id)'),
    district: col.varchar('District; Hive partition'),
    month: col.varchar('Month of FIR registration in IST, YYYY-MM; Hive partition'),
    report_number: col.varchar('Charge-sheet or final report number'),
    report_type: col.varchar('charge_sheet, final_report (closure) or untraced'),
    filed_at: col.timestamptz('When the report was filed (UTC)'),
    court: col.opt.varchar('Court it was filed in'),
    accused_charged: col.opt.integer('Accused charge-sheeted (charge-sheets)'),
    ...lineageColumns,
  }),
});
