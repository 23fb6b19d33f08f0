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
