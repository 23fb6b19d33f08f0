import fs from 'node:fs';
import readline from 'node:readline';
import type { z } from 'zod';
import { ident } from '../lake/contract.ts';
import { sqlString, type DuckDb } from '../lake/duckdb.ts';
import { sqlFieldOf, sqlLiteral, sqlTrim, type SqlField } from '../schemas/fields-sql.ts';
import type { SourceFile } from './batch.ts';

/**
 * Bulk CSV ingest: DuckDB reads the whole extract as text, numbering the records by line, then
 * validates every cell in one parallel query, with the SQL twins of the zod field parsers
 * (schemas/fields-sql.ts).
 * It is the fast path of a clean, one-record-per-line file. A file DuckDB's strict reader finds
 * ragged (missing or extra columns, stray quotes), or with records spanning lines or blank
 * lines, is read record by record instead, so its errors and line numbers are exactly those of
 * the row-by-row reader.
 */
export type BulkLoad = { ok: true; table: string; rows: number; failed: number } | { ok: false; reason: string };

/**
 * What a caller adds to the validated rows in the same parallel pass: given the table of the
 * numbered raw cells (to look up what it needs per distinct value), SQL selecting from the
 * validated rows (a relation) all their columns, possibly renamed, and its own.
 */
export type BulkEnrich = (lines: string) => Promise<(validated: string) => string>;

/**
 * Reads a CSV (header skipped) and validates it against a row schema, into a temp
 * table `table` of `source_line`, each field's typed value under its own name, and the first
 * failing field and message (`err_field`, `err_reason`; NULL for a valid row) as zod reports
 * them, and the columns `enrich` adds. `columns` are the header's canonical names. Not ok when a field has no SQL twin or the
 * file is not one clean record per line; the table is then dropped.
 */
export async function loadCsvBulk(
  db: DuckDb,
  file: SourceFile,
  columns: readonly string[],
  shape: Record<string, z.ZodType>,
  table: string,
  enrich?: BulkEnrich,
): Promise<BulkLoad> {
  if (new Set(columns).size !== columns.length) return { ok: false, reason: 'the header repeats a column' };
  const spec = `{${columns.map((c) => `${sqlLiteral(c)}: 'VARCHAR'`).join(', ')}}`;
  const rejects = `${table}_rejects`;
  const scans = `${table}_scans`;
  const numbered = `${table}_lines`;
  // Two passes. The reader keeps the file's order, so a record's number is its line less the
  // header's; but `row_number() over ()` makes its pipeline single-threaded, so the first pass
  // only reads and numbers the cells. The second, parallel, trims and validates them.
  const source = `(select source_line, ${columns.map((c) => `${sqlTrim(ident(c))} as ${ident(c)}`).join(', ')}
    from ${ident(numbered)})`;
  const validation = validationSql(source, shape);
  if (!validation) return { ok: false, reason: 'a field has no SQL twin' };
  let ok = false;
  try {
    await db.run(
      `create or replace temp table ${ident(numbered)} as
       select (row_number() over () + 1)::integer as source_line, *
       from read_csv(${sqlString(file.path)}, header = true, auto_detect = false, delim = ',', quote = '"',
         escape = '"', columns = ${spec}, strict_mode = true, store_rejects = true,
         rejects_table = ${sqlString(rejects)}, rejects_scan = ${sqlString(scans)})`,
    );
    const [first] = await db.all<{ line: bigint; error_message: string }>(
      `select line, error_message from ${ident(rejects)} order by line limit 1`,
    );
    if (first) return { ok: false, reason: `line ${first.line}: ${first.error_message}` };
    const [counted] = await db.all<{ rows: number }>(`select count(*)::integer as rows from ${ident(numbered)}`);
    const rows = counted?.rows ?? 0;
    // Records spanning lines and blank lines both leave more lines than records.
    if (rows + 1 !== file.lines) return { ok: false, reason: 'records span lines, or blank lines between them' };
    const enriched = enrich ? (await enrich(numbered))(`(${validation})`) : validation;
    await db.run(`create or replace temp table ${ident(table)} as ${enriched}`);
    await db.run(`drop table ${ident(numbered)}`);
    const [counts] = await db.all<{ failed: number }>(
      `select count(err_field)::integer as failed from ${ident(table)}`,
    );
    ok = true;
    return { ok: true, table, rows, failed: counts?.failed ?? 0 };
  } finally {
    await db.run(
      `drop table if exists ${ident(rejects)}; drop table if exists ${ident(scans)}; drop table if exists ${ident(numbered)}`,
    );
    if (!ok) await db.run(`drop table if exists ${ident(table)}`);
  }
}

/**
 * SQL validating a relation of trimmed text columns (and `source_line`) against a row schema of
 * twinned field parsers; undefined when a field has no SQL twin.
 */
export function validationSql(source: string, shape: Record<string, z.ZodType>): string | undefined {
  const fields: [string, SqlField][] = [];
  for (const [name, schema] of Object.entries(shape)) {
    const twin = sqlFieldOf(schema);
    if (!twin) return undefined;
    fields.push([name, twin]);
  }
  const t = (name: string) => ident(name);
  const v = (name: string) => ident(`v_${name}`);
  const e = (name: string) => ident(`e_${name}`);
  // Each field's message is computed once, as a column; the first failing field, as zod reports
  // it, is then the first non-NULL of them in the schema's order.
  return `with typed as (
      select *, ${fields.map(([n, f]) => `${f.value(t(n))} as ${v(n)}`).join(',\n')} from ${source}
    ),
    checked as (
      select *, ${fields.map(([n, f]) => `${f.error(t(n), v(n))} as ${e(n)}`).join(',\n')} from typed
    )
    select source_line, ${fields.map(([n]) => `${v(n)} as ${ident(n)}`).join(', ')},
      case ${fields.map(([n]) => `when ${e(n)} is not null then ${sqlLiteral(n)}`).join(' ')} end as err_field,
      coalesce(${fields.map(([n]) => e(n)).join(', ')}) as err_reason
    from checked`;
}

/** The text of the given lines of a file (for the quarantine's raw column). */
export async function linesOf(filePath: string, wanted: ReadonlySet<number>): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (wanted.size === 0) return out;
  const last = Math.max(...wanted);
  const rl = readline.createInterface({ input: fs.createReadStream(filePath, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const text of rl) {
      n++;
      if (wanted.has(n)) out.set(n, text);
      if (n >= last) break;
    }
  } finally {
    rl.close();
  }
  return out;
}
