import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  commitSnapshot,
  ConcurrentCommitError,
  currentSnapshot,
  type FileEntry,
  type Snapshot,
} from './catalog.ts';
import { columnsOf, ident, type TableDef } from './contract.ts';
import { sqlString, type DuckDb } from './duckdb.ts';
import { localPaths, type Lake } from './lake.ts';
import { readParquetSql } from './read.ts';

/**
 * Writes a batch of rows (a DuckDB table shaped like the contract) into a lake table:
 * upsert by the contract's replace key, rewrite only the touched partitions as zstd Parquet,
 * upload, then commit a new snapshot. Safe to retry at any point: file names derive from the
 * batch id, and a batch already in the table's snapshot is skipped.
 */
export interface WriteTableInput {
  lake: Lake;
  db: DuckDb;
  contract: TableDef;
  /** DuckDB table holding the batch's rows, with the contract's columns. */
  incoming: string;
  batchId: string;
  /** Replace the whole table with the batch (a derived table's full rebuild). */
  replaceAll?: boolean;
  /** Test hook: throw after the files are uploaded and before the commit. */
  failAfterUpload?: boolean;
}

export interface WriteTableResult {
  table: string;
  skipped: boolean;
  version: number;
  rowsIncoming: number;
  rowsReplaced: number;
  rowCount: number;
  filesAdded: number;
  filesRemoved: number;
}

export class InjectedFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InjectedFailure';
  }
}

const commitAttempts = 5;

/** Drops a table or view of this name, whichever it is. */
async function dropRelation(db: DuckDb, name: string): Promise<void> {
  const [kind] = await db.all<{ t: string }>(
    `select table_type as t from information_schema.tables where table_name = $1 and table_schema = 'main'`,
    [name],
  );
  if (kind) await db.run(`drop ${kind.t === 'VIEW' ? 'view' : 'table'} ${ident(name)}`);
}

export async function writeTable(input: WriteTableInput): Promise<WriteTableResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await writeOnce(input);
    } catch (error) {
      if (!(error instanceof ConcurrentCommitError) || attempt >= commitAttempts) throw error;
      input.lake.log.warn('commit conflict, retrying', { table: input.contract.name, attempt });
    }
  }
}

function partitionKeyOf(partition: Record<string, string>, by: readonly string[]): string {
  return by.map((k) => `${k}=${partition[k] ?? ''}`).join('/');
}

/** Parses `k=v` folders of a relative path into partition values. */
function partitionOfPath(relPath: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of relPath.split('/').slice(0, -1)) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq)] = decodeURIComponent(part.slice(eq + 1));
  }
  return out;
}

function listFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile() && d.name.endsWith('.parquet'))
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .sort();
}

