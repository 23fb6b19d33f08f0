/**
 * Helpers for model tests on an in-memory DuckDB: input tables shaped like their contracts from
 * a few hand-written rows, and a model run the way `transforms/build.ts` runs it (its SQL, cast
 * to its contract), left as a temp table under the model's name for the models downstream.
 */
import { columnsOf, ident, type TableDef } from '../../lake/contract.ts';
import type { DuckDb } from '../../lake/duckdb.ts';
import { StagingTable } from '../../lake/staging.ts';
import { loadConfig } from '../../lake/config.ts';
import { models, type Model } from '../../transforms/models.ts';
import { localLake } from './lakes.ts';

type Cell = string | number | boolean | Date | bigint | null | undefined;

/** Creates the table `contract.name` with the given rows; missing columns are null, ISO strings become instants. */
export async function inputTable(db: DuckDb, contract: TableDef, rows: readonly Record<string, Cell>[]): Promise<void> {
  const columns = columnsOf(contract);
  const table = await StagingTable.create(db, contract, contract.name);
  try {
    for (const row of rows) {
      for (const k of Object.keys(row)) {
        if (!columns.some((c) => c.name === k)) throw new Error(`${contract.name}: no column ${k}`);
      }
      const typed: Record<string, Cell> = {};
      for (const c of columns) {
        const v = row[c.name];
        typed[c.name] = c.duckType === 'TIMESTAMPTZ' && typeof v === 'string' ? new Date(v) : v;
      }
      table.append(typed as never);
    }
  } finally {
    table.close();
  }
}

export function modelNamed(name: string): Model {
  const model = models.find((m) => m.contract.name === name);
  if (!model) throw new Error(`no model ${name}`);
  return model;
}

/** Runs a model into a temp table named after it (replacing an input table of that name). */
export async function runModel(db: DuckDb, name: string): Promise<void> {
  const model = modelNamed(name);
  const columns = columnsOf(model.contract);
  if (model.run) {
    await db.run(`drop table if exists ${ident(name)}`);
    const { lake } = localLake();
    await model.run({ db, lake, config: loadConfig({}) }, name);
  } else if (model.sql) {
    const cols = columns.map((c) => `${ident(c.name)}::${c.duckType} as ${ident(c.name)}`).join(', ');
    await db.run(`create or replace temp table ${ident(name)} as select ${cols} from (${model.sql})`);
  }
}

/** The rows of a table, ordered by the given columns (instants as ISO strings, dates as YYYY-MM-DD). */
export async function rowsOf<T = Record<string, unknown>>(
  db: DuckDb,
  table: string,
  orderBy: readonly string[],
  columns?: readonly string[],
): Promise<T[]> {
  const rows = await db.all<Record<string, unknown>>(
    `select ${columns ? columns.map(ident).join(', ') : '*'} from ${ident(table)} order by ${orderBy.map(ident).join(', ')}`,
  );
  return rows.map(
    (r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [
          k,
          v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? Number(v) : v,
        ]),
      ) as T,
  );
}
