/**
 * Incremental entity resolution: what a build that is not `--full` resolves when the lake's
 * `person_records` and the model state of the build that wrote it are at hand.
 *
 * - **What changed**: a record is new, or its source changed (`source_hash`), or it is gone.
 * - **Seeds**: the new and changed records. Their blocking groups and sort keys (every blocking
 *   rule's) are computed as the full resolution computes them; the previous records' are worked
 *   out in SQL from the normal forms `person_records` keeps (`er_candidates.sql`).
 * - **The store** then holds the seeds, the previous records within the blocking window either
 *   side of a seed in one of its groups (the neighbours the full blocking would compare it
 *   with), and every record of those records' persons (the clustering's constraints, one FIR,
 *   birth years, fathers' names, see whole persons). Only pairs with a seed are compared; the
 *   previous persons stand as they are (a seed may join one, or merge two), scored with the
 *   previous build's m, u and λ (no EM) and term frequencies counted over all records in SQL.
 * - Every other record keeps its row (its person id too, unless its person merged into another).
 *
 * State: the m/u parameters are kept in `_state/person_records/resolution.json` with the
 * resolution's settings and a digest of the person ids of the table they were written with.
 * The state is written before the table commits; a build that fails in between leaves a state
 * whose digest does not match the table, and the next build resolves in full.
 */
import { ident } from '../../lake/contract.ts';
import { loadSql, type DuckDb } from '../../lake/duckdb.ts';
import type { Lake } from '../../lake/lake.ts';
import { NotFoundError } from '../../lake/storage.ts';
import { blockingRules, partText, partValue, type BlockingRule, type KeyPart } from './blocking.ts';
import { fields } from './comparisons.ts';
import { ChunkWriter, forEachRow } from './duck-columns.ts';
import { TermFrequencies, type ModelParameters } from './model.ts';
import { foldWord, skeleton } from './normalise.ts';
import type { RecordStore } from './store.ts';

const sql = {
  candidates: loadSql(import.meta.url, 'er_candidates.sql'),
  frequencies: loadSql(import.meta.url, 'er_frequencies.sql'),
};

export const stateKey = '_state/person_records/resolution.json';

/** Past this share of changed or removed records, a build resolves in full. */
export const defaultMaxChangedShare = 0.1;

export interface ResolutionState {
  /** The resolution's version and settings the parameters were estimated with. */
  settings: string;
  params: ModelParameters;
  /** Digest of (record_id, person_id) of the person_records written with this state. */
  digest: string;
  records: number;
}

