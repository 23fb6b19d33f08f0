/**
 * Published reports (`published/<report>/<period>/`): the report's SQL from `queries/` over the
 * current snapshots of its input tables, written as CSV, Parquet and a self-contained HTML table,
 * with a manifest naming the period, the code, the inputs (snapshot versions and row counts) and
 * the SHA-256 of each output (DESIGN.md invariant 5). Publishing a period again replaces it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { firs } from '../ingestors/cctns/firs.ts';
import { currentSnapshot } from '../lake/catalog.ts';
import { columnsOf, ident, type TableDef } from '../lake/contract.ts';
import { loadSql, sqlString, type DuckDb } from '../lake/duckdb.ts';
import type { Lake } from '../lake/lake.ts';
import { registerView } from '../lake/read.ts';
import type { Progress } from './activities-context.ts';
import { isoWeekRange, publishedPrefix, type WeeklyReportName } from './shared.ts';

interface WeeklyReportDef {
  name: WeeklyReportName;
  title: string;
  /** `queries/<file>`: reads the input tables by name; binds $week, $previous_start, $week_start, $week_end. */
  sqlFile: string;
  inputs: readonly TableDef[];
}

export const weeklyReportDefs: Record<WeeklyReportName, WeeklyReportDef> = {
  'weekly-hotspots': {
    name: 'weekly-hotspots',
    title: 'Weekly hotspots: FIRs per district, police station and crime group',
    sqlFile: 'weekly_hotspots.sql',
    inputs: [firs],
  },
};

export interface PublishedOutput {
  file: string;
  key: string;
  bytes: number;
  sha256: string;
}

export interface ReportManifest {
  report: string;
  title: string;
  period: { week: string; start: string; end: string; timeZone: 'Asia/Kolkata' };
  generatedAt: string;
  codeVersion: string;
  query: { file: string; sha256: string };
  inputs: { table: string; version: number; rowCount: number }[];
  rowCount: number;
  outputs: Omit<PublishedOutput, 'key'>[];
}

/** What a publish returns to its workflow: keys and counts, never rows. */
export interface PublishedReport {
  report: string;
  week: string;
  prefix: string;
  rowCount: number;
  manifestKey: string;
  outputs: PublishedOutput[];
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `<package version>+<git commit>` when the code runs from a git checkout, else the package version. */
export function codeVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  const gitDir = path.join(repoRoot, '.git');
  const head = path.join(gitDir, 'HEAD');
  if (!fs.existsSync(head)) return pkg.version;
  const ref = fs.readFileSync(head, 'utf8').trim();
  if (!ref.startsWith('ref: ')) return `${pkg.version}+${ref.slice(0, 12)}`;
  const refFile = path.join(gitDir, ref.slice(5));
  if (fs.existsSync(refFile)) return `${pkg.version}+${fs.readFileSync(refFile, 'utf8').trim().slice(0, 12)}`;
  const packed = path.join(gitDir, 'packed-refs');
  const line = fs.existsSync(packed)
    ? fs
        .readFileSync(packed, 'utf8')
        .split('\n')
        .find((l) => l.endsWith(` ${ref.slice(5)}`))
    : undefined;
  return line ? `${pkg.version}+${line.slice(0, 12)}` : pkg.version;
}

function sha256(data: Buffer | string): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

