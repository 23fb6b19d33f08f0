#!/usr/bin/env node
/**
 * Test servers: the MinIO and Temporal binaries the test suite runs against.
 *
 *   node bin/test-servers.mjs install   make sure both exist (builds them with Go when missing)
 *   node bin/test-servers.mjs path      print where they live
 *
 * They live outside the repo, in ${CRIMELAKE_TOOLS_DIR:-$HOME/.cache/crimelake/tools}/bin, so
 * one build serves every checkout. Each is built from a pinned module version with `go install`
 * (no downloads of prebuilt binaries: our machines may only reach the Go module proxy). A stamp
 * file next to each binary records the version it was built from, so bumping a pin rebuilds.
 * Plain Node, no dependencies: it runs before `npm ci` has to be trusted.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * MinIO's last release commit (9e49d5e7a648) is refused by the Go module proxy here with
 * "403 Forbidden: This module version is not available"; the proxy serves this pseudo-version,
 * the final commit of the archived repository.
 */
const MINIO_VERSION = 'v0.0.0-20260212201848-7aac2a2c5b7c';
const TEMPORAL_CLI_VERSION = 'v1.5.1';

/** @typedef {{ name: string; module: string; version: string }} Server */
/** @type {Server[]} */
const SERVERS = [
  { name: 'minio', module: 'github.com/minio/minio', version: MINIO_VERSION },
  { name: 'temporal', module: 'github.com/temporalio/cli/cmd/temporal', version: TEMPORAL_CLI_VERSION },
];

const HEARTBEAT_MS = 30_000;

function toolsDir() {
  return process.env.CRIMELAKE_TOOLS_DIR || path.join(os.homedir(), '.cache', 'crimelake', 'tools');
}

function binDir() {
  return path.join(toolsDir(), 'bin');
}

function binaryPath(/** @type {Server} */ server) {
  return path.join(binDir(), server.name + (process.platform === 'win32' ? '.exe' : ''));
}

function stampPath(/** @type {Server} */ server) {
  return path.join(binDir(), `${server.name}.version`);
}

function stampFor(/** @type {Server} */ server) {
  return `${server.module}@${server.version}\n`;
}

function say(/** @type {string} */ line) {
  process.stderr.write(`test-servers: ${line}\n`);
}

class InstallError extends Error {}

/** Present and built from the pinned version (the fast path: two small reads, no process). */
function isCurrent(/** @type {Server} */ server) {
  if (!existsSync(binaryPath(server))) return false;
  try {
    return readFileSync(stampPath(server), 'utf8') === stampFor(server);
  } catch {
    return false;
  }
}

function checkGo() {
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.error || go.status !== 0) {
    const why = go.error ? go.error.message : (go.stderr || '').trim();
    throw new InstallError(
      `the Go toolchain is needed to build the test servers (MinIO, Temporal) but \`go version\` failed: ${why}\n` +
        `install Go (https://go.dev/dl/, 1.25 or newer) and put it on PATH, then run: node bin/test-servers.mjs install`,
    );
  }
  return go.stdout.trim();
}

/** Prefixes each line of a stream and copies it to stderr (the builds run in parallel). */
function pipeLines(
  /** @type {NodeJS.ReadableStream} */ stream,
  /** @type {string} */ prefix,
  /** @type {string[]} */ tail,
) {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (/** @type {string} */ chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) emit(line);
  });
  stream.on('end', () => {
    if (pending) emit(pending);
  });
  function emit(/** @type {string} */ line) {
    process.stderr.write(`[${prefix}] ${line}\n`);
    tail.push(line);
    if (tail.length > 40) tail.shift();
  }
}

function run(
  /** @type {string} */ cmd,
  /** @type {string[]} */ args,
  /** @type {import('node:child_process').SpawnOptions} */ options,
  /** @type {string} */ prefix,
) {
  return new Promise((resolve, reject) => {
    /** @type {string[]} */
    const tail = [];
    const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.stdout) pipeLines(child.stdout, prefix, tail);
    if (child.stderr) pipeLines(child.stderr, prefix, tail);
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, tail }));
  });
}

