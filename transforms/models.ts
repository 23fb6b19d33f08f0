import type { TableDef } from '../lake/contract.ts';
import type { Config } from '../lake/config.ts';
import { loadSql, type DuckDb } from '../lake/duckdb.ts';
import type { Lake } from '../lake/lake.ts';
import { crimeMonthly } from './marts/crime_monthly.ts';

/** What a model's TS step gets: the lake (attached as views in `db`) and the settings. */
export interface ModelContext {
  lake: Lake;
  db: DuckDb;
  config: Config;
}

/**
 * A derived table: its contract, the tables it reads, and either its SQL (a `.sql` file of the
 * same name, run over the lake's views) or, only where SQL cannot do the work, a TS step that
 * fills the staging table it is given (shaped like the contract).
 */
export interface Model {
  contract: TableDef;
  inputs: readonly string[];
  sql?: string;
  run?: (ctx: ModelContext, staging: string) => Promise<void>;
}

/** Every model, in dependency order (layers flow downstream: staging → intermediate → marts). */
export const models: readonly Model[] = [
  { contract: crimeMonthly, sql: loadSql(import.meta.url, 'marts/crime_monthly.sql'), inputs: ['firs'] },
];
