import { z } from 'zod';
import { col, defineTable } from '../../lake/contract.ts';
import { loadSql } from '../../lake/duckdb.ts';
import type { Model } from '../models.ts';
import { personRecords } from './person_records.ts';

export const coAccusedEdges = defineTable({
  name: 'co_accused_edges',
  description: 'The co-accused network: pairs of persons accused together in one or more FIRs',
  grain: 'one row per pair of persons accused in at least one common FIR (person_id < co_accused_person_id)',
  key: ['person_id', 'co_accused_person_id'],
  replaceKey: ['person_id', 'co_accused_person_id'],
  partitionBy: [],
  schema: z.object({
    person_id: col.varchar('One person of the pair (the smaller id; joins persons)'),
    co_accused_person_id: col.varchar('The other person (joins persons)'),
    fir_count: col.integer('FIRs in which both are accused'),
    first_together_at: col.opt.timestamptz('Registration of the first such FIR (UTC)'),
    last_together_at: col.opt.timestamptz('Registration of the last such FIR (UTC)'),
    fir_ids: col.varchar('JSON array of those FIRs (fir_id), in order'),
  }),
});

export const coAccusedEdgesModel: Model = {
  contract: coAccusedEdges,
  sql: loadSql(import.meta.url, 'co_accused_edges.sql'),
  inputs: [personRecords.name],
};
