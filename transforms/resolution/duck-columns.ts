/**
 * Column-at-a-time traffic between DuckDB and the resolver: rows are read a chunk (2048 rows) at
 * a time as column arrays, and written a chunk at a time through the appender, so millions of
 * rows cost a few thousand native calls and no object per row.
 */
import {
  DOUBLE,
  DuckDBDataChunk,
  INTEGER,
  VARCHAR,
  type DuckDBAppender,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import { ident } from '../../lake/contract.ts';
import type { DuckDb } from '../../lake/duckdb.ts';

/**
 * Calls `visit` for every row of the query, with the chunk's columns and the row's index in
 * them. The query streams: `visit` must not use the connection (another statement, or an
 * appender's flush, ends the stream early, and silently), so a caller that knows how many rows
 * to expect says so and a short read is an error.
 */
export async function forEachRow(
  db: DuckDb,
  sql: string,
  visit: (columns: DuckDBValue[][], row: number) => void,
  expectedRows?: number,
): Promise<number> {
  const result = await db.connection.stream(sql);
  let rows = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const columns = chunk.getColumns();
    const count = chunk.rowCount;
    for (let r = 0; r < count; r++) visit(columns, r);
    rows += count;
  }
  if (expectedRows !== undefined && rows !== expectedRows)
    throw new Error(`read ${rows} rows of ${expectedRows} from: ${sql.slice(0, 120)}`);
  return rows;
}

/**
 * Calls `visit` for every row of a table numbered 0…n-1 in `column`, a page at a time, each page
 * read in full before it is visited: `visit` may use the connection (write through an appender).
 */
export async function forEachRowPaged(
  db: DuckDb,
  table: string,
  column: string,
  visit: (columns: DuckDBValue[][], row: number) => void,
  pageRows = 65_536,
): Promise<number> {
  const [size] = await db.all<{ n: number }>(`select count(*)::integer as n from ${ident(table)}`);
  const n = size?.n ?? 0;
  for (let lo = 0; lo < n; lo += pageRows) {
    const reader = await db.connection.runAndReadAll(
      `select * from ${ident(table)} where ${ident(column)} >= $lo and ${ident(column)} < $hi order by ${ident(column)}`,
      { lo, hi: lo + pageRows },
    );
    const columns = reader.getColumns();
    const count = reader.currentRowCount;
    for (let r = 0; r < count; r++) visit(columns, r);
  }
  return n;
}

export type ColumnType = 'integer' | 'double' | 'varchar';

const duckTypes: Record<ColumnType, DuckDBType> = { integer: INTEGER, double: DOUBLE, varchar: VARCHAR };
const chunkRows = 2048;

/** A new table filled a chunk at a time: `set` each column of a row (unset ones are null), then `endRow`. */
export class ChunkWriter {
  private readonly buffers: DuckDBValue[][];
  private count = 0;
  rows = 0;

  private constructor(
    private readonly appender: DuckDBAppender,
    private readonly types: DuckDBType[],
  ) {
    this.buffers = types.map(() => new Array<DuckDBValue>(chunkRows).fill(null));
  }

  static async create(db: DuckDb, table: string, columns: Record<string, ColumnType>): Promise<ChunkWriter> {
    const defs = Object.entries(columns).map(([name, type]) => `${ident(name)} ${type}`);
    await db.run(`create or replace table ${ident(table)} (${defs.join(', ')})`);
    const appender = await db.connection.createAppender(table);
    return new ChunkWriter(
      appender,
      Object.values(columns).map((t) => duckTypes[t]),
    );
  }

  set(column: number, value: DuckDBValue): void {
    (this.buffers[column] as DuckDBValue[])[this.count] = value;
  }

  endRow(): void {
    this.count++;
    this.rows++;
    if (this.count === chunkRows) this.flush();
  }

  private flush(): void {
    if (this.count === 0) return;
    const chunk = DuckDBDataChunk.create(this.types, this.count);
    this.buffers.forEach((b, c) => {
      chunk.setColumnValues(c, this.count === chunkRows ? b : b.slice(0, this.count));
      b.fill(null);
    });
    this.appender.appendDataChunk(chunk);
    this.count = 0;
  }

  close(): void {
    this.flush();
    this.appender.flushSync();
    this.appender.closeSync();
  }
}