function escapeHtml(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function istDateText(instant: Date): string {
  return new Date(instant.getTime() + 5.5 * 3_600_000).toISOString().slice(0, 10);
}

/** A plain, self-contained HTML table (no scripts, no external resources). */
export function renderHtmlTable(
  title: string,
  subtitle: string,
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
): string {
  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = rows
    .map(
      (r) =>
        '<tr>' +
        columns.map((c) => `<td${typeof r[c] === 'number' ? ' class="n"' : ''}>${escapeHtml(r[c])}</td>`).join('') +
        '</tr>',
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, 'Noto Sans', 'Noto Sans Devanagari', sans-serif; margin: 2rem; }
table { border-collapse: collapse; }
th, td { border: 1px solid #bbb; padding: 0.25rem 0.5rem; text-align: left; }
th { background: #eee; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(subtitle)}</p>
<table>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>
${rows.length === 0 ? '<p>No FIRs in this period.</p>\n' : ''}</body>
</html>
`;
}

/** A view of each input table by its name: its current snapshot, or an empty typed relation. */
async function attachInputs(db: DuckDb, lake: Lake, inputs: readonly TableDef[]): Promise<ReportManifest['inputs']> {
  const out: ReportManifest['inputs'] = [];
  for (const table of inputs) {
    const snap = await currentSnapshot(lake.storage, table.name);
    if (snap) {
      await registerView(db, lake, snap);
      out.push({ table: table.name, version: snap.version, rowCount: snap.rowCount });
    } else {
      const cols = columnsOf(table).map((c) => `cast(null as ${c.duckType}) as ${ident(c.name)}`);
      await db.run(`create or replace view ${ident(table.name)} as select ${cols.join(', ')} where false`);
      out.push({ table: table.name, version: 0, rowCount: 0 });
    }
  }
  return out;
}

/** Runs a weekly report for one ISO week and publishes it under `published/<report>/<week>/`. */
export async function publishWeeklyReport(
  deps: { lake: Lake; db: DuckDb },
  input: { report: WeeklyReportName; week: string },
  progress: Progress,
): Promise<PublishedReport> {
  const { lake, db } = deps;
  const def = weeklyReportDefs[input.report];
  const { start, end } = isoWeekRange(input.week);
  const previousStart = new Date(start.getTime() - 7 * 86_400_000);
  const sql = loadSql(import.meta.url, `../queries/${def.sqlFile}`);
  progress.report({ phase: 'query', report: def.name, week: input.week });
  const inputs = await attachInputs(db, lake, def.inputs);
  await db.run(`create or replace temp table report as ${sql}`, {
    week: input.week,
    previous_start: previousStart.toISOString(),
    week_start: start.toISOString(),
    week_end: end.toISOString(),
  });
  const rows = await db.all<Record<string, unknown>>('select * from report');
  const columns = (await db.all<{ column_name: string }>(`select column_name from (describe report)`)).map(
    (c) => c.column_name,
  );
  progress.throwIfCancelled();

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crimelake-report-'));
  try {
    const files: { file: string; contentType: string }[] = [
      { file: 'report.csv', contentType: 'text/csv; charset=utf-8' },
      { file: 'report.parquet', contentType: 'application/vnd.apache.parquet' },
      { file: 'report.html', contentType: 'text/html; charset=utf-8' },
    ];
    await db.run(`copy report to ${sqlString(path.join(dir, 'report.csv'))} (header, delimiter ',')`);
    await db.run(`copy report to ${sqlString(path.join(dir, 'report.parquet'))} (format parquet, compression zstd)`);
    const subtitle =
      `ISO week ${input.week}: ${istDateText(start)} to ${istDateText(new Date(end.getTime() - 1))} (Asia/Kolkata). ` +
      `Inputs: ${inputs.map((i) => `${i.table} v${i.version} (${i.rowCount} rows)`).join(', ')}.`;
    fs.writeFileSync(path.join(dir, 'report.html'), renderHtmlTable(def.title, subtitle, columns, rows));

    const prefix = publishedPrefix(def.name, input.week);
    const outputs: PublishedOutput[] = [];
    for (const f of files) {
      const body = fs.readFileSync(path.join(dir, f.file));
      const key = prefix + f.file;
      await lake.storage.put(key, body, { contentType: f.contentType });
      outputs.push({ file: f.file, key, bytes: body.length, sha256: sha256(body) });
      progress.report({ phase: 'upload', file: f.file });
      progress.throwIfCancelled();
    }
    const manifest: ReportManifest = {
      report: def.name,
      title: def.title,
      period: { week: input.week, start: start.toISOString(), end: end.toISOString(), timeZone: 'Asia/Kolkata' },
      generatedAt: new Date().toISOString(),
      codeVersion: codeVersion(),
      query: { file: `queries/${def.sqlFile}`, sha256: sha256(sql) },
      inputs,
      rowCount: rows.length,
      outputs: outputs.map(({ file, bytes, sha256: hash }) => ({ file, bytes, sha256: hash })),
    };
    // The manifest goes last: when it names an output, that output is complete.
    const manifestKey = prefix + 'manifest.json';
    await lake.storage.put(manifestKey, JSON.stringify(manifest, null, 2) + '\n', {
      contentType: 'application/json',
    });
    // A period published before may hold files this version no longer writes.
    const keep = new Set([...outputs.map((o) => o.key), manifestKey]);
    const stale: string[] = [];
    for await (const o of lake.storage.list(prefix)) if (!keep.has(o.key)) stale.push(o.key);
    if (stale.length > 0) await lake.storage.delete(stale);
    lake.log.info('published', { report: def.name, week: input.week, rows: rows.length, prefix });
    return { report: def.name, week: input.week, prefix, rowCount: rows.length, manifestKey, outputs };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
