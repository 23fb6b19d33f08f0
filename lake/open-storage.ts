import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.ts';
import { FileStorage } from './file-storage.ts';
import { S3Storage } from './s3-storage.ts';
import type { Storage } from './storage.ts';

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;
/** `s3:/bucket`, `s3:bucket`, `http:…`: a scheme-like start that is surely not a folder (`C:` is). */
const SCHEME_LIKE = /^[A-Za-z][A-Za-z0-9+.-]+:/;

/**
 * The Storage for a lake URI: `s3://bucket/prefix`, `file:///abs/path`, or a folder path
 * (relative ones resolve against the current directory). Anything else is an error naming it.
 */
export function openStorage(uri: string, config: Config): Storage {
  const scheme = SCHEME.exec(uri)?.[1]?.toLowerCase();
  if (scheme === 's3') return new S3Storage(uri, config);
  if (scheme === 'file') {
    let folder: string;
    try {
      folder = fileURLToPath(uri);
    } catch (err) {
      throw new Error(
        `invalid lake URI ${JSON.stringify(uri)}: a file URI needs an absolute local path, e.g. file:///srv/lake`,
        { cause: err },
      );
    }
    return new FileStorage(folder);
  }
  if (scheme !== undefined || SCHEME_LIKE.test(uri)) {
    throw new Error(
      `unsupported lake URI ${JSON.stringify(uri)}: use s3://bucket/prefix, file:///absolute/path or a folder path`,
    );
  }
  if (uri.trim() === '') {
    throw new Error('empty lake URI: use s3://bucket/prefix, file:///absolute/path or a folder path');
  }
  return new FileStorage(path.resolve(process.cwd(), uri));
}
