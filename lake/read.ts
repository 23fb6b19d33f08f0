import type { Snapshot } from './catalog.ts';
import { ident } from './contract.ts';
import { sqlString, type DuckDb } from './duckdb.ts';
import { localPaths, type Lake } from './lake.ts';

/** The `read_parquet(...)` call over a table's files, with its Hive partition types. */
export function readParquetSql(
  paths: readonly string[],
  table: Pick<Snapshot, 'columns' | 'partitionBy'>,
  options: { filename?: boolean } = {},
): string {
  const list = '[' + paths.map(sqlString).join(', ') + ']';
  const hiveTypes = table.partitionBy
    .map((p) => `${sqlString(p)}: ${table.columns.find((c) => c.name === p)?.type ?? 'VARCHAR'}`)
    .join(', ');
  const hive =
    table.partitionBy.length > 0 ? `, hive_partitioning = true, hive_types = {${hiveTypes}}` : '';
  const filename = options.filename ? ', filename = true' : '';
  return `read_parquet(${list}${hive}${filename}, union_by_name = true)`;
}

/** `select … from read_parquet(…)` for a snapshot, or a typed empty relation when it has no files. */
export async function snapshotRelationSql(lake: Lake, snap: Snapshot): Promise<string> {
  const cols = snap.columns.map((c) => ident(c.name)).join(', ');
  if (snap.files.length === 0) {
    return `select ${snap.columns.map((c) => `cast(null as ${c.type}) as ${ident(c.name)}`).join(', ')} where false`;
  }
  const paths = await localPaths(lake, snap.files);
  return `select ${cols} from ${readParquetSql(paths, snap)}`;
}

/** Creates (or replaces) a view named after the table over its current snapshot. */
export async function registerView(db: DuckDb, lake: Lake, snap: Snapshot, name = snap.table): Promise<void> {
  await db.run(`create or replace view ${ident(name)} as ${await snapshotRelationSql(lake, snap)}`);
}
