import { z } from 'zod';
import { col, defineTable, lineageColumns } from '../../lake/contract.ts';

export const firSections = defineTable({
  name: 'fir_sections',
  description: 'Acts and sections of each FIR, each mapped to one crime head (IPC and BNS unified)',
  grain: 'one row per FIR and cited section, in the order written',
  key: ['fir_id', 'section_number'],
  replaceKey: ['fir_id'],
  partitionBy: ['district', 'month'],
  schema: z.object({
    fir_id: col.varchar('FIR (see firs.fir_id)'),
    district: col.varchar('District; Hive partition'),
    month: col.varchar('Month of FIR registration in IST, YYYY-MM; Hive partition'),
    section_number: col.integer('Position of the section in the FIR text, from 1'),
    act: col.opt.varchar('Act code (IPC, BNS, NDPS, ARMS, EXCISE, …); null when not recognised'),
    act_text: col.varchar('Act as written'),
    section: col.varchar('Section, e.g. 303 or 8/20'),
    sub_section: col.opt.varchar('Sub-section, e.g. 2 for 303(2)'),
    crime_head_id: col.opt.varchar('Crime head (IPC and BNS sections of one offence share it)'),
    crime_group: col.opt.varchar('Crime group of the crime head'),
    ...lineageColumns,
  }),
});
