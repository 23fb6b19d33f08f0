import { currentSnapshot, listTables, type Snapshot } from './catalog.ts';
import type { DuckDb } from './duckdb.ts';
import type { Lake } from './lake.ts';
import { registerView } from './read.ts';

/**
 * Makes every table of the lake queryable by its plain name in a DuckDB session
 * (`select * from firs limit 5`), each as a view over its current snapshot.
 */
export async function attachLake(db: DuckDb, lake: Lake): Promise<Snapshot[]> {
  const snaps: Snapshot[] = [];
  for (const table of await listTables(lake.storage)) {
    const snap = await currentSnapshot(lake.storage, table);
    if (!snap) continue;
    await registerView(db, lake, snap);
    snaps.push(snap);
  }
  return snaps;
}
