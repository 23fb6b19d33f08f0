/** Test helpers of entity resolution on a local lake: split a generated export, ingest and build, read the result. */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { ingestPath } from '../../ingestors/index.ts';
import { withDuckDb } from '../../lake/duckdb.ts';
import { attachLake } from '../../lake/session.ts';
import type { TestLake } from '../../test/util/lakes.ts';
import { buildModels } from '../build.ts';

/** The models that assign and record person ids. */
export const idModels = ['person_records', 'person_id_history'];

/** Ingests the CCTNS CSVs of `folder` into the lake, then builds `models` (`full`: from scratch). */
export async function ingestAndBuild(
  t: TestLake,
  folder: string,
  models: readonly string[],
  full = false,
): Promise<void> {
  await withDuckDb(t.config, async (db) => {
    await ingestPath({ lake: t.lake, db }, 'cctns', folder);
    await buildModels(t.lake, db, models, { config: t.config, full });
  });
}

/** The rows of `sql` over the lake's tables. */
export async function query<T>(t: TestLake, sql: string): Promise<T[]> {
  return withDuckDb(t.config, async (db) => {
    await attachLake(db, t.lake);
    return db.all<T>(sql);
  });
}

/** Each record's person: person_records as record id → person id. */
export async function assignment(t: TestLake): Promise<Map<string, string>> {
  const rows = await query<{ record_id: string; person_id: string }>(
    t,
    'select record_id, person_id from person_records',
  );
  return new Map(rows.map((r) => [r.record_id, r.person_id]));
}

export type CsvRow = Record<string, string>;

/**
 * The FIRs and accused of a generated export (`dataDir`/cctns), and which rows are of its last
 * week (an FIR registered, or an accused of an FIR registered, in the last 7 days of the data).
 */
export function readWithLastWeek(dataDir: string): {
  firRows: CsvRow[];
  accusedRows: CsvRow[];
  isNew: (r: CsvRow) => boolean;
} {
  const read = (file: string) =>
    parse(fs.readFileSync(path.join(dataDir, 'cctns', file)), { columns: true }) as CsvRow[];
  const firRows = read('firs.csv');
  const accusedRows = read('accused.csv');
  const day = (s: string) => s.slice(6, 10) + s.slice(3, 5) + s.slice(0, 2); // dd/mm/yyyy → yyyymmdd
  const lastDay = firRows
    .map((r) => day(r.registered_at!))
    .sort()
    .at(-1)!;
  const cut = new Date(Date.UTC(+lastDay.slice(0, 4), +lastDay.slice(4, 6) - 1, +lastDay.slice(6, 8) - 6))
    .toISOString()
    .slice(0, 10)
    .replaceAll('-', '');
  return { firRows, accusedRows, isNew: (r) => day(r.registered_at!) >= cut };
}
