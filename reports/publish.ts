import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { currentSnapshot } from '../lake/catalog.ts';
import { columnsOf, ident } from '../lake/contract.ts';
import { sqlString, type DuckDb } from '../lake/duckdb.ts';
import type { Lake } from '../lake/lake.ts';
import { registerView } from '../lake/read.ts';
import { contractOf } from '../schemas/tables.ts';
import { codeVersion } from '../workflows/activities-reports.ts';

/**
 * Publishing a report period: `published/<report>/<period>/` gets report.html, each dataset as
 * `<name>.csv` (UTF-8 with BOM, so Excel shows Devanagari) and `<name>.parquet`, and
 * manifest.json (period, generated time, code version, the snapshot of every input table with
 * its files and row counts, and the SHA-256 of every output). The manifest is written last and
 * files of an earlier run that this one no longer writes are deleted, so re-publishing a period
 * replaces it, and a manifest only ever names complete files.
 */
export interface InputSnapshot {
  table: string;
  /** 0 when the table is not in the lake yet (the report section says so). */
  version: number;
  rowCount: number;
  committedAt: string | null;
  files: { key: string; rows: number; bytes: number; etag: string }[];
}

export interface Period {
  kind: 'week' | 'month';
  id: string;
  start: string;
  end: string;
  timeZone: 'Asia/Kolkata';
}

export interface ReportOutput {
  file: string;
  bytes: number;
  sha256: string;
}

export interface ReportManifest {
  report: string;
  title: string;
  period: Period;
  generatedAt: string;
  codeVersion: string;
  queries: { file: string; sha256: string }[];
  inputs: InputSnapshot[];
  datasets: { name: string; rowCount: number }[];
  /** Sections shown without data, and why. */
  notes: string[];
  outputs: ReportOutput[];
}

export interface PublishedReportResult {
  prefix: string;
  manifestKey: string;
  manifest: ReportManifest;
}

export function sha256(data: Buffer | string): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/**
 * Makes each input table queryable by name: its current snapshot, or (not built yet) an empty
 * relation typed by its contract.
 */
export async function attachReportInputs(db: DuckDb, lake: Lake, tables: readonly string[]): Promise<InputSnapshot[]> {
  const out: InputSnapshot[] = [];
  for (const table of tables) {
    const snap = await currentSnapshot(lake.storage, table);
    if (snap) {
      await registerView(db, lake, snap);
      out.push({
        table,
        version: snap.version,
        rowCount: snap.rowCount,
        committedAt: snap.committedAt,
        files: snap.files.map((f) => ({ key: f.key, rows: f.rows, bytes: f.bytes, etag: f.etag })),
      });
      continue;
    }
    const contract = contractOf(table);
    if (!contract) throw new Error(`report input ${table} has no table contract`);
    const cols = columnsOf(contract).map((c) => `cast(null as ${c.duckType}) as ${ident(c.name)}`);
    await db.run(`create or replace view ${ident(table)} as select ${cols.join(', ')} where false`);
    out.push({ table, version: 0, rowCount: 0, committedAt: null, files: [] });
  }
  return out;
}

function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s =
    v instanceof Date
      ? v.toISOString()
      : typeof v === 'object'
        ? JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x))
        : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** CSV with a UTF-8 byte-order mark (Excel otherwise reads Devanagari as mojibake). */
export function csvWithBom(columns: readonly string[], rows: readonly Record<string, unknown>[]): Buffer {
  const lines = [columns.map(csvField).join(','), ...rows.map((r) => columns.map((c) => csvField(r[c])).join(','))];
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

export interface PublishInput {
  lake: Lake;
  db: DuckDb;
  report: string;
  title: string;
  period: Period;
  html: string;
  /** DuckDB tables holding each dataset, by output name. */
  datasets: readonly { name: string; table: string }[];
  inputs: InputSnapshot[];
  queries: { file: string; sql: string }[];
  notes: string[];
}

export async function publishReport(input: PublishInput): Promise<PublishedReportResult> {
  const { lake, db } = input;
  const prefix = `published/${input.report}/${input.period.id}/`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crimelake-publish-'));
  try {
    const files: { file: string; contentType: string }[] = [];
    const datasets: ReportManifest['datasets'] = [];
    for (const d of input.datasets) {
      const reader = await db.connection.runAndReadAll(`select * from ${ident(d.table)}`);
      const rows = reader.getRowObjectsJS() as Record<string, unknown>[];
      fs.writeFileSync(path.join(dir, `${d.name}.csv`), csvWithBom(reader.columnNames(), rows));
      await db.run(
        `copy ${ident(d.table)} to ${sqlString(path.join(dir, `${d.name}.parquet`))} (format parquet, compression zstd)`,
      );
      files.push({ file: `${d.name}.csv`, contentType: 'text/csv; charset=utf-8' });
      files.push({ file: `${d.name}.parquet`, contentType: 'application/vnd.apache.parquet' });
      datasets.push({ name: d.name, rowCount: rows.length });
    }
    fs.writeFileSync(path.join(dir, 'report.html'), input.html);
    files.push({ file: 'report.html', contentType: 'text/html; charset=utf-8' });

    const outputs: ReportOutput[] = [];
    for (const f of files) {
      const body = fs.readFileSync(path.join(dir, f.file));
      await lake.storage.put(prefix + f.file, body, { contentType: f.contentType });
      outputs.push({ file: f.file, bytes: body.length, sha256: sha256(body) });
    }
    const manifest: ReportManifest = {
      report: input.report,
      title: input.title,
      period: input.period,
      generatedAt: new Date().toISOString(),
      codeVersion: codeVersion(),
      queries: input.queries.map((q) => ({ file: q.file, sha256: sha256(q.sql) })),
      inputs: input.inputs,
      datasets,
      notes: input.notes,
      outputs,
    };
    const manifestKey = prefix + 'manifest.json';
    await lake.storage.put(manifestKey, JSON.stringify(manifest, null, 2) + '\n', { contentType: 'application/json' });
    const keep = new Set([...outputs.map((o) => prefix + o.file), manifestKey]);
    const stale: string[] = [];
    for await (const o of lake.storage.list(prefix)) if (!keep.has(o.key)) stale.push(o.key);
    if (stale.length > 0) await lake.storage.delete(stale);
    lake.log.info('published', { report: input.report, period: input.period.id, prefix, outputs: outputs.length });
    return { prefix, manifestKey, manifest };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
