import { DuckDBAppender, dateValue, timestampTZValue } from '@duckdb/node-api';
import { columnsOf, createTableSql, ident, type ColumnInfo, type RowOf, type TableDef } from './contract.ts';
import type { DuckDb } from './duckdb.ts';

/** Rows of a contract staged in the session for `writeTable`: a table or a view. */
export interface StagedRows {
  readonly name: string;
  readonly contract: TableDef;
  readonly rowCount: number;
  /** Ends the filling (flushes an appender). */
  close(): void;
  /** Frees the staged rows once committed. */
  drop(db: DuckDb): Promise<void>;
}

/**
 * A DuckDB table (in the session's own database file, so it can spill to disk) shaped like a contract, filled row by row through the appender
 * (validated rows from JS go in typed; Parquet is then written by DuckDB in one COPY).
 */
export class StagingTable<C extends TableDef> implements StagedRows {
  private rows = 0;
  private constructor(
    readonly name: string,
    readonly contract: C,
    private readonly columns: ColumnInfo[],
    private readonly appender: DuckDBAppender,
  ) {}

  static async create<C extends TableDef>(db: DuckDb, contract: C, name = `incoming_${contract.name}`) {
    await db.run(`drop table if exists "${name}"`);
    await db.run(createTableSql(name, contract, false));
    const appender = await db.connection.createAppender(name);
    return new StagingTable(name, contract, columnsOf(contract), appender);
  }

  get rowCount(): number {
    return this.rows;
  }

  append(row: RowOf<C>): void {
    const values = row as Record<string, unknown>;
    for (const c of this.columns) {
      const v = values[c.name];
      if (v === null || v === undefined) {
        this.appender.appendNull();
        continue;
      }
      switch (c.duckType) {
        case 'VARCHAR':
          this.appender.appendVarchar(v as string);
          break;
        case 'INTEGER':
          this.appender.appendInteger(v as number);
          break;
        case 'BIGINT':
          this.appender.appendBigInt(v as bigint);
          break;
        case 'DOUBLE':
          this.appender.appendDouble(v as number);
          break;
        case 'BOOLEAN':
          this.appender.appendBoolean(v as boolean);
          break;
        case 'DATE':
          this.appender.appendDate(dateValue(Math.round(Date.parse(v as string) / 86_400_000)));
          break;
        case 'TIMESTAMPTZ':
          this.appender.appendTimestampTZ(timestampTZValue(BigInt((v as Date).getTime()) * 1000n));
          break;
      }
    }
    this.appender.endRow();
    this.rows++;
  }

  close(): void {
    this.appender.flushSync();
    this.appender.closeSync();
  }

  async drop(db: DuckDb): Promise<void> {
    await db.run(`drop table if exists ${ident(this.name)}`);
  }
}

/**
 * Rows staged as a view over tables a bulk ingest built (its columns are the contract's, by
 * name); dropping it also drops those tables.
 */
export class StagedView<C extends TableDef> implements StagedRows {
  private constructor(
    readonly name: string,
    readonly contract: C,
    readonly rowCount: number,
    private readonly owned: readonly string[],
  ) {}

  static async create<C extends TableDef>(
    db: DuckDb,
    contract: C,
    query: string,
    owned: readonly string[] = [],
  ): Promise<StagedView<C>> {
    const name = `incoming_${contract.name}`;
    const cols = columnsOf(contract)
      .map((c) => `${ident(c.name)}::${c.duckType} as ${ident(c.name)}`)
      .join(', ');
    await db.run(`drop table if exists ${ident(name)}`);
    await db.run(`create or replace temp view ${ident(name)} as select ${cols} from (${query})`);
    const [row] = await db.all<{ n: bigint }>(`select count(*) as n from ${ident(name)}`);
    return new StagedView(name, contract, Number(row?.n ?? 0), owned);
  }

  close(): void {}

  async drop(db: DuckDb): Promise<void> {
    await db.run(`drop view if exists ${ident(this.name)}`);
    for (const t of this.owned) await db.run(`drop table if exists ${ident(t)}`);
  }
}
