import { randomBytes } from 'node:crypto';
import path from 'node:path';
/**
 * One storage interface over a lake URI: a local folder (`file:///abs/path` or a relative
 * path, the embedded default) or `s3://bucket/prefix` (MinIO or any S3).
 * Keys are always '/'-separated and relative to the lake root.
 */
export interface ObjectInfo {
  key: string;
  size: number;
  /** Changes whenever the object's content changes (S3 ETag; size+mtime for files). */
  etag: string;
  lastModified: Date;
}

export interface PutOptions {
  /** Write only if no object exists at the key; returns false instead of overwriting. */
  ifAbsent?: boolean;
  contentType?: string;
  /**
   * putFile: the caller no longer needs the local file, so a folder lake on the same disk may
   * move it into place instead of copying it (the file may be gone afterwards).
   */
  moveSource?: boolean;
}

export interface Storage {
  readonly uri: string;
  readonly kind: 'file' | 's3';
  /** Whole-object write; atomic (readers see the old object or the new, never a part). */
  put(key: string, body: Uint8Array | string, options?: PutOptions): Promise<boolean>;
  /** Upload a local file (multipart on S3 for large files). */
  putFile(key: string, localPath: string, options?: PutOptions): Promise<void>;
  /** Whole object; throws NotFoundError when missing. */
  get(key: string): Promise<Buffer>;
  /** Download to a local file (written to a temporary name, then renamed). */
  getToFile(key: string, localPath: string): Promise<void>;
  head(key: string): Promise<ObjectInfo | undefined>;
  /** Every object under the prefix, recursively, in key order. */
  list(prefix: string): AsyncIterable<ObjectInfo>;
  delete(keys: readonly string[]): Promise<void>;
  /** Server-side copy. */
  copy(fromKey: string, toKey: string): Promise<void>;
  /** For local lakes, the file path DuckDB can read in place; undefined on S3. */
  localPath(key: string): string | undefined;
}

export class NotFoundError extends Error {
  constructor(
    readonly uri: string,
    readonly key: string,
  ) {
    super(`not found in lake ${uri}: ${key}`);
    this.name = 'NotFoundError';
  }
}

/** Joins key parts with '/', dropping empty parts and duplicate slashes. */
export function joinKey(...parts: string[]): string {
  return parts
    .flatMap((p) => p.split('/'))
    .filter((p) => p.length > 0)
    .join('/');
}

/** Temporary files start with this; `list` never shows them. */
export const TEMP_PREFIX = '.crimelake-tmp-';

/** A temporary name next to `target`, on the same file system so a rename is atomic. */
export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`);
}

/**
 * Keys are '/'-separated and relative to the lake root: no empty, `.` or `..` segments, no
 * leading or trailing '/', no backslash or NUL. Checked on every backend, so a key that works on
 * a folder works on S3 and no key escapes a folder lake.
 */
export function checkKey(uri: string, key: string): string {
  const segments = key.split('/');
  const bad =
    key.length === 0 ||
    key.includes('\\') ||
    key.includes('\0') ||
    segments.some((s) => s === '' || s === '.' || s === '..' || s.startsWith(TEMP_PREFIX));
  if (bad) throw new Error(`invalid key for lake ${uri}: ${JSON.stringify(key)}`);
  return key;
}

/** A list prefix: '' (everything) or a key prefix; same rules as keys but may end with '/'. */
export function checkPrefix(uri: string, prefix: string): string {
  if (prefix === '') return prefix;
  checkKey(uri, prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
  return prefix;
}

/** S3 lists keys in UTF-8 byte order; folder lakes list in the same order. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export function errorCode(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

/** A storage operation failed (other than a missing key): names the lake and key; `cause` is the original. */
export class StorageError extends Error {
  constructor(
    readonly op: string,
    readonly uri: string,
    readonly key: string,
    cause: unknown,
  ) {
    super(`${op} failed in lake ${uri} for key ${key}: ${describeError(cause)}`, { cause });
    this.name = 'StorageError';
  }
}

/** The message of a Node or AWS SDK error, with its name and HTTP status when it has them. */
export function describeError(err: unknown): string {
  const { name, message, $metadata } =
    typeof err === 'object' && err !== null
      ? (err as { name?: unknown; message?: unknown; $metadata?: { httpStatusCode?: unknown } })
      : {};
  const text = typeof message === 'string' && message !== '' ? message : String(err);
  const label = typeof name === 'string' && name !== 'Error' && !text.startsWith(name) ? `${name}: ` : '';
  const status = $metadata?.httpStatusCode;
  return `${label}${text}${typeof status === 'number' ? ` (HTTP ${status})` : ''}`;
}

export function wrapStorageError(uri: string, op: string, key: string, err: unknown): Error {
  return new StorageError(op, uri, key, err);
}
