/**
 * Real servers for tests: MinIO for storage, the Temporal CLI's dev server for workflows.
 * Binaries come from `node bin/test-servers.mjs install` (which `npm test` runs first). When a
 * binary is missing or a server does not start we throw: these tests fail, they never skip.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';

export interface MinioServer {
  /** e.g. http://127.0.0.1:40123 */
  endpoint: string;
  accessKey: string;
  secretKey: string;
  stop(): Promise<void>;
}

export interface S3Credentials {
  endpoint: string;
  accessKey: string;
  secretKey: string;
}

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
const START_ATTEMPTS = 3;

/** Same default as bin/test-servers.mjs. */
export function toolsBinDir(): string {
  const dir = process.env.CRIMELAKE_TOOLS_DIR || path.join(os.homedir(), '.cache', 'crimelake', 'tools');
  return path.join(dir, 'bin');
}

function serverBinary(name: 'minio' | 'temporal'): string {
  const bin = path.join(toolsBinDir(), name + (process.platform === 'win32' ? '.exe' : ''));
  if (!existsSync(bin)) {
    throw new Error(
      `${name} binary not found at ${bin}; run \`node bin/test-servers.mjs install\` ` +
        `(\`npm test\` does it first; it needs the Go toolchain)`,
    );
  }
  return bin;
}

/** For `TestWorkflowEnvironment.createLocal({ server: { executable: { type: 'existing-path', path } } })`. */
export function temporalBinaryPath(): string {
  return serverBinary('temporal');
}

export function minioBinaryPath(): string {
  return serverBinary('minio');
}

/** A loopback port that was free a moment ago (startMinio retries if it is taken meanwhile). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** Starts MinIO on free loopback ports with a fresh data folder; `stop()` removes the folder. */
export async function startMinio(): Promise<MinioServer> {
  const bin = minioBinaryPath();
  let lastError: unknown;
  for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
    try {
      return await startMinioOnce(bin);
    } catch (err) {
      lastError = err;
      // Only a lost race for a port is worth another try.
      if (!(err instanceof Error && /already in use|bind/i.test(err.message))) break;
    }
  }
  throw lastError;
}

async function startMinioOnce(bin: string): Promise<MinioServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'crimelake-minio-'));
  const [port, consolePort] = [await freePort(), await freePort()];
  const endpoint = `http://127.0.0.1:${port}`;
  const accessKey = 'crimelake';
  const secretKey = randomBytes(16).toString('hex');
  const output: string[] = [];
  const child = spawn(
    bin,
    ['server', dataDir, '--address', `127.0.0.1:${port}`, '--console-address', `127.0.0.1:${consolePort}`],
    {
      env: {
        ...process.env,
        MINIO_ROOT_USER: accessKey,
        MINIO_ROOT_PASSWORD: secretKey,
        MINIO_BROWSER: 'off',
        MINIO_UPDATE: 'off',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (output.length > 50) output.splice(0, output.length - 50);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<string>((resolve) => {
    child.on('error', (err) => resolve(`could not run ${bin}: ${err.message}`));
    child.on('exit', (code, signal) => resolve(signal ? `killed by ${signal}` : `exited with code ${code}`));
  });

  // If the test process ends without calling stop (a crash, process.exit), take MinIO along.
  const onExit = () => {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  const stop = async () => {
    process.off('exit', onExit);
    await stopProcess(child);
    await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  let ready = false;
  let exitReason: string | undefined;
  void exited.then((why) => (exitReason = why));
  while (!ready && exitReason === undefined && Date.now() < deadline) {
    ready = await isLive(endpoint);
    if (!ready) await sleep(100);
  }
  if (!ready) {
    await stop();
    const why = exitReason ?? `not live after ${READY_TIMEOUT_MS / 1000}s`;
    throw new Error(
      `MinIO (${bin}) failed to start on ${endpoint}: ${why}` +
        (output.length ? `\n  ${output.slice(-20).join('\n  ')}` : ''),
    );
  }
  return { endpoint, accessKey, secretKey, stop };
}

async function isLive(endpoint: string): Promise<boolean> {
  try {
    const res = await fetch(`${endpoint}/minio/health/live`, { signal: AbortSignal.timeout(2_000) });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  try {
    await gone;
  } finally {
    clearTimeout(timer);
  }
}

export function s3Client(server: S3Credentials): S3Client {
  return new S3Client({
    endpoint: server.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: server.accessKey, secretAccessKey: server.secretKey },
  });
}

/** Creates the bucket; an existing bucket of ours is fine. */
export async function createBucket(server: S3Credentials, bucket: string): Promise<void> {
  const client = s3Client(server);
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (err) {
    if (err instanceof Error && err.name === 'BucketAlreadyOwnedByYou') return;
    throw new Error(`could not create bucket ${bucket} on ${server.endpoint}: ${String(err)}`, { cause: err });
  } finally {
    client.destroy();
  }
}
