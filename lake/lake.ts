import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config.ts';
import type { FileEntry } from './catalog.ts';
import type { Logger } from './log.ts';
import { openStorage } from './open-storage.ts';
import type { Storage } from './storage.ts';

/** A lake: its storage, the local read-through cache for S3, and the logger. */
export interface Lake {
  readonly uri: string;
  readonly storage: Storage;
  readonly cacheDir: string;
  readonly log: Logger;
}

export function openLake(uri: string, config: Config, log: Logger): Lake {
  const storage = openStorage(uri, config);
  const lakeId = crypto.createHash('sha256').update(storage.uri).digest('hex').slice(0, 16);
  return { uri: storage.uri, storage, cacheDir: path.join(config.cacheDir, 'objects', lakeId), log };
}

/**
 * Local paths DuckDB can read for the given files: in place for a folder lake; for S3, copies in
 * a cache keyed by ETag (so no httpfs extension is needed, and a changed object is fetched anew).
 * The cached path keeps the `k=v/` folders so Hive partitioning still applies.
 */
export async function localPaths(lake: Lake, files: readonly FileEntry[]): Promise<string[]> {
  const out: string[] = new Array<string>(files.length);
  const queue = files.map((f, i) => ({ f, i }));
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const { f, i } = job;
      const inPlace = lake.storage.localPath(f.key);
      if (inPlace) {
        out[i] = inPlace;
        continue;
      }
      const cached = path.join(lake.cacheDir, f.etag.replace(/[^A-Za-z0-9_-]/g, ''), f.key);
      if (!fs.existsSync(cached)) {
        fs.mkdirSync(path.dirname(cached), { recursive: true });
        await lake.storage.getToFile(f.key, cached);
      }
      out[i] = cached;
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, files.length) }, worker));
  return out;
}
