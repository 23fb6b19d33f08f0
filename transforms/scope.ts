/**
 * Helpers of incremental models (`IncrementalSpec` in models.ts): the temp table of the values a
 * build rebuilds, and fingerprints read from the lake's catalog instead of the data, for models
 * whose values are exactly the partitions of an input (crime_monthly's months are the months of
 * `firs`).
 */
import crypto from 'node:crypto';
import { currentSnapshot } from '../lake/catalog.ts';
import { ident } from '../lake/contract.ts';
import type { DuckDb } from '../lake/duckdb.ts';
import type { Lake } from '../lake/lake.ts';

/**
 * The name of the DuckDB variable holding the values an incremental SQL model builds now
 * (`varchar[]`); null outside a build, where the model computes every value.
 */
export const buildScopeVariable = 'build_scope';

/** A temp table (value, fingerprint) of the values an incremental build rebuilds, for the model's SQL to join. */
export async function writeScopeTable(db: DuckDb, name: string, values: ReadonlyMap<string, string>): Promise<void> {
  await db.run(`create or replace temp table ${ident(name)} (value varchar, fingerprint varchar)`);
  const appender = await db.connection.createAppender(name, 'main', 'temp');
  try {
    for (const [value, fingerprint] of values) {
      appender.appendVarchar(value);
      appender.appendVarchar(fingerprint);
      appender.endRow();
    }
  } finally {
    appender.closeSync();
  }
}

/**
 * Value of `column` (a Hive partition column of `table`) → a digest of the table's files in the
 * partitions with that value. The lake's writer rewrites a partition whenever a batch touches a
 * row of it (new files named after the batch), so the digest changes whenever the partition's
 * rows may have: no data is read. A table the lake lacks has no values.
 */
export async function partitionFingerprints(lake: Lake, table: string, column: string): Promise<Map<string, string>> {
  const snap = await currentSnapshot(lake.storage, table);
  if (!snap) return new Map();
  if (!snap.partitionBy.includes(column)) throw new Error(`${table} is not partitioned by ${column}`);
  const files = new Map<string, string[]>();
  for (const f of snap.files) {
    const value = f.partition[column];
    if (value === undefined) continue;
    let list = files.get(value);
    if (!list) files.set(value, (list = []));
    list.push(`${f.key}@${f.etag}`);
  }
  return new Map(
    [...files].map(([value, list]) => [
      value,
      crypto.createHash('sha256').update(`${table}:`).update(list.sort().join(';')).digest('hex').slice(0, 16),
    ]),
  );
}

/** A digest of all the files of `table` (a small input every value reads); `absent` when the lake lacks it. */
export async function tableFingerprint(lake: Lake, table: string): Promise<string> {
  const snap = await currentSnapshot(lake.storage, table);
  if (!snap) return 'absent';
  const files = snap.files.map((f) => `${f.key}@${f.etag}`).sort();
  return crypto.createHash('sha256').update(`${table}:`).update(files.join(';')).digest('hex').slice(0, 16);
}

/** Joins fingerprints of the same values: a value's parts in order (`-` where a part lacks it). */
export function combineFingerprints(
  values: Iterable<string>,
  ...parts: readonly ReadonlyMap<string, string>[]
): Map<string, string> {
  return new Map(
    [...values].map((value) => [
      value,
      crypto
        .createHash('sha256')
        .update(parts.map((p) => p.get(value) ?? '-').join('|'))
        .digest('hex')
        .slice(0, 16),
    ]),
  );
}

/**
 * Values an incremental build computed and found no rows for, with the fingerprint they were
 * computed from (a month of ANPR reads with no stolen vehicle in them): the table has no row to
 * carry that fingerprint, so it is kept here, next to the catalog, and such a value is not
 * recomputed until its fingerprint changes. Every entry is a fact ("these inputs give no rows")
 * that stays true, so a lost or stale file only costs a recomputation.
 */
const emptyValuesKey = (table: string) => `_catalog/builds/${table}/empty-values.json`;

export async function readEmptyValues(lake: Lake, table: string): Promise<Map<string, string>> {
  const key = emptyValuesKey(table);
  if (!(await lake.storage.head(key))) return new Map();
  const parsed = JSON.parse((await lake.storage.get(key)).toString('utf8')) as Record<string, string>;
  return new Map(Object.entries(parsed));
}

export async function writeEmptyValues(lake: Lake, table: string, values: ReadonlyMap<string, string>): Promise<void> {
  const sorted = Object.fromEntries([...values].sort(([a], [b]) => a.localeCompare(b)));
  await lake.storage.put(emptyValuesKey(table), JSON.stringify(sorted, null, 1), {
    contentType: 'application/json',
  });
}
