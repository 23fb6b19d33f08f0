/** Test helpers of the person tables: input tables shaped like their contracts, filled from plain rows. */
import type { DuckDBValue } from '@duckdb/node-api';
import { createTableSql, ident, type TableDef } from '../../lake/contract.ts';
import type { DuckDb } from '../../lake/duckdb.ts';

export type PlainRow = Record<string, string | number | boolean | null>;

/** Creates `contract.name` (empty) and inserts the rows; columns a row omits are null. */
export async function tableOf(db: DuckDb, contract: TableDef, rows: readonly PlainRow[]): Promise<void> {
  await db.run(createTableSql(contract.name, contract, false));
  for (const row of rows) {
    const cols = Object.keys(row);
    await db.run(
      `insert into ${ident(contract.name)} (${cols.map(ident).join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
      cols.map((c) => row[c] as DuckDBValue),
    );
  }
}
