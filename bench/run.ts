/**
 * `npm run bench -- --scale 1e6`: the pipeline at a given number of FIRs, each step run
 * `--runs` times (3 by default) in a fresh process, median reported, against DuckDB's own limit.
 * Writes bench/results/<date>-<scale>.json and prints a table. See bench/README.md.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { generate } from '../generator/index.ts';
import { sqlString } from '../lake/duckdb.ts';
import type { StepResult, StepSpec } from './step.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1e5' },
    runs: { type: 'string', default: '3' },
    data: { type: 'string' },
    work: { type: 'string' },
    out: { type: 'string', default: path.join(root, 'bench', 'results') },
    seed: { type: 'string', default: '7' },
    until: { type: 'string' },
    resume: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  process.stdout
    .write(`usage: npm run bench -- [--scale 1e5|1e6|1e7] [--runs 3] [--data <dir>] [--work <dir>] [--out <dir>]
  --scale  number of FIRs (default 1e5); data is generated once per scale and reused
  --runs   runs of each step; the median is reported (default 3)
  --data   generated source files (default data/bench/<scale>/source)
  --work   lakes and outputs of the runs (default data/bench/<scale>/work; emptied first)
  --out    results folder (default bench/results)
  --until  stop after this step (e.g. ingest_social_json) of the first run, keeping the lake
  --resume continue a stopped or failed benchmark in the same --work folder: finished steps are
           not run again (their measurements are kept in <work>/progress.json)
`);
  process.exit(0);
}

const firs = Number(args.scale);
if (!Number.isFinite(firs) || firs < 1000)
  throw new Error(`--scale must be a number of FIRs ≥ 1000, got ${args.scale}`);
const runs = Math.max(1, Number(args.runs));
const label = firs >= 1e6 && firs % 1e6 === 0 ? `1e${Math.log10(firs)}` : String(args.scale);
const benchDir = path.join(root, 'data', 'bench', label);
const dataDir = path.resolve(args.data ?? path.join(benchDir, 'source'));
const workDir = path.resolve(args.work ?? path.join(benchDir, 'work'));

const env = {
  ...process.env,
  // The informant key of the benchmark's own generated tips (never a real one).
  CRIMELAKE_INFORMANT_KEY: process.env.CRIMELAKE_INFORMANT_KEY ?? 'bench-informant-key-not-secret-0123456789',
};

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** Runs one step in a fresh process (tsx, as the CLI runs) and returns its result. */
function runStep(spec: StepSpec): Promise<StepResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'bench', 'step.ts'), JSON.stringify(spec)],
      {
        cwd: root,
        env,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('BENCH '));
      if (code !== 0 || !line)
        return reject(new Error(`bench step ${spec.step} failed (exit ${code}): ${out.slice(-500)}`));
      resolve(JSON.parse(line.slice(6)) as StepResult);
    });
  });
}

/** The commit measured (steps resumed after a code change record theirs in progress.json). */
function gitState(): { commit: string; uncommittedChanges: boolean } | undefined {
  try {
    const git = (...a: string[]) => execFileSync('git', a, { cwd: root, encoding: 'utf8' }).trim();
    return {
      commit: git('rev-parse', 'HEAD'),
      uncommittedChanges: git('status', '--porcelain', '--untracked-files=no').length > 0,
    };
  } catch {
    return undefined; // not a git checkout (e.g. an unpacked release): the results just lack it
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[]) {
    if (e.isFile()) total += fs.statSync(path.join(e.parentPath, e.name)).size;
  }
  return total;
}