function formatDuration(/** @type {number} */ ms) {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/** `<bin> --version` must succeed; returns its first line. */
function verify(/** @type {Server} */ server, /** @type {string} */ bin) {
  const res = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (res.error || res.status !== 0) {
    const why = res.error ? res.error.message : `exit ${res.status}: ${(res.stderr || res.stdout || '').trim()}`;
    throw new InstallError(`${server.name}: the built binary ${bin} does not run (\`--version\` failed: ${why})`);
  }
  return (res.stdout || res.stderr).trim().split('\n')[0] ?? '';
}

async function build(/** @type {Server} */ server) {
  const target = binaryPath(server);
  const spec = `${server.module}@${server.version}`;
  say(`building ${server.name} (first run only, a few minutes)… go install ${spec}`);
  const started = Date.now();
  // Build into a private folder, then rename: an interrupted or concurrent build never leaves a
  // half-written binary at the final path.
  const staging = await mkdtemp(path.join(binDir(), `.build-${server.name}-`));
  const heartbeat = setInterval(
    () => say(`still building ${server.name} (${formatDuration(Date.now() - started)})…`),
    HEARTBEAT_MS,
  );
  try {
    const env = {
      ...process.env,
      GOBIN: staging,
      // Pure-Go builds, as both projects ship their releases: no C compiler needed.
      CGO_ENABLED: process.env.CGO_ENABLED ?? '0',
      // Outside any module or workspace of the caller's.
      GOWORK: 'off',
      GOFLAGS: [process.env.GOFLAGS, '-trimpath'].filter(Boolean).join(' '),
    };
    const { code, signal, tail } = /** @type {{ code: number | null; signal: string | null; tail: string[] }} */ (
      await run('go', ['install', spec], { cwd: toolsDir(), env }, server.name)
    );
    if (code !== 0) {
      throw new InstallError(
        `${server.name}: \`go install ${spec}\` failed (${signal ? `signal ${signal}` : `exit ${code}`})` +
          (tail.length ? `; last output:\n  ${tail.slice(-15).join('\n  ')}` : ''),
      );
    }
    const built = path.join(staging, path.basename(target));
    if (!existsSync(built)) {
      throw new InstallError(
        `${server.name}: go install succeeded but produced no ${path.basename(target)} in ${staging}`,
      );
    }
    const version = verify(server, built);
    await rename(built, target);
    await writeFile(stampPath(server), stampFor(server));
    say(`built ${server.name} in ${formatDuration(Date.now() - started)}: ${target} (${version})`);
  } finally {
    clearInterval(heartbeat);
    await rm(staging, { recursive: true, force: true });
  }
}

async function install() {
  const missing = SERVERS.filter((s) => !isCurrent(s));
  if (missing.length === 0) return;
  for (const s of missing) {
    const stamp = existsSync(stampPath(s)) ? (await readFile(stampPath(s), 'utf8')).trim() : undefined;
    if (existsSync(binaryPath(s)) && stamp !== undefined) say(`${s.name}: have ${stamp}, want ${s.version}`);
  }
  const go = checkGo();
  say(`${go}; tools dir ${toolsDir()}`);
  await mkdir(binDir(), { recursive: true });
  const results = await Promise.allSettled(missing.map((s) => build(s)));
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
  if (failures.length > 0) {
    throw new InstallError(failures.map((e) => (e instanceof Error ? e.message : String(e))).join('\n'));
  }
}

function printPaths() {
  for (const s of SERVERS) {
    process.stdout.write(`${s.name}\t${binaryPath(s)}\t${isCurrent(s) ? s.version : 'missing'}\n`);
  }
}

async function main() {
  const command = process.argv[2];
  switch (command) {
    case 'install':
      await install();
      return;
    case 'path':
      printPaths();
      return;
    default:
      process.stderr.write(
        'usage: node bin/test-servers.mjs install   build MinIO and Temporal for the tests if missing\n' +
          '       node bin/test-servers.mjs path      show where they are\n' +
          'binaries live in $CRIMELAKE_TOOLS_DIR/bin (default ~/.cache/crimelake/tools/bin)\n',
      );
      process.exitCode = command === undefined || command === '--help' || command === '-h' ? 0 : 2;
  }
}

main().catch((err) => {
  say(
    `error: ${err instanceof InstallError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
  );
  process.exitCode = 1;
});
