import { currentSnapshot, listTables, type Snapshot } from './catalog.ts';
import type { DuckDb } from './duckdb.ts';
import type { Lake } from './lake.ts';
import { registerView } from './read.ts';

/**
 * Makes every table of the lake queryable by its plain name in a DuckDB session
 * (`select * from firs limit 5`), each as a view over its current snapshot.
 */
export async function attachLake(
  db: DuckDb,
  lake: Lake,
  options: { mentionedIn?: string } = {},
): Promise<Snapshot[]> {
  const snaps: Snapshot[] = [];
  // On S3 every attached table's files are fetched into the cache, so a one-off query attaches
  // only the tables its text names.
  const words = options.mentionedIn ? new Set(options.mentionedIn.toLowerCase().match(/[a-z_][a-z0-9_]*/g)) : undefined;
  for (const table of await listTables(lake.storage)) {
    if (words && !words.has(table)) continue;
    const snap = await currentSnapshot(lake.storage, table);
    if (!snap) continue;
    await registerView(db, lake, snap);
    snaps.push(snap);
  }
  return snaps;
}
