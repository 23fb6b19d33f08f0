import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/**
 * Every environment variable crimelake reads, validated once at start-up by `loadConfig(env)`
 * and passed down. Nothing else reads `process.env`.
 */
export const configSchema = z.object({
  CRIMELAKE_LAKE: z
    .string()
    .default('./data/lake')
    .describe('Lake URI: a folder (file:///abs/path or a relative path) or s3://bucket/prefix'),
  CRIMELAKE_CACHE_DIR: z
    .string()
    .optional()
    .describe('Local read-through cache for S3 lakes (default ~/.cache/crimelake)'),
  CRIMELAKE_LOG_LEVEL: z
    .enum(['debug', 'info', 'warn', 'error'])
    .default('info')
    .describe('Lowest log level written to stderr'),
  CRIMELAKE_DUCKDB_MEMORY_LIMIT: z
    .string()
    .default('4GB')
    .describe('DuckDB memory_limit for each process (spills to disk beyond it; offender_profiles needs ~3GB at 1M FIRs)'),
  CRIMELAKE_DUCKDB_THREADS: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .describe('DuckDB worker threads (default: all cores)'),
  CRIMELAKE_S3_ENDPOINT: z
    .string()
    .optional()
    .describe('S3 endpoint URL, e.g. http://127.0.0.1:9000 for MinIO (AWS when unset)'),
  CRIMELAKE_S3_REGION: z.string().default('us-east-1').describe('S3 region'),
  CRIMELAKE_S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true')
    .describe('Path-style S3 addressing (needed by MinIO)'),
  AWS_ACCESS_KEY_ID: z.string().optional().describe('S3 access key'),
  AWS_SECRET_ACCESS_KEY: z.string().optional().describe('S3 secret key'),
  CRIMELAKE_INFORMANT_KEY: z.string().min(16).optional().describe('Secret key (16+ characters, kept outside the lake) of the informant pseudonyms: WhatsApp tips cannot be ingested without it'),
  TEMPORAL_ADDRESS: z
    .string()
    .default('127.0.0.1:7233')
    .describe('Temporal frontend host:port (crimelake worker, schedules, --via temporal)'),
  TEMPORAL_NAMESPACE: z.string().default('default').describe('Temporal namespace'),
  CRIMELAKE_TASK_QUEUE: z
    .string()
    .default('crimelake')
    .describe('Temporal task queue the worker polls and workflows are started on'),
  CRIMELAKE_WORKER_CONCURRENCY: z.coerce
    .number()
    .int()
    .positive()
    .default(4)
    .describe('Activities one worker runs at once (each ingest or build holds a DuckDB session)'),
  TEMPORAL_TLS_CERT: z
    .string()
    .optional()
    .describe('Client certificate file (PEM) for mTLS to a Temporal cluster; needs TEMPORAL_TLS_KEY'),
  TEMPORAL_TLS_KEY: z.string().optional().describe('Private key file (PEM) of TEMPORAL_TLS_CERT'),
  TEMPORAL_TLS_CA: z
    .string()
    .optional()
    .describe('CA certificate file (PEM) to verify the Temporal server (default: the system roots)'),
  TEMPORAL_TLS_SERVER_NAME: z
    .string()
    .optional()
    .describe('Name to verify in the Temporal server certificate, when it differs from the address host'),
  TEMPORAL_API_KEY: z
    .string()
    .optional()
    .describe('API key for Temporal Cloud (implies TLS); a secret, keep it out of files'),
  CRIMELAKE_H3_RESOLUTION: z.coerce
    .number()
    .int()
    .min(0)
    .max(15)
    .default(8)
    .describe('H3 resolution of the hotspot grid (8: hexagons of about 0.74 km²; other resolutions are computed from the coordinates)'),
  CRIMELAKE_HOTSPOT_K: z.coerce
    .number()
    .int()
    .min(1)
    .max(5)
    .default(1)
    .describe('Gi* neighbourhood of a hotspot cell: the cell and its k-ring of H3 neighbours'),
  CRIMELAKE_HOTSPOT_WEEKS: z.coerce
    .number()
    .int()
    .min(10)
    .max(104)
    .default(12)
    .describe('Hotspot window in ISO weeks: a week is analysed over every cell with an incident in the window ending with it (plus neighbours); emerging hotspots look at the last this many weeks'),
  CRIMELAKE_HOTSPOT_MIN_COUNT: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(2)
    .describe('Fewest incidents in a cell’s Gi* neighbourhood for a hot bin: with sparse weekly counts a lone incident reaches significance under the normal approximation'),
  CRIMELAKE_SENSITIVITY_CONFIG: z
    .string()
    .optional()
    .describe('YAML file overriding the sensitivity assessment weights and thresholds (defaults: transforms/marts/sensitivity_assessment.yaml)'),
  CRIMELAKE_ACCESS_CONFIG: z
    .string()
    .optional()
    .describe('YAML file of the users, roles (analyst, investigator, admin) and granted districts of `crimelake serve` and `--as`; tokens come from CRIMELAKE_TOKEN_<USER> (see config/access.example.yaml)'),
  CRIMELAKE_SQL_ROW_LIMIT: z.coerce
    .number()
    .int()
    .positive()
    .default(10000)
    .describe('Most rows one gateway query (`crimelake serve` POST /sql, `crimelake sql --as`) returns; more are cut and the result marked truncated'),
  CRIMELAKE_SQL_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(30000)
    .describe('Milliseconds a gateway query may run before it is interrupted'),
  CRIMELAKE_TEST_FAULT: z
    .enum(['hang-after-raw-landing'])
    .optional()
    .describe('Test only: fault injection; hang-after-raw-landing makes ingests hang (heartbeating) after raw landing'),
});

/** Variables only the test suite sets; deployments (docker-compose.yml) leave them out. */
export const testOnlyConfigKeys = ['CRIMELAKE_TEST_FAULT'] as const;

export type Config = z.output<typeof configSchema> & { cacheDir: string };

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(
      `bad configuration: ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? parsed.error.message}`,
    );
  }
  const cacheDir = parsed.data.CRIMELAKE_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'crimelake');
  return { ...parsed.data, cacheDir };
}
