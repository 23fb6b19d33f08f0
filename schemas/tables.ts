import type { TableDef } from '../lake/contract.ts';
import { quarantine } from '../lake/quarantine.ts';
import { cctnsTables } from '../ingestors/cctns/kinds.ts';
import { groupTables } from '../ingestors/groups/tables.ts';
import { socialTables } from '../ingestors/social/tables.ts';
import { tipsTables } from '../ingestors/tips/tables.ts';
import { vehicleTables } from '../ingestors/vehicles/tables.ts';
import { crimeMonthly } from '../transforms/marts/crime_monthly.ts';

/** Every table contract of the lake, for `crimelake tables` and the README's catalogue. */
export const tableContracts: readonly TableDef[] = [...cctnsTables, ...socialTables, ...tipsTables, ...vehicleTables, ...groupTables, quarantine, crimeMonthly];

export function contractOf(name: string): TableDef | undefined {
  return tableContracts.find((t) => t.name === name);
}
