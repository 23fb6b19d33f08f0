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
  // Creating a view over a table's files costs DuckDB a bind (hundreds of files at scale); a
  // build attaches before every model, so a view still over the same snapshot is kept.
  const attached = attachedViews.get(db) ?? new Map<string, string>();
  attachedViews.set(db, attached);
  const existing = new Set(
    (await db.all<{ view_name: string }>(`select view_name from duckdb_views() where not internal`)).map(
      (v) => v.view_name,
    ),
  );
  for (const table of await listTables(lake.storage)) {
    if (words && !words.has(table)) continue;
    const snap = await currentSnapshot(lake.storage, table);
    if (!snap) continue;
    const key = `${lake.uri}|${snap.version}|${snap.committedAt}`;
    if (attached.get(table) !== key || !existing.has(table)) {
      await registerView(db, lake, snap);
      attached.set(table, key);
    }
    snaps.push(snap);
  }
  return snaps;
}

/** Per DuckDB session: table → the snapshot its view was made over by attachLake. */
const attachedViews = new WeakMap<DuckDb, Map<string, string>>();

/** Forgets attachLake's view of a table, for code that replaces that view with something else. */
export function forgetAttachedView(db: DuckDb, table: string): void {
  attachedViews.get(db)?.delete(table);
}
