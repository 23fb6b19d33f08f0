import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../lake/config.ts';
import { openLake, type Lake } from '../../lake/lake.ts';
import { silentLogger } from '../../lake/log.ts';
import { minioEnv } from './minio.ts';

/** A fresh, empty lake for one test: a temp folder, or a fresh prefix on the run's MinIO. */
export interface TestLake {
  env: Record<string, string>;
  config: Config;
  lake: Lake;
}

export function tempDir(label = 'test'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `crimelake-${label}-`));
}

export function localLake(): TestLake {
  const dir = tempDir('lake');
  const env = {
    CRIMELAKE_LAKE: dir,
    CRIMELAKE_CACHE_DIR: path.join(dir, '.cache'),
    CRIMELAKE_LOG_LEVEL: 'warn',
  };
  const config = loadConfig(env);
  return { env, config, lake: openLake(env.CRIMELAKE_LAKE, config, silentLogger) };
}

export function minioLake(label?: string): TestLake {
  const env = minioEnv(label);
  const config = loadConfig(env);
  return { env, config, lake: openLake(env.CRIMELAKE_LAKE, config, silentLogger) };
}

/** Both kinds, for `describe.each`: every storage behaviour is proved on a folder and on MinIO. */
export const lakeKinds = [
  { kind: 'local folder', make: localLake },
  { kind: 'MinIO', make: () => minioLake() },
] as const;
