/**
 * Temporal for tests: one real dev server per test file (the Temporal CLI binary built by
 * `node bin/test-servers.mjs install`; nothing is downloaded), workers on it bound to a test
 * lake, and `crimelake worker` child processes for the kill and shutdown tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { inject } from 'vitest';
import { bundleWorkflowCode, DefaultLogger, Runtime, type Worker, type WorkflowBundle } from '@temporalio/worker';
import { loadConfig } from '../../lake/config.ts';
import { openLake } from '../../lake/lake.ts';
import { silentLogger } from '../../lake/log.ts';
import { createWorker, workflowsPath } from '../../workflows/worker.ts';
import { repoRoot } from './cli.ts';
import { temporalBinaryPath } from './servers.ts';

let runtimeInstalled = false;

/** Starts a dev server on a free loopback port (in-memory database, no UI). Tear it down in afterAll. */
export function startTemporal(): Promise<TestWorkflowEnvironment> {
  // The SDK logs every failed activity attempt; the tests provoke many on purpose.
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
    runtimeInstalled = true;
  }
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: temporalBinaryPath() },
      ip: '127.0.0.1',
      ui: false,
      log: { format: 'pretty', level: 'warn' },
    },
  });
}

/** The bundler's progress lines are noise in test output; its warnings are not. */
export const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string, meta?: Record<string, unknown>) =>
    process.stderr.write(`bundler: ${message} ${JSON.stringify(meta ?? {})}\n`),
  error: (message: string, meta?: Record<string, unknown>) =>
    process.stderr.write(`bundler: ${message} ${JSON.stringify(meta ?? {})}\n`),
};

let bundle: Promise<WorkflowBundle> | undefined;

/**
 * The workflow bundle, made once per test run: the first test file to need it bundles (seconds of
 * webpack) and leaves it in the run's cache folder; the others read it.
 */
export function workflowBundle(): Promise<WorkflowBundle> {
  bundle ??= (async () => {
    const file = path.join(inject('testCacheDir'), 'workflow-bundle.js');
    if (fs.existsSync(file)) return { code: fs.readFileSync(file, 'utf8') };
    const made = await bundleWorkflowCode({ workflowsPath, logger: quietBundlerLogger });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, made.code);
    fs.renameSync(tmp, file);
    return made;
  })();
  return bundle;
}

/** A task queue no other test uses: workers on it serve one test's lake only. */
export function uniqueTaskQueue(label = 'test'): string {
  return `crimelake-${label}-${randomUUID().slice(0, 8)}`;
}

/** The env of a `crimelake` process that talks to this test server on this task queue. */
export function temporalEnv(env: TestWorkflowEnvironment, taskQueue: string): Record<string, string> {
  return { TEMPORAL_ADDRESS: env.address, TEMPORAL_NAMESPACE: 'default', CRIMELAKE_TASK_QUEUE: taskQueue };
}

/** An in-process worker on the test server for the lake of `lakeEnv` (config as the CLI would load it). */
export async function testWorker(
  env: TestWorkflowEnvironment,
  lakeEnv: Record<string, string>,
  taskQueue: string,
): Promise<Worker> {
  const config = loadConfig({ ...lakeEnv, ...temporalEnv(env, taskQueue) });
  return createWorker({
    config,
    lake: openLake(config.CRIMELAKE_LAKE, config, silentLogger),
    log: silentLogger,
    connection: env.nativeConnection,
    workflowBundle: await workflowBundle(),
  });
}

export interface WorkerProcess {
  child: ChildProcess;
  /** stderr so far (the worker's logs). */
  output(): string;
  /** Resolves with the exit code (or the signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns `node bin/crimelake.mjs worker` with exactly this env (plus PATH and HOME). */
export function spawnWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin/crimelake.mjs'), 'worker'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  // A test that fails before stopping its worker must not leave it running.
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  void exited.then(() => process.off('exit', kill));
  return { child, output: () => output, exited };
}

/** Polls `check` every 200 ms until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
