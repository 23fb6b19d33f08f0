import { DuckDBAppender, dateValue, timestampTZValue } from '@duckdb/node-api';
import { columnsOf, createTableSql, type ColumnInfo, type RowOf, type TableDef } from './contract.ts';
import type { DuckDb } from './duckdb.ts';

/**
 * A DuckDB table (in the session's own database file, so it can spill to disk) shaped like a contract, filled row by row through the appender
 * (validated rows from JS go in typed; Parquet is then written by DuckDB in one COPY).
 */
export class StagingTable<C extends TableDef> {
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
}
