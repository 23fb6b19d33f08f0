/** Helpers for tests that use the run's MinIO (started by ./global-setup.ts). */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../lake/config.ts';
import { s3Client } from './servers.ts';

// Re-exported so the ProvidedContext augmentation is in scope wherever this module is used.
export type { ProvidedMinio } from './global-setup.ts';

/** A prefix no other test uses: `t-<time>-<random>[-<label>]`. */
export function uniquePrefix(label?: string): string {
  const id = `t-${Date.now().toString(36)}-${randomUUID().slice(0, 8)}`;
  return label ? `${id}-${label.replace(/[^A-Za-z0-9._-]+/g, '-')}` : id;
}

/**
 * The env record for `loadConfig` of a fresh lake on MinIO: `s3://crimelake-test/<unique prefix>`
 * with the endpoint and credentials. Each call gives a new, empty lake.
 */
export function minioEnv(label?: string): Record<string, string> {
  const minio = inject('minio');
  return {
    CRIMELAKE_LAKE: `s3://${minio.bucket}/${uniquePrefix(label)}`,
    CRIMELAKE_S3_ENDPOINT: minio.endpoint,
    CRIMELAKE_S3_REGION: 'us-east-1',
    CRIMELAKE_S3_FORCE_PATH_STYLE: 'true',
    AWS_ACCESS_KEY_ID: minio.accessKey,
    AWS_SECRET_ACCESS_KEY: minio.secretKey,
    CRIMELAKE_CACHE_DIR: path.join(inject('testCacheDir'), randomUUID()),
    CRIMELAKE_LOG_LEVEL: 'warn',
  };
}

/** `loadConfig(minioEnv(label))`: a Config whose lake is a fresh prefix on MinIO. */
export function minioConfig(label?: string): Config {
  return loadConfig(minioEnv(label));
}

/** A raw S3 client on the test MinIO, to look behind the Storage interface. Destroy it after. */
export function minioClient(): S3Client {
  return s3Client(inject('minio'));
}
