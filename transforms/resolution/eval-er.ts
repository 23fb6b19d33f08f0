/**
 * `npm run eval:er -- [--scale 20000] [--seed 7] [--dir /tmp/x] [--threshold 0.95]`: generates a
 * CCTNS extract with planted repeat offenders, ingests it into a fresh local lake, resolves the
 * accused into persons (the person_records model) and prints pairwise precision and recall
 * against the generator's ground truth, the pairs compared and the time and memory taken.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generate } from '../../generator/index.ts';
import { ingestPath } from '../../ingestors/index.ts';
import { loadConfig } from '../../lake/config.ts';
import { withDuckDb } from '../../lake/duckdb.ts';
import { openLake } from '../../lake/lake.ts';
import { silentLogger } from '../../lake/log.ts';
import { attachLake } from '../../lake/session.ts';
import { evaluateResolution } from './eval-run.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '7' },
    dir: { type: 'string' },
    threshold: { type: 'string' },
    format: { type: 'string', default: 'text' },
  },
});

const scale = Number(values.scale);
if (!Number.isFinite(scale) || scale < 100) throw new Error(`--scale must be a number ≥ 100, got ${values.scale}`);
const dir = values.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'crimelake-eval-er-'));
const dataDir = path.join(dir, 'data');
const lakeDir = path.join(dir, 'lake');
const say = (s: string) => process.stderr.write(s + '\n');

const t0 = performance.now();
say(`generating ${scale} FIRs into ${dataDir}`);
await generate({ outDir: dataDir, firs: scale, seed: Number(values.seed) });
const tGenerate = performance.now();
const config = loadConfig({ CRIMELAKE_LAKE: lakeDir, CRIMELAKE_CACHE_DIR: path.join(dir, 'cache') });
const lake = openLake(lakeDir, config, silentLogger);
say(`ingesting CCTNS into ${lakeDir}`);
await withDuckDb(config, async (db) => {
  await ingestPath({ lake, db }, 'cctns', path.join(dataDir, 'cctns'));
});
const tIngest = performance.now();
say('resolving accused records into persons');
const result = await withDuckDb(config, async (db) => {
  await attachLake(db, lake);
  return evaluateResolution(lake, db, config, path.join(dataDir, 'ground-truth', 'accused-persons.csv'), {
    ...(values.threshold ? { threshold: Number(values.threshold) } : {}),
  });
});
const report = {
  firs: scale,
  seed: Number(values.seed),
  records: result.stats.records,
  persons: result.stats.persons,
  pairsCompared: result.stats.pairsCompared,
  pairsComparedPerRecord: Math.round((result.stats.pairsCompared / result.stats.records) * 100) / 100,
  pairsPerRule: result.stats.pairsPerRule,
  trainingPairs: result.stats.trainingPairs,
  links: result.stats.links,
  truePairs: result.score.truePairs,
  predictedPairs: result.score.predictedPairs,
  correctPairs: result.score.correctPairs,
  precision: Math.round(result.score.precision * 10000) / 10000,
  recall: Math.round(result.score.recall * 10000) / 10000,
  f1: Math.round(result.score.f1 * 10000) / 10000,
  seconds: {
    generate: round1((tGenerate - t0) / 1000),
    ingest: round1((tIngest - tGenerate) / 1000),
    resolve: round1(result.seconds),
    resolveSteps: Object.fromEntries(Object.entries(result.stats.seconds).map(([k, v]) => [k, round1(v)])),
  },
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  lake: lakeDir,
};
if (values.format === 'json') process.stdout.write(JSON.stringify(report, null, 2) + '\n');
else {
  process.stdout.write(
    [
      `FIRs ${report.firs}, accused records ${report.records}, persons ${report.persons}`,
      `pairs compared ${report.pairsCompared} (${report.pairsComparedPerRecord} per record; ${JSON.stringify(report.pairsPerRule)})`,
      `true pairs ${report.truePairs}, predicted ${report.predictedPairs}, correct ${report.correctPairs}`,
      `precision ${report.precision}  recall ${report.recall}  F1 ${report.f1}`,
      `seconds: generate ${report.seconds.generate}, ingest ${report.seconds.ingest}, resolve ${report.seconds.resolve} ${JSON.stringify(report.seconds.resolveSteps)}`,
      `peak RSS ${report.peakRssMb} MB; lake ${report.lake}`,
      '',
    ].join('\n'),
  );
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