export class ResolutionStateError extends Error {
  constructor(
    readonly key: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${key}: ${message}`, options);
    this.name = 'ResolutionStateError';
  }
}

/** The model state, or undefined when there is none. */
export async function readState(lake: Lake): Promise<ResolutionState | undefined> {
  let body: Buffer;
  try {
    body = await lake.storage.get(stateKey);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
  try {
    return JSON.parse(body.toString('utf8')) as ResolutionState;
  } catch (error) {
    throw new ResolutionStateError(stateKey, `not JSON: ${(error as Error).message}`, { cause: error });
  }
}

export async function writeState(lake: Lake, state: ResolutionState): Promise<void> {
  await lake.storage.put(stateKey, JSON.stringify(state));
}

/** Digest of a table's record → person assignment (what the state was written with). */
export async function assignmentDigest(db: DuckDb, table: string): Promise<{ digest: string; records: number }> {
  const [row] = await db.all<{ n: number; d: string }>(
    `select count(*)::integer as n, coalesce(sum(hash(record_id, person_id)), 0)::varchar as d from ${ident(table)}`,
  );
  return { digest: row?.d ?? '0', records: row?.n ?? 0 };
}

/** Rules whose keys `er_candidates.sql` knows how to write for the previous records. */
export const incrementalRules: readonly string[] = blockingRules.map((r) => r.name);

/** A seed's group and place in it under one blocking rule. */
export interface SeedKey {
  /** Store index of the seed. */
  record: number;
  /** The rule's name and the texts of its block parts, joined by '|'. */
  key: string;
  /** The texts of its sort parts joined by '|' (the order within the group). */
  sort: string;
}

/** The seeds' blocking groups and sort keys, as `er_candidates.sql` writes those of the previous records. */
export function seedKeys(s: RecordStore, rules: readonly BlockingRule[] = blockingRules): SeedKey[] {
  const out: SeedKey[] = [];
  for (let i = 0; i < s.size; i++) {
    if (!s.isNamed(i)) continue;
    for (const rule of rules) {
      if ((rule.requires ?? []).some((part) => partValue(s, part, i) < 0)) continue;
      const text = (part: KeyPart): string => partText(s, part, partValue(s, part, i));
      out.push({ record: i, key: [rule.name, ...rule.block.map(text)].join('|'), sort: rule.sort.map(text).join('|') });
    }
  }
  return out;
}

/** Writes a two-column text mapping of the distinct values of a query, computed in TS. */
async function writeMapping(
  db: DuckDb,
  table: string,
  distinctSql: string,
  columns: [string, string],
  map: (value: string) => string | null,
): Promise<void> {
  const values: string[] = [];
  await forEachRow(db, distinctSql, (c, r) => values.push(c[0]![r] as string));
  const w = await ChunkWriter.create(db, table, { [columns[0]]: 'varchar', [columns[1]]: 'varchar' });
  for (const v of values) {
    w.set(0, v);
    w.set(1, map(v));
    w.endRow();
  }
  w.close();
}

/**
 * The lookup tables the previous records' keys and frequencies need: the skeleton of each
 * folded word of names and fathers' names (`er_skeletons`), the folded key of each place
 * (`er_place_keys`, as `parseAddress` folds it).
 */
export async function writeKeyMappings(db: DuckDb): Promise<void> {
  await writeMapping(
    db,
    'er_skeletons',
    `select distinct w from (
       select split_part(name_key, ' ', 1) as w from person_records where name_key is not null
       union all select regexp_extract(name_key, '[^ ]+$') from person_records where name_key is not null
       union all select split_part(father_key, ' ', 1) from person_records where father_key is not null
     ) where w is not null`,
    ['word', 'skeleton'],
    skeleton,
  );
  await writeMapping(
    db,
    'er_place_keys',
    'select distinct place from person_records where place is not null',
    ['place', 'place_key'],
    (p) => p.split(' ').map(foldWord).join('') || null,
  );
}

/**
 * The previous persons the seeds may meet: those with a record among the `window` previous
 * records either side of a seed in one of its blocking groups, in the group's sort order (the
 * neighbours the full blocking would compare it with). `er_records` numbers the seeds.
 */
export async function writeCandidatePersons(db: DuckDb, keys: readonly SeedKey[], window: number): Promise<void> {
  const w = await ChunkWriter.create(db, 'er_seed_keys', { idx: 'integer', key: 'varchar', sort: 'varchar' });
  for (const k of keys) {
    w.set(0, k.record);
    w.set(1, k.key);
    w.set(2, k.sort);
    w.endRow();
  }
  w.close();
  await db.run(`create or replace table er_candidate_persons as ${sql.candidates}`, { window });
}

/**
 * Term frequencies over all records (the previous table's normal forms; the few seeds are not
 * counted), for the values the store holds.
 */
export async function frequenciesOver(db: DuckDb, s: RecordStore): Promise<TermFrequencies> {
  // The store interns alias words as it meets them: have them all before looking values up.
  for (let i = 0; i < s.size; i++) {
    const alias = s.isNamed(i) ? s.aliasOf(i) : -1;
    if (alias >= 0) s.strings.words(alias);
  }
  const tf = new TermFrequencies();
  const totals = fields.map(() => 0);
  const averages = fields.map(() => 0);
  await db.run(`create or replace table er_frequencies as ${sql.frequencies}`);
  const rows = await db.all<{ field: number; total: number; average: number }>(
    `select field, sum(n)::double as total, sum(n * n)::double / (sum(n)::double * sum(n)::double) as average
     from er_frequencies group by field`,
  );
  for (const r of rows) {
    totals[r.field] = r.total;
    averages[r.field] = r.average;
  }
  await forEachRow(db, 'select field, value, n::integer from er_frequencies', (c, r) => {
    const id = s.strings.find(c[1]![r] as string);
    if (id >= 0) tf.addCount(c[0]![r] as number, id, c[2]![r] as number);
  });
  tf.sealWith(totals, averages);
  return tf;
}
