import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDuckDb, type DuckDb } from '../../lake/duckdb.ts';
import type { LogFields } from '../../lake/log.ts';
import { attachLake } from '../../lake/session.ts';
import { accused, fir, threeFirs, writeAccused, writeFirs } from '../../test/util/cctns-fixtures.ts';
import { localLake, tempDir, type TestLake } from '../../test/util/lakes.ts';
import type { IngestSummary } from '../batch.ts';
import { ingestCctnsFile } from './ingest-cctns.ts';

/**
 * The bulk path (DuckDB reads and validates the whole extract) lands exactly what the record by
 * record path lands: every table row for row, every reject with its line, field, reason and raw
 * text. Each case is ingested both ways into two lakes and the lakes are compared.
 */
const dbs: DuckDb[] = [];
afterAll(() => dbs.forEach((d) => d.close()));
const now = () => new Date('2025-07-01T06:00:00Z');
const samples = path.join(import.meta.dirname, 'samples');

async function ingestBoth(files: string[]) {
  const out: { lake: TestLake; summaries: IngestSummary[]; logs: string[] }[] = [];
  for (const bulk of [true, false]) {
    const lake = localLake();
    const logs: string[] = [];
    const log = lake.lake.log;
    const watched = {
      ...lake.lake,
      log: { ...log, info: (m: string, f?: LogFields) => (logs.push(m), log.info(m, f)) },
    };
    const db = await openDuckDb();
    dbs.push(db);
    const summaries: IngestSummary[] = [];
    for (const f of files) summaries.push(await ingestCctnsFile({ lake: watched, db, now, bulk }, f));
    out.push({ lake, summaries, logs });
  }
  return out as [(typeof out)[0], (typeof out)[0]];
}

async function tableRows(t: TestLake): Promise<Record<string, unknown[]>> {
  const db = await openDuckDb();
  dbs.push(db);
  const snaps = await attachLake(db, t.lake);
  const out: Record<string, unknown[]> = {};
  for (const s of snaps) out[s.table] = await db.all(`select * exclude (ingested_at) from ${s.table} order by all`);
  return out;
}

describe('bulk CSV ingest of CCTNS extracts', () => {
  it('lands every sample extract exactly as the record-by-record reader does', async () => {
    const files = fs.readdirSync(samples).filter((f) => f.endsWith('.csv'));
    expect(files.length).toBe(6);
    const [bulk, rows] = await ingestBoth(files.map((f) => path.join(samples, f)));
    // The bulk path was taken (it logs when it falls back).
    expect(bulk.logs.filter((l) => l === 'reading the file record by record')).toEqual([]);
    expect(bulk.summaries.map((s) => [s.file, s.rowsIn, s.rowsLanded, s.tables])).toEqual(
      rows.summaries.map((s) => [s.file, s.rowsIn, s.rowsLanded, s.tables]),
    );
    const [a, b] = [await tableRows(bulk.lake), await tableRows(rows.lake)];
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    for (const table of Object.keys(b)) expect(a[table], table).toEqual(b[table]);
    expect(a.firs!.length).toBeGreaterThan(0);
  });

  it('quarantines bad cells with the same line, field, reason and raw text', async () => {
    const dir = tempDir('cctns-bulk');
    const bad = [
      ...threeFirs(),
      fir({ fir_number: '', registered_at: '01/02/2024 10:00' }),
      fir({ fir_number: '0077', registered_at: '31/02/2024 10:00' }),
      fir({ fir_number: '0078', latitude: '91.5' }),
      fir({ fir_number: '0079', status: 'closed?' }),
      fir({ fir_number: '0080', fir_year: '20x4' }),
      fir({ fir_number: '  0081 ', place: '  NA ', beat: '-', occurred_to: '' }),
      fir({ fir_number: '0082', district: ' Varanasi', police_station: 'Cantt ', acts_sections: 'धारा 302 भादवि' }),
      fir({ fir_number: '0083', brief_facts: 'bad \uFFFD byte' }),
    ];
    const firFile = writeFirs(dir, 'firs.csv', bad);
    const accFile = writeAccused(dir, 'accused.csv', [
      accused(),
      accused({ accused_number: 'x' }),
      accused({ accused_number: '3', sex: 'unknown', age: '200', is_arrested: 'maybe' }),
    ]);
    const [bulk, rows] = await ingestBoth([firFile, accFile]);
    expect(bulk.logs.filter((l) => l === 'reading the file record by record')).toEqual([]);
    for (const [x, y] of bulk.summaries.map((s, i) => [s, rows.summaries[i]!] as const)) {
      expect(x.rejects).toEqual(y.rejects);
      expect([x.rowsIn, x.rowsLanded, x.rowsQuarantined]).toEqual([y.rowsIn, y.rowsLanded, y.rowsQuarantined]);
    }
    expect(bulk.summaries[0]!.rowsQuarantined).toBe(6);
    const [a, b] = [await tableRows(bulk.lake), await tableRows(rows.lake)];
    for (const table of Object.keys(b)) expect(a[table], table).toEqual(b[table]);
  });

  it('numbers every record by its line in a file DuckDB reads in parallel chunks', async () => {
    // 200,000 FIRs (~40 MB, several read buffers): FIR number n is on line n + 1.
    const base = fir({ brief_facts: 'x'.repeat(120) });
    const rows = Array.from({ length: 200_000 }, (_, i) => ({ ...base, fir_number: String(i + 1) }));
    const file = writeFirs(tempDir('cctns-bulk'), 'firs.csv', rows);
    const lake = localLake();
    const db = await openDuckDb();
    dbs.push(db);
    const summary = await ingestCctnsFile({ lake: lake.lake, db, now }, file);
    expect(summary.rowsLanded).toBe(200_000);
    const reader = await openDuckDb();
    dbs.push(reader);
    await attachLake(reader, lake.lake);
    const [row] = await reader.all<{ n: number; wrong: number }>(
      `select count(*)::integer as n, count(*) filter (where source_line <> fir_number::integer + 1)::integer as wrong from firs`,
    );
    expect(row).toEqual({ n: 200_000, wrong: 0 });
  });

  it('falls back to the record-by-record reader for a ragged file, with the same result', async () => {
    const dir = tempDir('cctns-bulk');
    const file = writeFirs(dir, 'firs.csv', threeFirs());
    fs.appendFileSync(file, 'Jaunpur,Line Bazar,0999,2024\n');
    const [bulk, rows] = await ingestBoth([file]);
    expect(bulk.logs.some((l) => l === 'reading the file record by record')).toBe(true);
    expect(bulk.summaries[0]!.rejects).toEqual(rows.summaries[0]!.rejects);
    expect(bulk.summaries[0]!.rejects[0]).toMatchObject({ line: 5, field: '(record)' });
  });
});
