/**
 * Connecting to Temporal and running the worker: the I/O side of the orchestration (never bundled
 * into the workflow sandbox). Address, namespace, task queue, concurrency and TLS / API key come
 * from the config (lake/config.ts); `crimelake worker`, the CLI's `--via temporal` and the tests
 * all connect through here.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client, Connection, type TLSConfig } from '@temporalio/client';
import {
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
  type LogEntry,
  type WorkflowBundle,
} from '@temporalio/worker';
import { ConfigError, type Config } from '../lake/config.ts';
import type { Lake } from '../lake/lake.ts';
import type { Logger } from '../lake/log.ts';
import { createActivities } from './activities.ts';

/** The workflow module the worker bundles. */
export const workflowsPath = fileURLToPath(new URL('./workflows.ts', import.meta.url));

/**
 * After SIGINT/SIGTERM the worker stops polling, lets running activities finish for this long,
 * then cancels them (they see it at their next progress check and fail, so Temporal retries them
 * on another worker at once). Shorter than the ingest heartbeat timeout, so a stopping worker
 * never looks dead.
 */
export const WORKER_SHUTDOWN_GRACE = '3 seconds';
/** The worker gives up waiting for cancelled activities after this long (then the process exits). */
export const WORKER_SHUTDOWN_FORCE = '8 seconds';

export interface TemporalConnectionOptions {
  address: string;
  tls?: TLSConfig;
  apiKey?: string;
}

function readPem(variable: string, file: string): Buffer {
  if (!fs.existsSync(file)) throw new ConfigError(`${variable}: no such file ${file}`);
  return fs.readFileSync(file);
}

/**
 * Connection options from the config: plain TCP to a local server, TLS (optionally mutual, with a
 * private CA and server name) for a real cluster, an API key for Temporal Cloud.
 */
export function temporalConnectionOptions(config: Config): TemporalConnectionOptions {
  const {
    TEMPORAL_TLS_CERT: cert,
    TEMPORAL_TLS_KEY: key,
    TEMPORAL_TLS_CA: ca,
    TEMPORAL_TLS_SERVER_NAME: serverName,
    TEMPORAL_API_KEY: apiKey,
  } = config;
  if ((cert === undefined) !== (key === undefined)) {
    throw new ConfigError('TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together: set both or neither');
  }
  const useTls = cert !== undefined || ca !== undefined || serverName !== undefined || apiKey !== undefined;
  const tls: TLSConfig | undefined = useTls
    ? {
        ...(serverName !== undefined ? { serverNameOverride: serverName } : {}),
        ...(ca !== undefined ? { serverRootCACertificate: readPem('TEMPORAL_TLS_CA', ca) } : {}),
        ...(cert !== undefined && key !== undefined
          ? { clientCertPair: { crt: readPem('TEMPORAL_TLS_CERT', cert), key: readPem('TEMPORAL_TLS_KEY', key) } }
          : {}),
      }
    : undefined;
  return { address: config.TEMPORAL_ADDRESS, ...(tls ? { tls } : {}), ...(apiKey ? { apiKey } : {}) };
}

/** Runs `fn` with a client on the configured namespace, then closes the connection. */
export async function withTemporalClient<T>(config: Config, fn: (client: Client) => Promise<T>): Promise<T> {
  const options = temporalConnectionOptions(config);
  let connection: Connection;
  try {
    connection = await Connection.connect(options);
  } catch (error) {
    throw new Error(`cannot reach Temporal at ${options.address}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return await fn(new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }));
  } finally {
    await connection.close();
  }
}

export async function connectWorkerConnection(config: Config): Promise<NativeConnection> {
  const options = temporalConnectionOptions(config);
  try {
    return await NativeConnection.connect(options);
  } catch (error) {
    throw new Error(`cannot reach Temporal at ${options.address}: ${(error as Error).message}`, { cause: error });
  }
}

const levels = { TRACE: 'debug', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

/**
 * Installs the SDK runtime once per process, with its logs going to our logger (stderr). The
 * runtime also turns SIGINT and SIGTERM into a graceful worker shutdown.
 */
export function installRuntime(config: Config, log: Logger): void {
  const level = config.CRIMELAKE_LOG_LEVEL.toUpperCase() as 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  Runtime.install({
    logger: new DefaultLogger(level, (entry: LogEntry) => log[levels[entry.level]](entry.message, entry.meta)),
    shutdownSignals: ['SIGINT', 'SIGTERM'],
  });
}

export interface CreateWorkerInput {
  config: Config;
  lake: Lake;
  log: Logger;
  connection: NativeConnection;
  /** A bundle made once with `bundleWorkflowCode({ workflowsPath })` (tests); default: bundle now. */
  workflowBundle?: WorkflowBundle;
}

/** A worker on the configured task queue running the crimelake workflows and activities. */
export function createWorker({ config, lake, log, connection, workflowBundle }: CreateWorkerInput): Promise<Worker> {
  return Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.CRIMELAKE_TASK_QUEUE,
    ...(workflowBundle ? { workflowBundle } : { workflowsPath }),
    activities: createActivities({ config, lake, log }),
    maxConcurrentActivityTaskExecutions: config.CRIMELAKE_WORKER_CONCURRENCY,
    shutdownGraceTime: WORKER_SHUTDOWN_GRACE,
    shutdownForceTime: WORKER_SHUTDOWN_FORCE,
  });
}
