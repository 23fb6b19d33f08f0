import { currentSnapshot, listTables } from './catalog.ts';
import { columnsOf, type TableDef } from './contract.ts';
import type { Lake } from './lake.ts';

export interface TableInfo {
  name: string;
  description: string;
  grain: string;
  key: readonly string[];
  partitionBy: readonly string[];
  rowCount: number;
  fileCount: number;
  bytes: number;
  version: number;
  committedAt: string | null;
  columns: { name: string; type: string; doc: string }[];
}

/**
 * The catalogue: every table with a contract or a committed snapshot — its description and
 * column docs from the contract, its live files and row count from the snapshot.
 */
export async function describeTables(lake: Lake, contracts: readonly TableDef[]): Promise<TableInfo[]> {
  const names = new Set([...contracts.map((c) => c.name), ...(await listTables(lake.storage))]);
  const out: TableInfo[] = [];
  for (const name of [...names].sort()) {
    const contract = contracts.find((c) => c.name === name);
    const snap = await currentSnapshot(lake.storage, name);
    const docs = new Map(contract ? columnsOf(contract).map((c) => [c.name, c]) : []);
    const columns = snap
      ? snap.columns.map((c) => ({ name: c.name, type: c.type, doc: docs.get(c.name)?.doc ?? '' }))
      : [...docs.values()].map((c) => ({ name: c.name, type: c.duckType, doc: c.doc }));
    out.push({
      name,
      description: contract?.description ?? '(no contract in this version of crimelake)',
      grain: contract?.grain ?? '',
      key: contract?.key ?? [],
      partitionBy: snap?.partitionBy ?? contract?.partitionBy ?? [],
      rowCount: snap?.rowCount ?? 0,
      fileCount: snap?.files.length ?? 0,
      bytes: snap?.files.reduce((s, f) => s + f.bytes, 0) ?? 0,
      version: snap?.version ?? 0,
      committedAt: snap?.committedAt ?? null,
      columns,
    });
  }
  return out;
}
