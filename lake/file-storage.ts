/**
 * A lake in a local folder (the embedded default). Writes go to a temporary file in the target's
 * folder and are renamed into place, so readers see the old object or the new, never a part.
 */
import type { Dirent } from 'node:fs';
import { copyFile, link, mkdir, opendir, readFile, rename, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  checkKey,
  checkPrefix,
  compareKeys,
  errorCode,
  NotFoundError,
  wrapStorageError,
  TEMP_PREFIX,
  tempPathFor,
  type ObjectInfo,
  type PutOptions,
  type Storage,
} from './storage.ts';

export class FileStorage implements Storage {
  readonly kind = 'file' as const;
  readonly uri: string;
  readonly root: string;

  /** `root`: the lake folder (resolved to an absolute path; created on first write). */
  constructor(root: string) {
    this.root = path.resolve(root);
    this.uri = pathToFileURL(this.root).href;
  }

  localPath(key: string): string {
    return path.join(this.root, ...checkKey(this.uri, key).split('/'));
  }

  async put(key: string, body: Uint8Array | string, options: PutOptions = {}): Promise<boolean> {
    const target = this.localPath(key);
    try {
      return await this.place(target, options, (tmp) => writeFile(tmp, body));
    } catch (err) {
      throw wrapStorageError(this.uri, 'put', key, err);
    }
  }

  /**
   * With `ifAbsent`, an existing object is kept and the file is not written (the interface
   * returns nothing here; use `put` or `head` when the caller must know).
   */
  async putFile(key: string, localPath: string, options: PutOptions = {}): Promise<void> {
    const target = this.localPath(key);
    try {
      await this.place(target, options, (tmp) => (options.moveSource ? moveOrCopy(localPath, tmp) : copyFile(localPath, tmp)));
    } catch (err) {
      throw wrapStorageError(this.uri, 'putFile', key, err);
    }
  }

  async get(key: string): Promise<Buffer> {
    const file = this.localPath(key);
    try {
      return await readFile(file);
    } catch (err) {
      throw this.notFoundOr(err, 'get', key);
    }
  }

  async getToFile(key: string, localPath: string): Promise<void> {
    const source = this.localPath(key);
    const target = path.resolve(localPath);
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = tempPathFor(target);
    try {
      await copyFile(source, tmp);
      await rename(tmp, target);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw this.notFoundOr(err, 'getToFile', key);
    }
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    const file = this.localPath(key);
    try {
      const st = await stat(file);
      return st.isFile() ? this.info(key, st) : undefined;
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw wrapStorageError(this.uri, 'head', key, err);
    }
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    checkPrefix(this.uri, prefix);
    // Walk only the folder the prefix names; the rest of the prefix filters its entries.
    const slash = prefix.lastIndexOf('/');
    const dirKey = slash >= 0 ? prefix.slice(0, slash + 1) : '';
    yield* this.walk(dirKey, prefix);
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      const file = this.localPath(key);
      try {
        await unlink(file);
      } catch (err) {
        if (isMissing(err)) continue;
        // EISDIR (Linux) / EPERM (macOS) on a folder: no object has that key.
        const code = errorCode(err);
        if ((code === 'EISDIR' || code === 'EPERM') && (await isDirectory(file))) continue;
        throw wrapStorageError(this.uri, 'delete', key, err);
      }
      await this.pruneEmptyParents(file);
    }
  }

  async copy(fromKey: string, toKey: string): Promise<void> {
    const source = this.localPath(fromKey);
    const target = this.localPath(toKey);
    try {
      await this.place(target, {}, (tmp) => copyFile(source, tmp));
    } catch (err) {
      throw this.notFoundOr(err, 'copy', fromKey);
    }
  }

  /**
   * Writes a temp file with `write`, then moves it to `target`: rename (replaces atomically) or,
   * for `ifAbsent`, link (fails with EEXIST when an object is there: no check-then-write race).
   */
  private async place(
    target: string,
    options: PutOptions,
    write: (tmp: string) => Promise<void>,
  ): Promise<boolean> {
    // A concurrent delete may prune the freshly made folder; then make it again.
    for (let attempt = 1; ; attempt++) {
      await mkdir(path.dirname(target), { recursive: true });
      const tmp = tempPathFor(target);
      try {
        await write(tmp);
        if (!options.ifAbsent) {
          await rename(tmp, target);
          return true;
        }
        try {
          await link(tmp, target);
          return true;
        } catch (err) {
          if (errorCode(err) === 'EEXIST') return false;
          throw err;
        }
      } catch (err) {
        if (errorCode(err) === 'ENOENT' && attempt < 3 && !(await exists(path.dirname(target)))) continue;
        throw err;
      } finally {
        await unlink(tmp).catch(() => undefined);
      }
    }
  }

  private async *walk(dirKey: string, prefix: string): AsyncGenerator<ObjectInfo> {
    const dir = path.join(this.root, ...dirKey.split('/').filter(Boolean));
    let entries: Dirent[];
    try {
      entries = [];
      for await (const entry of await opendir(dir)) entries.push(entry);
    } catch (err) {
      if (isMissing(err)) return;
      throw wrapStorageError(this.uri, 'list', dirKey, err);
    }
    // Sort by the key each entry stands for (folders as 'name/'), in S3's byte order, so a
    // depth-first walk yields every key in global key order.
    const named = entries
      .filter((e) => !e.name.startsWith(TEMP_PREFIX) && (e.isFile() || e.isDirectory()))
      .map((e) => ({ entry: e, key: dirKey + e.name + (e.isDirectory() ? '/' : '') }))
      .sort((a, b) => compareKeys(a.key, b.key));
    for (const { entry, key } of named) {
      if (entry.isDirectory()) {
        // Descend only where keys can match the prefix.
        if (key.startsWith(prefix) || prefix.startsWith(key)) yield* this.walk(key, prefix);
      } else if (key.startsWith(prefix)) {
        try {
          const st = await stat(path.join(dir, entry.name));
          yield this.info(key, st);
        } catch (err) {
          // Deleted while we listed: it is simply not there.
          if (!isMissing(err)) throw wrapStorageError(this.uri, 'list', key, err);
        }
      }
    }
  }

  private info(key: string, st: { size: number; mtimeMs: number; mtime: Date; ino: number }): ObjectInfo {
    // The inode tells apart two same-size writes within one clock tick (every write is a new file).
    return { key, size: st.size, etag: `${st.size}-${st.mtimeMs}-${st.ino}`, lastModified: st.mtime };
  }

  private notFoundOr(err: unknown, op: string, key: string): Error {
    if (isMissing(err) || errorCode(err) === 'EISDIR') return new NotFoundError(this.uri, key);
    return wrapStorageError(this.uri, op, key, err);
  }

  /** Removes folders left empty by a delete, up to (not including) the root. */
  private async pruneEmptyParents(file: string): Promise<void> {
    let dir = path.dirname(file);
    while (dir !== this.root && dir.startsWith(this.root + path.sep)) {
      try {
        await rmdir(dir);
      } catch {
        return; // not empty (or already gone): stop here
      }
      dir = path.dirname(dir);
    }
  }
}

function isMissing(err: unknown): boolean {
  const code = errorCode(err);
  return code === 'ENOENT' || code === 'ENOTDIR';
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

async function isDirectory(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isDirectory();
  } catch {
    return false;
  }
}

/** Moves a file (a rename on the same disk); copies it where a rename cannot cross disks. */
async function moveOrCopy(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (err) {
    if (errorCode(err) !== 'EXDEV') throw err;
    await copyFile(from, to);
  }
}
