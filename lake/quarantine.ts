import { z } from 'zod';
import { col, defineTable } from './contract.ts';

/** Rejected input rows with their reason (DESIGN.md invariant 1: nothing lost). */
export const quarantine = defineTable({
  name: 'quarantine',
  description: 'Input records that failed validation, with file, line, field, reason and the raw text',
  grain: 'one row per rejected record',
  key: ['batch_id', 'source_file', 'source_line'],
  replaceKey: ['batch_id'],
  partitionBy: ['source'],
  location: 'quarantine',
  schema: z.object({
    source: col.varchar('Source (cctns, tips, social, vehicles, groups); Hive partition'),
    batch_id: col.varchar('Ingest batch'),
    source_file: col.varchar('File the record came from'),
    source_line: col.integer('Line (CSV) or record number (JSON) where the record starts'),
    field: col.varchar('Field that failed, or (record) when the whole record is bad'),
    reason: col.varchar('Why it was rejected'),
    raw: col.varchar('The raw record text'),
    ingested_at: col.timestamptz('When the batch was ingested (UTC)'),
  }),
});
