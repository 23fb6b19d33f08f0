/**
 * vitest globalSetup: one MinIO for the whole run, with the bucket `crimelake-test`. Tests get
 * its address with `inject('minio')` (or `minioEnv()` from ./minio.ts) and work under a prefix
 * of their own. If MinIO cannot start the run fails: storage tests never skip.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createBucket, startMinio } from './servers.ts';

export const TEST_BUCKET = 'crimelake-test';

export interface ProvidedMinio {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  bucket: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    minio: ProvidedMinio;
    /** A read-through cache folder for this run (removed at the end), never ~/.cache. */
    testCacheDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const minio = await startMinio();
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'crimelake-test-cache-'));
  try {
    await createBucket(minio, TEST_BUCKET);
  } catch (err) {
    await minio.stop();
    await rm(cacheDir, { recursive: true, force: true });
    throw err;
  }
  process.stderr.write(`global-setup: MinIO at ${minio.endpoint} (${Date.now() - started} ms)\n`);
  project.provide('minio', {
    endpoint: minio.endpoint,
    accessKey: minio.accessKey,
    secretKey: minio.secretKey,
    bucket: TEST_BUCKET,
  });
  project.provide('testCacheDir', cacheDir);
  return async () => {
    await minio.stop();
    await rm(cacheDir, { recursive: true, force: true });
  };
}
