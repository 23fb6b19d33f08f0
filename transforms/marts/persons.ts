import { z } from 'zod';
import { col, defineTable } from '../../lake/contract.ts';
import { loadSql } from '../../lake/duckdb.ts';
import type { Model } from '../models.ts';
import { buildPerPerson, type PerPersonModel } from './person-builds.ts';
import { personRecords } from './person_records.ts';

export const persons = defineTable({
  name: 'persons',
  description: 'Persons resolved from the accused records of FIRs: the register of who is who',
  grain: 'one row per person (person_id)',
  key: ['person_id'],
  replaceKey: ['person_id'],
  partitionBy: [],
  schema: z.object({
    person_id: col.varchar('Person id, stable across rebuilds (merges and splits: person_id_history)'),
    name: col.varchar('Name in Latin as most often recorded (title case); personal data'),
    name_devanagari: col.opt.varchar('Name in Devanagari as most often recorded, when ever so recorded; personal data'),
    father_name: col.opt.varchar("Father's name in Latin as most often recorded; personal data"),
    sex: col.opt.varchar('M, F or T (most often recorded)'),
    birth_year: col.opt.integer('Median of the birth years the records give (FIR year minus age)'),
    home_district: col.opt.varchar('District of the address most often recorded (reference id), else of the FIRs'),
    record_count: col.integer('Accused records resolved to this person'),
    fir_count: col.integer('Distinct FIRs'),
    first_registered_at: col.opt.timestamptz('Registration of the first FIR (UTC)'),
    last_registered_at: col.opt.timestamptz('Registration of the last FIR (UTC)'),
    input_fingerprint: col.varchar(
      "Digest of the person's records, so a build recomputes only the persons whose records changed",
    ),
  }),
});

const sql = loadSql(import.meta.url, 'persons.sql');

/** How persons is built: per bucket of persons, only the persons whose records changed (person-builds.ts). */
export const personsBuild: PerPersonModel = {
  contract: persons,
  sql,
  fingerprintSql: loadSql(import.meta.url, 'persons.fingerprints.sql'),
  recordsPerBucket: 1_000_000,
};

export const personsModel: Model = {
  contract: persons,
  sql,
  run: async (ctx, staging) => {
    await buildPerPerson(ctx, staging, personsBuild);
  },
  // The fingerprints are part of the output: a changed digest rebuilds (see person-builds.ts).
  settings: () => ({ fingerprintSql: personsBuild.fingerprintSql }),
  inputs: [personRecords.name],
};
