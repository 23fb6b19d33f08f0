/**
 * Test fixtures of the hotspot tables: generated data (with the generator's planted truths)
 * ingested into a fresh local lake, the FIR extract split in two for incremental builds, and the
 * ground truth of the planted areas.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generate } from '../../generator/index.ts';
import { ingestCctnsFile } from '../../ingestors/cctns/ingest-cctns.ts';
import { readCsv } from '../../ingestors/csv.ts';
import { ingestTipsFile } from '../../ingestors/tips/ingest-tips.ts';
import { withDuckDb } from '../../lake/duckdb.ts';
import { localLake, tempDir, type TestLake } from '../../test/util/lakes.ts';

export const fixtureInformantKey = 'hotspot-fixture-informant-key';

export interface PlantedArea {
  areaId: string;
  kind: 'hotspot' | 'new' | 'intensifying' | 'diminishing';
  crimeGroup: string;
  district: string;
  policeStation: string;
  centerCell: string;
  cells: string[];
  weeks: { week: string; extraFirs: number }[];
}

export interface GroundTruth {
  hotspots: { recentWeeks: string[]; areas: PlantedArea[] };
}

export interface Generated {
  dataDir: string;
  truth: GroundTruth;
}

export async function generateData(options: { firs: number; start: string; seed: number }): Promise<Generated> {
  const dataDir = tempDir('hotspot-data');
  await generate({ outDir: dataDir, firs: options.firs, seed: options.seed, start: options.start, end: '2025-06-29' });
  const truth = JSON.parse(fs.readFileSync(path.join(dataDir, 'ground-truth.json'), 'utf8')) as GroundTruth;
  return { dataDir, truth };
}

const quote = (f: string) => (/[",\n\r]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f);

/**
 * Splits the generated FIR extract (in registration order) into two files: the first `share` of
 * the FIRs, and the rest plus a re-export of the first FIR with its place moved by `moveBy`
 * degrees (a corrected location lands in another cell and week-window).
 */
export async function splitFirs(dataDir: string, share: number, moveBy = 0.05): Promise<[string, string]> {
  const records: string[][] = [];
  for await (const rec of readCsv(path.join(dataDir, 'cctns', 'firs.csv'), 'firs.csv')) records.push(rec.fields);
  const [header, ...rows] = records as [string[], ...string[][]];
  const cut = Math.floor(rows.length * share);
  const lat = header.indexOf('latitude');
  const lon = header.indexOf('longitude');
  const moved = rows.find((r) => r[lat] !== '')!.slice();
  moved[lat] = (Number(moved[lat]) + moveBy).toFixed(6);
  moved[lon] = (Number(moved[lon]) + moveBy).toFixed(6);
  const dir = tempDir('hotspot-split');
  const write = (name: string, part: string[][]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, [header, ...part].map((r) => r.map(quote).join(',')).join('\n') + '\n');
    return file;
  };
  return [write('firs-1.csv', rows.slice(0, cut)), write('firs-2.csv', [...rows.slice(cut), moved])];
}

/** A fresh local lake with the given FIR extracts and the generated tips ingested, in order. */
export async function lakeWith(dataDir: string, firFiles: readonly string[]): Promise<TestLake> {
  const t = localLake();
  await withDuckDb(undefined, async (db) => {
    const ctx = { lake: t.lake, db, informantKey: fixtureInformantKey };
    for (const f of firFiles) await ingestCctnsFile(ctx, f);
    await ingestTipsFile(ctx, path.join(dataDir, 'tips', 'cases.csv'));
  });
  return t;
}

export async function ingestFirs(t: TestLake, file: string): Promise<void> {
  await withDuckDb(undefined, (db) => ingestCctnsFile({ lake: t.lake, db }, file).then(() => undefined));
}
