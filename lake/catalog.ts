import type { Storage } from './storage.ts';

/**
 * The catalog: for each table, numbered snapshot manifests under `_catalog/tables/<table>/`.
 * A snapshot lists the table's live files; the highest version is the table. A commit writes
 * version N+1 with put-if-absent, so two writers cannot both commit on top of N and readers
 * switch from one complete snapshot to the next (DESIGN.md invariant 3).
 */
export interface FileEntry {
  /** Lake key of the Parquet file. */
  key: string;
  rows: number;
  bytes: number;
  /** ETag from storage at commit; names the read-through cache entry. */
  etag: string;
  /** Hive partition values, e.g. { district: 'Jaunpur', month: '2024-07' }. */
  partition: Record<string, string>;
}

export interface Snapshot {
  table: string;
  version: number;
  committedAt: string;
  partitionBy: string[];
  columns: { name: string; type: string }[];
  files: FileEntry[];
  rowCount: number;
  /** Every batch committed into the table, so a repeated commit is a no-op. */
  batches: string[];
}

export const catalogRoot = '_catalog/tables';
const versionPattern = /^v(\d{10})\.json$/;
/** Snapshots kept per table; older manifests are pruned after a commit. */
const keepVersions = 20;

export class ConcurrentCommitError extends Error {
  constructor(
    readonly table: string,
    readonly version: number,
  ) {
    super(`table ${table}: version ${version} was committed by another writer; retry the write`);
    this.name = 'ConcurrentCommitError';
  }
}

export function snapshotKey(table: string, version: number): string {
  return `${catalogRoot}/${table}/v${String(version).padStart(10, '0')}.json`;
}

async function versionsOf(storage: Storage, table: string): Promise<number[]> {
  const versions: number[] = [];
  for await (const o of storage.list(`${catalogRoot}/${table}/`)) {
    const m = versionPattern.exec(o.key.slice(o.key.lastIndexOf('/') + 1));
    if (m?.[1]) versions.push(Number(m[1]));
  }
  return versions.sort((a, b) => a - b);
}

export async function currentSnapshot(storage: Storage, table: string): Promise<Snapshot | undefined> {
  const versions = await versionsOf(storage, table);
  const latest = versions.at(-1);
  if (latest === undefined) return undefined;
  return JSON.parse((await storage.get(snapshotKey(table, latest))).toString('utf8')) as Snapshot;
}

/** Names of every table with at least one committed snapshot, sorted. */
export async function listTables(storage: Storage): Promise<string[]> {
  const names = new Set<string>();
  for await (const o of storage.list(`${catalogRoot}/`)) {
    const rest = o.key.slice(catalogRoot.length + 1);
    const slash = rest.indexOf('/');
    if (slash > 0 && versionPattern.test(rest.slice(slash + 1))) names.add(rest.slice(0, slash));
  }
  return [...names].sort();
}

/** Writes `next` as the table's new version; throws ConcurrentCommitError if it exists. */
export async function commitSnapshot(storage: Storage, next: Snapshot): Promise<void> {
  const written = await storage.put(snapshotKey(next.table, next.version), JSON.stringify(next, null, 1), {
    ifAbsent: true,
    contentType: 'application/json',
  });
  if (!written) throw new ConcurrentCommitError(next.table, next.version);
  const versions = await versionsOf(storage, next.table);
  const old = versions.slice(0, Math.max(0, versions.length - keepVersions));
  if (old.length > 0) await storage.delete(old.map((v) => snapshotKey(next.table, v)));
}
