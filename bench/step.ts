/**
 * One measured step of `npm run bench`, run in its own process so that its peak memory (RSS,
 * DuckDB's native memory included) is its own. Reads the step as JSON from argv[2]; prints one
 * `BENCH {json}` line with seconds, rows and peak RSS.
 */
import fs from 'node:fs';
import type { SourceName } from '../ingestors/index.ts';
import { loadConfig } from '../lake/config.ts';
import { sqlString, withDuckDb, type DuckDb } from '../lake/duckdb.ts';
import { openLake } from '../lake/lake.ts';
import { createLogger, type Logger } from '../lake/log.ts';
import { attachLake } from '../lake/session.ts';
import { searchByName } from '../transforms/resolution/lookup.ts';

// The ingestors and the models are imported by the steps that use them (a second or so of
// module loading each, paid by every step process otherwise).

export type StepSpec =
  | { step: 'limit'; csv: string; out: string }
  | { step: 'ingest'; lake: string; source: SourceName; path: string }
  | { step: 'build'; lake: string; models?: string[]; full: boolean }
  | { step: 'queries'; lake: string; warmRuns: number };

export interface StepResult {
  seconds: number;
  rows?: number;
  peakRssBytes: number;
  detail?: Record<string, unknown>;
}

/** The five typical analyst queries of the benchmark (the fifth is a profile search). */
export const analystQueries: { name: string; sql?: string; profileSearch?: string }[] = [
  {
    name: 'count by thana and month',
    sql: `select district, police_station, month, count(*) as firs from firs group by all order by firs desc limit 20`,
  },
  {
    name: 'top sections',
    sql: `select act, section, count(*) as firs from fir_sections group by all order by firs desc limit 10`,
  },
  {
    name: 'FIRs joined with accused',
    sql: `select f.district, f.crime_group, count(*) as accused, count(distinct f.fir_id) as firs
          from firs as f join fir_accused as a using (fir_id) where f.registered_at >= timestamptz '2025-01-01'
          group by all order by accused desc limit 20`,
  },
  {
    name: 'hotspot lookup',
    sql: `select * from hotspot_cells where crime_group = 'all' and bin = 3
          and week = (select max(week) from hotspot_cells) order by gi_z desc limit 20`,
  },
  { name: 'profile search', profileSearch: 'Rajesh Kumar Yadav' },
];

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const value = await fn();
  return [(performance.now() - t0) / 1000, value];
}

async function runQuery(db: DuckDb, q: (typeof analystQueries)[number]): Promise<number> {
  if (q.profileSearch) return (await searchByName(db, q.profileSearch)).length;
  return (await db.all(q.sql!)).length;
}

async function run(spec: StepSpec): Promise<Omit<StepResult, 'peakRssBytes'>> {
  const config = loadConfig(process.env);
  // Warnings go to stderr; the info lines the benchmark reports on (pairs compared) are kept.
  const noted: Record<string, unknown> = {};
  const quiet = createLogger(config.CRIMELAKE_LOG_LEVEL === 'debug' ? 'debug' : 'warn');
  const log: Logger = {
    ...quiet,
    info(message, fields) {
      if (message === 'resolved accused records into persons') noted.entityResolution = fields;
      quiet.info(message, fields);
    },
  };
  switch (spec.step) {
    case 'limit':
      // DuckDB alone: read the CSV and write the same partitioned Parquet, no validation.
      return withDuckDb(config, async (db) => {
        fs.rmSync(spec.out, { recursive: true, force: true });
        const [seconds, rows] = await timed(async () => {
          const [r] = await db.all<{ Count: bigint }>(
            `copy (select *, strftime(strptime(registered_at, '%d/%m/%Y %H:%M'), '%Y-%m') as month
                   from read_csv(${sqlString(spec.csv)}, header = true, all_varchar = true))
             to ${sqlString(spec.out)} (format parquet, compression zstd, partition_by (district, month))`,
          );
          return Number(r?.Count ?? 0);
        });
        return { seconds, rows };
      });
    case 'ingest': {
      const { ingestPath } = await import('../ingestors/index.ts');
      const lake = openLake(spec.lake, config, log);
      return withDuckDb(config, async (db) => {
        const [seconds, summaries] = await timed(() =>
          ingestPath({ lake, db, informantKey: config.CRIMELAKE_INFORMANT_KEY }, spec.source, spec.path),
        );
        const rows = summaries.reduce((s, x) => s + x.rowsIn, 0);
        const quarantined = summaries.reduce((s, x) => s + x.rowsQuarantined, 0);
        return { seconds, rows, detail: { files: summaries.length, quarantined } };
      });
    }
    case 'build': {
      const { buildModels } = await import('../transforms/build.ts');
      const lake = openLake(spec.lake, config, log);
      return withDuckDb(config, async (db) => {
        const perModel: Record<string, number> = {};
        let last = performance.now();
        let current: string | undefined;
        const [seconds, results] = await timed(() =>
          buildModels(lake, db, spec.models, {
            config,
            full: spec.full,
            onModel: (name) => {
              const now = performance.now();
              if (current) perModel[current] = (now - last) / 1000;
              current = name;
              last = now;
            },
          }),
        );
        if (current) perModel[current] = (performance.now() - last) / 1000;
        const rows = results.reduce((s, r) => s + r.rowCount, 0);
        const scopes = Object.fromEntries(
          results.filter((r) => r.scope).map((r) => [r.table, r.scope!.full ? 'full' : r.scope!.values.length]),
        );
        return { seconds, rows, detail: { perModel, scopes, ...noted } };
      });
    }
    case 'queries': {
      const lake = openLake(spec.lake, config, log);
      return withDuckDb(config, async (db) => {
        const [attachSeconds] = await timed(() => attachLake(db, lake));
        const perQuery: Record<string, { cold: number; warm: number; rows: number }> = {};
        for (const q of analystQueries) {
          const [cold, rows] = await timed(() => runQuery(db, q));
          const warm: number[] = [];
          for (let i = 0; i < spec.warmRuns; i++) warm.push((await timed(() => runQuery(db, q)))[0]);
          warm.sort((a, b) => a - b);
          perQuery[q.name] = { cold, warm: warm[Math.floor(warm.length / 2)] ?? cold, rows };
        }
        const seconds = Object.values(perQuery).reduce((s, q) => s + q.cold, 0);
        return { seconds, detail: { attachSeconds, perQuery } };
      });
    }
  }
}

const spec = JSON.parse(process.argv[2] ?? '{}') as StepSpec;
const result = await run(spec);
const out: StepResult = { ...result, peakRssBytes: process.resourceUsage().maxRSS * 1024 };
process.stdout.write(`BENCH ${JSON.stringify(out)}\n`);