async function writeOnce(input: WriteTableInput): Promise<WriteTableResult> {
  const { lake, db, contract, incoming, batchId } = input;
  const table = contract.name;
  const columns = columnsOf(contract);
  const colList = columns.map((c) => ident(c.name)).join(', ');
  const by = contract.partitionBy;
  const snap = await currentSnapshot(lake.storage, table);
  const base: Snapshot = snap ?? {
    table,
    version: 0,
    committedAt: new Date(0).toISOString(),
    partitionBy: [...by],
    columns: columns.map((c) => ({ name: c.name, type: c.duckType })),
    files: [],
    rowCount: 0,
    batches: [],
  };
  const [{ n: rowsIncoming }] = await db.all<{ n: number }>(
    `select count(*)::integer as n from ${ident(incoming)}`,
  );
  if (base.batches.includes(batchId)) {
    lake.log.info('batch already committed, skipping', { table, batch: batchId });
    return {
      table,
      skipped: true,
      version: base.version,
      rowsIncoming: rowsIncoming ?? 0,
      rowsReplaced: 0,
      rowCount: base.rowCount,
      filesAdded: 0,
      filesRemoved: 0,
    };
  }

  // Deduplicate the batch itself by the natural key (the last line of the source wins).
  const batchTable = `batch_${table}`;
  const keyCols = contract.key.map(ident).join(', ');
  const lastLineWins = columns.some((c) => c.name === 'source_line') ? ' order by source_line desc nulls last' : '';
  // Most batches repeat no key: then the incoming table is the batch as it is (no copy).
  const [{ dups }] = (await db.all<{ dups: number }>(
    `select (count(*) - count(distinct (${keyCols})))::integer as dups from ${ident(incoming)}`,
  )) as [{ dups: number }];
  if (dups > 0) {
    await db.run(
      `create or replace table ${ident(batchTable)} as
       select ${colList} from ${ident(incoming)}
       qualify row_number() over (partition by ${keyCols}${lastLineWins}) = 1`,
    );
  } else {
    await db.run(`create or replace view ${ident(batchTable)} as select ${colList} from ${ident(incoming)}`);
  }

  // Partitions touched: those of the new rows, and those holding rows the batch replaces.
  const touched = new Set<string>();
  if (by.length === 0) {
    touched.add(''); // an unpartitioned table is one partition
  } else {
    const partRows = await db.all<Record<string, unknown>>(
      `select distinct ${by.map(ident).join(', ')} from ${ident(batchTable)}`,
    );
    for (const r of partRows) touched.add(by.map((k) => `${k}=${String(r[k])}`).join('/'));
  }
  const rk = contract.replaceKey.map(ident).join(', ');
  let rowsReplaced = 0;
  if (base.files.length > 0 && !input.replaceAll) {
    const paths = await localPaths(lake, base.files);
    const pathToEntry = new Map(paths.map((p, i) => [p, base.files[i]!]));
    const hits = await db.all<{ filename: string; n: number }>(
      `select filename, count(*)::integer as n
       from ${readParquetSql(paths, base, { filename: true })}
       semi join ${ident(batchTable)} using (${rk})
       group by filename`,
    );
    for (const h of hits) {
      const entry = pathToEntry.get(h.filename);
      if (entry) touched.add(partitionKeyOf(entry.partition, by));
      rowsReplaced += h.n;
    }
  }
  const isTouched = (f: FileEntry) => input.replaceAll === true || touched.has(partitionKeyOf(f.partition, by));
  const removed = base.files.filter(isTouched);
  const kept = base.files.filter((f) => !isTouched(f));

  // Merge: existing rows of touched partitions not replaced by the batch, plus the batch.
  const mergedTable = `merged_${table}`;
  if (removed.length > 0 && !input.replaceAll) {
    const paths = await localPaths(lake, removed);
    await db.run(
      `create or replace table ${ident(mergedTable)} as
       select ${colList} from ${readParquetSql(paths, base)} as e
       anti join ${ident(batchTable)} as b using (${rk})
       union all by name
       select ${colList} from ${ident(batchTable)}`,
    );
  } else {
    await db.run(`create or replace view ${ident(mergedTable)} as select * from ${ident(batchTable)}`);
  }

  const stage = fs.mkdtempSync(path.join(os.tmpdir(), `crimelake-${table}-`));
  try {
    const partitionClause = by.length > 0 ? `, partition_by (${by.map(ident).join(', ')})` : '';
    const target = by.length > 0 ? stage : path.join(stage, `part-${batchId}-0.parquet`);
    await db.run(
      `copy (select ${colList} from ${ident(mergedTable)})
       to ${sqlString(target)}
       (format parquet, compression zstd${partitionClause}${by.length > 0 ? `, filename_pattern ${sqlString(`part-${batchId}-{i}`)}` : ''})`,
    );
    const rel = listFiles(stage);
    // A partitioned COPY of no rows writes no file: the commit then only removes files.
    const meta = new Map(
      rel.length === 0
        ? []
        : (
            await db.all<{ file_name: string; num_rows: bigint | number }>(
              `select file_name, num_rows from parquet_file_metadata([${rel.map((r) => sqlString(path.join(stage, r))).join(', ')}])`,
            )
          ).map((m) => [m.file_name, Number(m.num_rows)]),
    );
    const added: FileEntry[] = [];
    for (const r of rel) {
      const local = path.join(stage, r);
      const key = `${contract.location ?? `tables/${table}`}/${r}`;
      const bytes = fs.statSync(local).size;
      await lake.storage.putFile(key, local, { moveSource: true });
      const head = await lake.storage.head(key);
      added.push({
        key,
        rows: meta.get(local) ?? 0,
        bytes,
        etag: head?.etag ?? '',
        partition: partitionOfPath(r),
      });
    }
    if (input.failAfterUpload) {
      throw new InjectedFailure(`injected failure: ${table} files uploaded, commit not written`);
    }
    const files = [...kept, ...added].sort((a, b) => a.key.localeCompare(b.key));
    const next: Snapshot = {
      table,
      version: base.version + 1,
      committedAt: new Date().toISOString(),
      partitionBy: [...by],
      columns: columns.map((c) => ({ name: c.name, type: c.duckType })),
      files,
      rowCount: files.reduce((s, f) => s + f.rows, 0),
      batches: [...base.batches, batchId],
    };
    await commitSnapshot(lake.storage, next);
    // Old files are unreferenced now; remove them so plain-Parquet readers of tables/ agree.
    const addedKeys = new Set(added.map((a) => a.key));
    const stale = removed.map((f) => f.key).filter((k) => !addedKeys.has(k));
    if (stale.length > 0) await lake.storage.delete(stale);
    lake.log.info('committed', {
      table,
      version: next.version,
      rows: next.rowCount,
      added: added.length,
      removed: removed.length,
      uri: lake.uri,
    });
    return {
      table,
      skipped: false,
      version: next.version,
      rowsIncoming: rowsIncoming ?? 0,
      rowsReplaced,
      rowCount: next.rowCount,
      filesAdded: added.length,
      filesRemoved: removed.length,
    };
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
    for (const name of [mergedTable, batchTable]) await dropRelation(db, name);
  }
}
