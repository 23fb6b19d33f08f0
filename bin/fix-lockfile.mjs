#!/usr/bin/env node
// Completes package-lock.json with the other platforms' optional native packages.
//
// Why: the npm registry reachable from our build machines serves only the linux-x64 builds of
// packages like @duckdb/node-bindings-*, @swc/core-* and @rollup/rollup-*, so `npm install`
// here writes a lock without the darwin/win32/arm entries, and `npm ci` then refuses the lock
// ("Missing: … from lock file"). Each missing entry is added with the os/cpu/libc its name
// states, so npm ci skips it on this machine and fetches it on a machine of that platform.
// Run it after any `npm install` (it changes nothing when the lock is complete); `--check` only
// reports, and a test runs it so an incomplete lock cannot land.
import fs from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const packages = lock.packages;

const osNames = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openbsd', 'netbsd', 'sunos', 'aix', 'openharmony'];
const cpuNames = ['arm64', 'x64', 'arm', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el'];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => osNames.includes(p));
  const cpu = parts.find((p) => cpuNames.includes(p));
  if (!os || !cpu) return undefined;
  const libc = os === 'linux' ? (parts.some((p) => p.startsWith('musl')) ? 'musl' : 'glibc') : undefined;
  return { os: [os], cpu: [cpu], ...(libc ? { libc: [libc] } : {}) };
}

let added = 0;
for (const [where, entry] of Object.entries(packages)) {
  for (const [dep, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = where === '' ? 'node_modules' : `${where}/node_modules`;
    const candidates = [`${base}/${dep}`, `node_modules/${dep}`];
    if (candidates.some((c) => packages[c])) continue;
    const platform = platformOf(dep);
    if (!platform || !/^\d+\.\d+\.\d+/.test(spec)) continue; // only exact versions of native builds
    packages[`node_modules/${dep}`] = { version: spec, ...platform, optional: true };
    added++;
  }
}
if (process.argv.includes('--check')) {
  if (added > 0) {
    process.stderr.write(
      `fix-lockfile: package-lock.json lacks ${added} platform entries: run node bin/fix-lockfile.mjs\n`,
    );
    process.exit(1);
  }
  process.exit(0);
}
const sorted = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
process.stderr.write(`fix-lockfile: ${added} platform entries added\n`);
