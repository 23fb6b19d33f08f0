/**
 * Helpers of the models that read reference data (thanas, place names, the lexicon) or sources a
 * lake may not have yet: a staging table filled from rows built in TS, and the typed empty
 * relation a missing optional input is read as.
 */
import { columnsOf, ident, type RowOf, type TableDef } from '../lake/contract.ts';
import { StagingTable } from '../lake/staging.ts';
import type { ModelContext } from './models.ts';

/** Fills the staging table `staging`, shaped like `contract`, with rows built in TS. */
export async function fillStaging<C extends TableDef>(
  ctx: Pick<ModelContext, 'db'>,
  contract: C,
  staging: string,
  rows: readonly RowOf<C>[],
): Promise<void> {
  const table = await StagingTable.create(ctx.db, contract, staging);
  try {
    for (const row of rows) table.append(row);
  } finally {
    table.close();
  }
}

/** `select` of no rows with the contract's columns and types: how a model sees a table the lake lacks. */
export function emptyRelationSql(contract: TableDef): string {
  const cols = columnsOf(contract).map((c) => `cast(null as ${c.duckType}) as ${ident(c.name)}`);
  return `select ${cols.join(', ')} where false`;
}

/** `optionalInputs` of a model: each table read as empty when the lake has none yet. */
export function optionalInputs(...contracts: readonly TableDef[]): Record<string, string> {
  return Object.fromEntries(contracts.map((c) => [c.name, emptyRelationSql(c)]));
}