/** The data: generated once per scale, then the FIR extract split into all-but-the-last-week and the last week. */
async function prepare(): Promise<{ base: string; newWeek: string; baseRows: number; newWeekRows: number }> {
  if (!fs.existsSync(path.join(dataDir, 'ground-truth.json'))) {
    log(`generating ${firs} FIRs into ${dataDir} (once per scale)`);
    const t0 = performance.now();
    await generate({ outDir: dataDir, firs, seed: Number(args.seed) });
    log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const splitDir = path.join(dataDir, '..', 'split');
  const base = path.join(splitDir, 'base', 'firs.csv');
  const newWeek = path.join(splitDir, 'new-week', 'firs.csv');
  const counts = path.join(splitDir, 'counts.json');
  if (!fs.existsSync(counts)) {
    log('splitting the FIR extract: the last week is the incremental build’s new data');
    fs.mkdirSync(path.dirname(base), { recursive: true });
    fs.mkdirSync(path.dirname(newWeek), { recursive: true });
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    const src = `read_csv(${sqlString(path.join(dataDir, 'cctns', 'firs.csv'))}, header = true, all_varchar = true)`;
    const at = `strptime(registered_at, '%d/%m/%Y %H:%M')`;
    await c.run(`create table cutoff as select max(${at}) - interval 7 day as t from ${src}`);
    await c.run(`copy (select * from ${src} where ${at} <= (select t from cutoff)) to ${sqlString(base)} (header)`);
    await c.run(`copy (select * from ${src} where ${at} > (select t from cutoff)) to ${sqlString(newWeek)} (header)`);
    const count = async (f: string) =>
      Number(
        (
          await c.runAndReadAll(`select count(*) from read_csv(${sqlString(f)}, header = true, all_varchar = true)`)
        ).getRows()[0]![0],
      );
    fs.writeFileSync(counts, JSON.stringify({ base: await count(base), newWeek: await count(newWeek) }));
    c.closeSync();
    instance.closeSync();
  }
  const n = JSON.parse(fs.readFileSync(counts, 'utf8')) as { base: number; newWeek: number };
  return { base, newWeek, baseRows: n.base, newWeekRows: n.newWeek };
}

interface Measured {
  seconds: number[];
  peakRssBytes: number[];
  rows?: number;
  detail?: Record<string, unknown>;
}

const measured = new Map<string, Measured>();

/**
 * What a benchmark has done so far, saved after every step so that a long run (1e7 takes hours)
 * stopped by `--until` or by a failure continues with `--resume` where it was.
 */
interface Progress {
  /** `<run>:<step>` of every finished step, with its result and the commit that ran it. */
  done: Record<string, StepResult & { commit?: string }>;
}

const progressFile = path.join(workDir, 'progress.json');
let progress: Progress = { done: {} };
let currentRun = 1;

class StopAfter extends Error {}

/** Runs a step unless a resumed benchmark already has it; records it; stops after `--until`. */
async function stepOnce(name: string, spec: StepSpec): Promise<StepResult> {
  const key = `${currentRun}:${name}`;
  let r = progress.done[key];
  if (r) log(`${name}: done before (resumed)`);
  else {
    r = { ...(await runStep(spec)), commit: gitState()?.commit };
    progress.done[key] = r;
    fs.writeFileSync(progressFile, JSON.stringify(progress, null, 2));
  }
  if (args.until === name && currentRun === 1) throw new StopAfter(name);
  return r;
}

async function measure(name: string, spec: StepSpec): Promise<StepResult> {
  const r = await stepOnce(name, spec);
  const m = measured.get(name) ?? { seconds: [], peakRssBytes: [] };
  m.seconds.push(r.seconds);
  m.peakRssBytes.push(r.peakRssBytes);
  m.rows = r.rows ?? m.rows;
  m.detail = r.detail;
  measured.set(name, m);
  log(
    `${name}: ${r.seconds.toFixed(2)} s, peak ${(r.peakRssBytes / 2 ** 20).toFixed(0)} MB${r.rows ? `, ${r.rows} rows` : ''}`,
  );
  return r;
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const data = await prepare();
  if (args.resume && fs.existsSync(progressFile)) {
    progress = JSON.parse(fs.readFileSync(progressFile, 'utf8')) as Progress;
    log(`resuming: ${Object.keys(progress.done).length} steps done before`);
  } else {
    fs.rmSync(workDir, { recursive: true, force: true });
    fs.mkdirSync(workDir, { recursive: true });
  }
  const queryDetails: Record<string, { cold: number; warm: number; rows: number }>[] = [];
  let lakeBytes = 0;
  const erRuns: Record<string, unknown>[] = [];
  for (let run = 1; run <= runs; run++) {
    currentRun = run;
    log(`run ${run} of ${runs}`);
    const lake = path.join(workDir, `lake-${run}`);
    await measure('duckdb_limit', { step: 'limit', csv: data.base, out: path.join(workDir, `limit-${run}`) });
    fs.rmSync(path.join(workDir, `limit-${run}`), { recursive: true, force: true });
    await measure('ingest_cctns_firs', { step: 'ingest', lake, source: 'cctns', path: data.base });
    const others = fs
      .readdirSync(path.join(dataDir, 'cctns'))
      .filter((f) => f !== 'firs.csv')
      .map((f) => path.join(dataDir, 'cctns', f));
    const childDir = path.join(workDir, `cctns-children`);
    if (!fs.existsSync(childDir)) {
      fs.mkdirSync(childDir, { recursive: true });
      for (const f of others) fs.symlinkSync(f, path.join(childDir, path.basename(f)));
    }
    await measure('ingest_cctns_other_extracts', { step: 'ingest', lake, source: 'cctns', path: childDir });
    await measure('ingest_tips_json', { step: 'ingest', lake, source: 'tips', path: path.join(dataDir, 'tips') });
    await measure('ingest_social_json', { step: 'ingest', lake, source: 'social', path: path.join(dataDir, 'social') });
    for (const source of ['vehicles', 'groups', 'events'] as const) {
      const dir = path.join(dataDir, source);
      if (fs.existsSync(dir)) await stepOnce(`ingest_${source}`, { step: 'ingest', lake, source, path: dir });
    }
    const built = await measure('build_full', { step: 'build', lake, full: true });
    const perModel = (built.detail?.perModel ?? {}) as Record<string, number>;
    const er = (built.detail?.entityResolution ?? {}) as Record<string, unknown>;
    erRuns.push({ seconds: perModel.person_records ?? NaN, ...er });
    await measure('ingest_new_week', { step: 'ingest', lake, source: 'cctns', path: data.newWeek });
    await measure('build_incremental', { step: 'build', lake, full: false });
    await measure('build_hotspot_cells', { step: 'build', lake, models: ['hotspot_cells'], full: true });
    const q = await measure('analyst_queries', { step: 'queries', lake, warmRuns: 3 });
    queryDetails.push((q.detail?.perQuery ?? {}) as Record<string, { cold: number; warm: number; rows: number }>);
    lakeBytes = folderBytes(lake);
    if (run < runs) fs.rmSync(lake, { recursive: true, force: true });
  }

  const steps = Object.fromEntries(
    [...measured.entries()].map(([name, m]) => [
      name,
      {
        medianSeconds: median(m.seconds),
        seconds: m.seconds,
        peakRssMB: Math.round(Math.max(...m.peakRssBytes) / 2 ** 20),
        rows: m.rows,
        rowsPerSecond: m.rows ? Math.round(m.rows / median(m.seconds)) : undefined,
        detail: m.detail,
      },
    ]),
  );
  const queries = Object.fromEntries(
    Object.keys(queryDetails[0] ?? {}).map((name) => [
      name,
      {
        coldSeconds: median(queryDetails.map((d) => d[name]!.cold)),
        warmSeconds: median(queryDetails.map((d) => d[name]!.warm)),
        rows: queryDetails[0]![name]!.rows,
      },
    ]),
  );
  const limit = steps.duckdb_limit!.medianSeconds;
  const ours = steps.ingest_cctns_firs!.medianSeconds;
  const full = steps.build_full!.medianSeconds;
  const incremental = steps.build_incremental!.medianSeconds;
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  const duckdbVersion = String((await c.runAndReadAll('select version()')).getRows()[0]![0]);
  c.closeSync();
  instance.closeSync();
  const result = {
    scale: firs,
    date: new Date().toISOString(),
    runs,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGB: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()}`,
      node: process.version,
      duckdb: duckdbVersion,
      loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))),
    },
    code: {
      ...gitState(),
      // A resumed benchmark's steps may have run at other commits.
      stepCommits: Object.fromEntries(Object.entries(progress.done).map(([step, r]) => [step, r.commit])),
    },
    data: { firsBase: data.baseRows, firsNewWeek: data.newWeekRows, source: dataDir },
    headline: {
      cctnsIngestVsDuckDbLimit: Number((limit / ours).toFixed(3)),
      incrementalVsFullBuild: Number((incremental / full).toFixed(3)),
      slowestWarmQuerySeconds: Math.max(...Object.values(queries).map((q) => q.warmSeconds)),
    },
    targets: {
      'CCTNS ingest ≥ 0.5 of the DuckDB limit': limit / ours >= 0.5,
      'incremental build < 10% of the full build': incremental / full < 0.1,
      'analyst queries < 1 s warm': Object.values(queries).every((q) => q.warmSeconds < 1),
      ...(firs >= 1e7
        ? {
            'full build < 15 min': full < 900,
            'full build peak memory < 6 GB': steps.build_full!.peakRssMB < 6144,
          }
        : {}),
    },
    steps,
    entityResolution: {
      medianSeconds: median(erRuns.map((r) => r.seconds as number)),
      note: 'the person_records model of build_full (normalise, block, compare, score, cluster)',
      ...erRuns.at(-1),
    },
    queries,
    lakeBytes,
    wallSeconds: Math.round((performance.now() - t0) / 1000),
  };
  fs.mkdirSync(args.out!, { recursive: true });
  const file = path.join(args.out!, `${result.date.slice(0, 10)}-${label}.json`);
  fs.writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  printTable(result.steps, queries, result.headline, lakeBytes);
  process.stdout.write(`\nresults: ${path.relative(process.cwd(), file)} (${result.wallSeconds} s)\n`);
}

function printTable(
  steps: Record<string, { medianSeconds: number; peakRssMB: number; rows?: number; rowsPerSecond?: number }>,
  queries: Record<string, { coldSeconds: number; warmSeconds: number }>,
  headline: Record<string, number>,
  lakeBytes: number,
): void {
  const rows = Object.entries(steps).map(([name, s]) => [
    name,
    s.medianSeconds.toFixed(2),
    s.rows?.toLocaleString('en-IN') ?? '',
    s.rowsPerSecond?.toLocaleString('en-IN') ?? '',
    String(s.peakRssMB),
  ]);
  const header = ['step', 'median s', 'rows', 'rows/s', 'peak MB'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  process.stdout.write(`\n${line(header)}\n${rows.map(line).join('\n')}\n\n`);
  for (const [name, q] of Object.entries(queries)) {
    process.stdout.write(
      `query ${name.padEnd(26)} cold ${q.coldSeconds.toFixed(3)} s  warm ${q.warmSeconds.toFixed(3)} s\n`,
    );
  }
  process.stdout.write(`\nlake on disk: ${(lakeBytes / 2 ** 20).toFixed(0)} MB\n`);
  for (const [k, v] of Object.entries(headline)) process.stdout.write(`${k}: ${v}\n`);
}

try {
  await main();
} catch (e) {
  if (!(e instanceof StopAfter)) throw e;
  log(`stopped after ${e.message} (--until); continue with the same options and --resume`);
}
