/**
 * Builds of the per-person marts (persons, offender_profiles). A person's row is computed from
 * that person's accused records and lake-wide facts alone (the FIRs, arrests, seizures they point
 * to), so:
 * - persons are computed in hash buckets of person_id, one insert per bucket, as many buckets as
 *   the records need: memory is bounded by a bucket, not by the lake (ordered list aggregates and
 *   per-person hash tables do not spill to disk);
 * - each row carries a fingerprint of exactly the inputs it is computed from (`fingerprintSql`,
 *   a sum of hashes per person: scalar aggregates that spill), so a later build recomputes only
 *   the persons whose fingerprint changed (new or moved records, a re-exported FIR, an arrest…)
 *   and carries every other row over as it is; persons that no longer exist are left out. The
 *   fingerprints are worked out from the data, whatever way person_records was built.
 *
 * The model's SQL honours three DuckDB variables, null outside these builds (then it computes
 * every person): `person_scope` (varchar[] of the persons to compute), `person_buckets` and
 * `person_bucket` (`hash(person_id) % person_buckets = person_bucket`).
 */
import crypto from 'node:crypto';
import { columnsOf, ident, type TableDef } from '../../lake/contract.ts';
import { relationColumns, type DuckDb } from '../../lake/duckdb.ts';
import type { ModelContext } from '../models.ts';

export interface PerPersonModel {
  /** The table: keyed by person_id, with an input_fingerprint column. */
  contract: TableDef;
  /** One row per person, honouring the variables above. */
  sql: string;
  /**
   * (person_id, fingerprint) of every person the SQL gives a row for: a digest of every value
   * the person's row is computed from. Keep it in step with the SQL.
   */
  fingerprintSql: string;
  /** Accused records computed per bucket (bounds the memory of one insert). */
  recordsPerBucket: number;
}

/** What a build of a per-person mart did. */
export interface PerPersonBuild {
  full: boolean;
  /** Persons computed now. */
  computed: number;
  /** Rows carried over from the table as it was (unchanged fingerprint). */
  kept: number;
}

/** Fills `staging` (shaped like the contract) with every person's row; see the module comment. */
export async function buildPerPerson(ctx: ModelContext, staging: string, m: PerPersonModel): Promise<PerPersonBuild> {
  const { db } = ctx;
  const name = m.contract.name;
  const fingerprints = `fingerprints_${name}`;
  const changed = `changed_${name}`;
  // A changed model changes every fingerprint, so it recomputes every person.
  const code = crypto.createHash('sha256').update(m.sql).update(m.fingerprintSql).digest('hex').slice(0, 12);
  await db.run(
    `create or replace temp table ${ident(fingerprints)} as
     select person_id, $code || '.' || fingerprint as fingerprint from (${m.fingerprintSql})`,
    { code },
  );
  try {
    const stored = await relationColumns(db, name);
    // First build, or an older layout (no fingerprints): every person is computed.
    const full = ctx.full === true || !columnsOf(m.contract).every((c) => stored.has(c.name));
    let kept = 0;
    if (!full) {
      // Rows whose person has the fingerprint they were computed from are current.
      await db.run(
        `insert into ${ident(staging)} by name
         select ${columnsOf(m.contract)
           .map((c) => `o.${ident(c.name)}`)
           .join(', ')}
         from ${ident(name)} as o
         semi join ${ident(fingerprints)} as f on f.person_id = o.person_id and f.fingerprint = o.input_fingerprint`,
      );
      kept = await countRows(db, staging);
      await db.run(
        `create or replace temp table ${ident(changed)} as
         select f.person_id from ${ident(fingerprints)} as f
         anti join ${ident(name)} as o on o.person_id = f.person_id and o.input_fingerprint = f.fingerprint`,
      );
    }
    const computed = await computePersons(db, staging, m, {
      fingerprints,
      ...(full ? {} : { scope: changed }),
    });
    ctx.lake.log.info('built per person', { table: name, full, computed, kept });
    return { full, computed, kept };
  } finally {
    await db.run(`drop table if exists ${ident(fingerprints)}; drop table if exists ${ident(changed)}`);
  }
}

/**
 * Inserts into `staging` the rows of the persons in `scope` (a table of person_id; all persons
 * without one), bucket by bucket, each stamped with its fingerprint from `fingerprints` (a table
 * of person_id, fingerprint; without one the SQL's rows go in as they are, with no fingerprint
 * column). Returns how many persons it computed.
 */
export async function computePersons(
  db: DuckDb,
  staging: string,
  m: Pick<PerPersonModel, 'contract' | 'sql' | 'recordsPerBucket'>,
  tables: { scope?: string; fingerprints?: string },
): Promise<number> {
  const { scope, fingerprints } = tables;
  const [counted] = await db.all<{ n: bigint }>(
    scope
      ? `select count(*) as n from person_records semi join ${ident(scope)} using (person_id)`
      : `select count(*) as n from person_records`,
  );
  const records = Number(counted?.n ?? 0);
  if (records === 0) return 0;
  const buckets = Math.max(1, Math.ceil(records / m.recordsPerBucket));
  const cols = columnsOf(m.contract)
    .filter((c) => c.name !== 'input_fingerprint')
    .map((c) => `c.${ident(c.name)}::${c.duckType} as ${ident(c.name)}`);
  if (fingerprints) cols.push('f.fingerprint as input_fingerprint');
  const join = fingerprints ? `inner join ${ident(fingerprints)} as f using (person_id)` : '';
  const before = await countRows(db, staging);
  if (scope) await db.run(`set variable person_scope = (select list(person_id) from ${ident(scope)})`);
  await db.run(`set variable person_buckets = $buckets::ubigint`, { buckets });
  try {
    for (let bucket = 0; bucket < buckets; bucket++) {
      await db.run(`set variable person_bucket = $bucket::ubigint`, { bucket });
      await db.run(`insert into ${ident(staging)} by name select ${cols.join(', ')} from (${m.sql}) as c ${join}`);
    }
  } finally {
    await db.run(`reset variable person_scope; reset variable person_buckets; reset variable person_bucket`);
  }
  return (await countRows(db, staging)) - before;
}

async function countRows(db: DuckDb, table: string): Promise<number> {
  const [row] = await db.all<{ n: number }>(`select count(*)::integer as n from ${ident(table)}`);
  return row?.n ?? 0;
}
