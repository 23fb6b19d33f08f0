import { z } from 'zod';
import { col, defineTable, ident } from '../../lake/contract.ts';
import { loadSql, tableExists } from '../../lake/duckdb.ts';
import type { Model, ModelContext } from '../models.ts';
import { emptyRelationSql } from '../reference-tables.ts';
import { personRecords } from './person_records.ts';

export const personIdHistory = defineTable({
  name: 'person_id_history',
  description:
    'Changes of person ids between builds of person_records: persons merged into another, records split off into a new person or moved',
  grain: "one row per person id, event and other person id (append-only: earlier builds' events are kept)",
  key: ['person_id', 'event', 'other_person_id'],
  replaceKey: ['person_id', 'event', 'other_person_id'],
  partitionBy: [],
  schema: z.object({
    person_id: col.varchar('The person id whose records changed hands (the id before the build)'),
    event: col.varchar(
      'merged: the id is retired, its records now belong to other_person_id (look it up there); split: some of its records form the new person other_person_id; moved: some of its records now belong to the existing person other_person_id',
    ),
    other_person_id: col.varchar('The person id the records went to'),
    record_count: col.integer('Records that went'),
    recorded_at: col.timestamptz('When the build that made the change ran (UTC)'),
  }),
});

const sql = loadSql(import.meta.url, 'person_id_history.sql');

/** Runs the SQL over the current person_records and the history so far (empty at first). */
async function buildPersonIdHistory(ctx: ModelContext, staging: string): Promise<void> {
  const previous = (await tableExists(ctx.db, personIdHistory.name))
    ? `select * from ${ident(personIdHistory.name)}`
    : emptyRelationSql(personIdHistory);
  await ctx.db.run(`create or replace temp view previous_person_id_history as ${previous}`);
  await ctx.db.run(`insert into ${ident(staging)} by name select * from (${sql})`);
}

export const personIdHistoryModel: Model = {
  contract: personIdHistory,
  inputs: [personRecords.name],
  run: buildPersonIdHistory,
};
