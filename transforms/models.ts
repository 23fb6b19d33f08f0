import type { TableDef } from '../lake/contract.ts';
import { loadSql } from '../lake/duckdb.ts';
import { crimeMonthly } from './marts/crime_monthly.ts';

/** A derived table: its contract, its SQL (a `.sql` file of the same name) and the tables it reads. */
export interface Model {
  contract: TableDef;
  sql: string;
  inputs: readonly string[];
}

/** Every model, in dependency order (layers flow downstream: staging → intermediate → marts). */
export const models: readonly Model[] = [
  { contract: crimeMonthly, sql: loadSql(import.meta.url, 'marts/crime_monthly.sql'), inputs: ['firs'] },
];
