/**
 * The single-host deployment (docker-compose.yml + Dockerfile) cannot run here (no Docker
 * engine), so it is checked against the code: services and ports, Temporal on its own
 * PostgreSQL, and a worker environment that sets exactly the variables crimelake reads.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { configSchema, loadConfig, testOnlyConfigKeys } from '../lake/config.ts';
import { repoRoot } from '../test/util/cli.ts';
import { WORKER_SHUTDOWN_FORCE } from './worker.ts';

interface Service {
  image?: string;
  build?: string;
  command?: string | string[];
  entrypoint?: string | string[];
  ports?: string[];
  environment?: Record<string, string | number | null>;
  depends_on?: Record<string, { condition: string }>;
  stop_grace_period?: string;
  configs?: { source: string; target: string }[];
}

const compose = YAML.parse(fs.readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, Service>;
  configs?: Record<string, { content: string }>;
  volumes?: Record<string, unknown>;
};
const services = compose.services;

/** Compose interpolation with an empty shell: `${X:-default}` → default, `$$` → `$`; null = unset. */
function interpolate(env: Record<string, string | number | null>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v === null) continue;
    out[k] = String(v)
      .replace(/\$\{[A-Z0-9_]+:-([^}]*)\}/g, '$1')
      .replaceAll('$$', '$');
  }
  return out;
}

function seconds(duration: string): number {
  const m = /^(\d+)\s*(s|seconds?)$/.exec(duration.trim());
  if (!m) throw new Error(`unexpected duration ${duration}`);
  return Number(m[1]);
}

describe('docker-compose.yml', () => {
  it('has MinIO with its bucket, Temporal on its own PostgreSQL with its UI, and the worker', () => {
    expect(Object.keys(services).sort()).toEqual([
      'createbucket',
      'minio',
      'temporal',
      'temporal-namespace',
      'temporal-postgresql',
      'temporal-schema',
      'temporal-ui',
      'worker',
    ]);
    expect(services.minio!.ports).toEqual(['9000:9000', '9001:9001']);
    expect(services.temporal!.ports).toEqual(['7233:7233']);
    expect(services['temporal-ui']!.ports).toEqual(['8080:8080']);
    expect(services['temporal-postgresql']!.ports).toBeUndefined(); // internal only
    expect(services.temporal!.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'temporal-postgresql' });
    expect(services.temporal!.depends_on).toEqual({
      'temporal-schema': { condition: 'service_completed_successfully' },
    });
    expect(services['temporal-ui']!.environment).toMatchObject({ TEMPORAL_ADDRESS: 'temporal:7233' });
    const dynamic = services.temporal!.configs?.[0];
    expect(dynamic?.target).toBe(`/etc/temporal/${String(services.temporal!.environment?.DYNAMIC_CONFIG_FILE_PATH)}`);
    expect(YAML.parse(compose.configs![dynamic!.source]!.content)).toHaveProperty('limit.maxIDLength');
    // Every image pinned to a version.
    for (const [name, s] of Object.entries(services)) {
      if (s.build) continue;
      expect(s.image, name).toMatch(/^[a-z0-9/_.-]+:[A-Za-z0-9._-]+$/);
      expect(s.image, name).not.toMatch(/:latest$/);
    }
  });

  it('gives the worker exactly the variables crimelake reads, with values the config accepts', () => {
    const worker = services.worker!;
    expect(worker.build).toBe('.');
    expect(worker.command).toEqual(['worker']);
    expect(worker.depends_on).toEqual({
      createbucket: { condition: 'service_completed_successfully' },
      'temporal-namespace': { condition: 'service_completed_successfully' },
    });
    const keys = Object.keys(worker.environment ?? {});
    const schemaKeys = Object.keys(configSchema.shape);
    const unknown = keys.filter((k) => !schemaKeys.includes(k));
    expect(unknown, 'variables crimelake does not read').toEqual([]);
    const missing = schemaKeys.filter(
      (k) => !keys.includes(k) && !(testOnlyConfigKeys as readonly string[]).includes(k),
    );
    expect(missing, 'variables crimelake reads that the worker does not set').toEqual([]);
    for (const k of testOnlyConfigKeys) expect(keys).not.toContain(k);

    const config = loadConfig(interpolate(worker.environment!));
    expect(config.TEMPORAL_ADDRESS).toBe(`temporal:${services.temporal!.ports![0]!.split(':')[1]}`);
    expect(config.CRIMELAKE_S3_ENDPOINT).toBe(`http://minio:${services.minio!.ports![0]!.split(':')[1]}`);
    expect(config.AWS_ACCESS_KEY_ID).toBe(interpolate(services.minio!.environment!).MINIO_ROOT_USER);
    expect(config.AWS_SECRET_ACCESS_KEY).toBe(interpolate(services.minio!.environment!).MINIO_ROOT_PASSWORD);
    const bucket = /^s3:\/\/([^/]+)/.exec(config.CRIMELAKE_LAKE)?.[1];
    expect(String(services.createbucket!.entrypoint)).toContain(`mc mb --ignore-existing lake/${bucket}`);
    expect(config.TEMPORAL_TLS_CERT).toBeUndefined();
    // The secrets and the cluster TLS settings pass through from the shell when set there.
    for (const k of ['CRIMELAKE_INFORMANT_KEY', 'TEMPORAL_API_KEY', 'TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY']) {
      expect(worker.environment![k], k).toBeNull();
    }
    // Docker waits longer than the worker's own graceful shutdown before it kills it.
    expect(seconds(worker.stop_grace_period!)).toBeGreaterThan(seconds(WORKER_SHUTDOWN_FORCE));
  });
});

describe('Dockerfile', () => {
  it('builds the CLI on node:20-slim with the runtime dependencies, running the worker by default', () => {
    const text = fs.readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8');
    const lines = text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
    expect(lines[0]).toBe('FROM node:20-slim');
    expect(text).toContain('RUN npm ci --omit=dev');
    expect(text).toContain('ENTRYPOINT ["node", "bin/crimelake.mjs"]');
    expect(text).toContain('CMD ["worker"]');
    expect(text).toMatch(/^USER node$/m);
    // The runtime needs tsx (no build step): it must be a dependency, not a dev dependency.
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    for (const dep of ['tsx', '@temporalio/worker', '@duckdb/node-api']) expect(pkg.dependencies).toHaveProperty(dep);
    const ignored = fs.readFileSync(path.join(repoRoot, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toContain('node_modules');
  });
});
