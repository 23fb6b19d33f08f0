import type { TableDef } from '../lake/contract.ts';
import { quarantine } from '../lake/quarantine.ts';
import { firAccused } from '../ingestors/cctns/fir_accused.ts';
import { firSections } from '../ingestors/cctns/fir_sections.ts';
import { firs } from '../ingestors/cctns/firs.ts';

/** Every table contract of the lake, for `crimelake tables` and the README's catalogue. */
export const tableContracts: readonly TableDef[] = [firs, firSections, firAccused, quarantine];

export function contractOf(name: string): TableDef | undefined {
  return tableContracts.find((t) => t.name === name);
}
