import fs from 'node:fs';
import readline from 'node:readline';
import type { z } from 'zod';
import { ident } from '../lake/contract.ts';
import { sqlString, type DuckDb } from '../lake/duckdb.ts';
import { sqlFieldOf, sqlLiteral, sqlTrim, type SqlField } from '../schemas/fields-sql.ts';
import type { SourceFile } from './batch.ts';

/**
 * Bulk CSV ingest: DuckDB reads the whole extract as text in one parallel scan and validates
 * every cell in one query, with the SQL twins of the zod field parsers (schemas/fields-sql.ts).
 * It is the fast path of a clean, one-record-per-line file. A file DuckDB's strict reader finds
 * ragged (missing or extra columns, stray quotes), or with records spanning lines or blank
 * lines, is read record by record instead, so its errors and line numbers are exactly those of
 * the row-by-row reader.
 */
export type BulkLoad = { ok: true; table: string; rows: number; failed: number } | { ok: false; reason: string };

/**
 * Reads a CSV (header skipped) and validates it against a row schema in one pass, into a temp
 * table `table` of `source_line`, each field's typed value under its own name, and the first
 * failing field and message (`err_field`, `err_reason`; NULL for a valid row) as zod reports
 * them. `columns` are the header's canonical names. Not ok when a field has no SQL twin or the
 * file is not one clean record per line; the table is then dropped.
 */
export async function loadCsvBulk(
  db: DuckDb,
  file: SourceFile,
  columns: readonly string[],
  shape: Record<string, z.ZodType>,
  table: string,
): Promise<BulkLoad> {
  if (new Set(columns).size !== columns.length) return { ok: false, reason: 'the header repeats a column' };
  const spec = `{${columns.map((c) => `${sqlLiteral(c)}: 'VARCHAR'`).join(', ')}}`;
  const rejects = `${table}_rejects`;
  const scans = `${table}_scans`;
  // The reader keeps the file's order, so a record's number is its line less the header's.
  // Cells are trimmed as they are read, below the numbering, which holds them: the checks
  // above then read each trimmed cell as a column instead of trimming it again.
  const source = `(select (row_number() over () + 1)::integer as source_line, *
    from (select ${columns.map((c) => `${sqlTrim(ident(c))} as ${ident(c)}`).join(', ')}
      from read_csv(${sqlString(file.path)}, header = true, auto_detect = false, delim = ',', quote = '"',
        escape = '"', columns = ${spec}, strict_mode = true, store_rejects = true,
        rejects_table = ${sqlString(rejects)}, rejects_scan = ${sqlString(scans)})))`;
  const validation = validationSql(source, shape);
  if (!validation) return { ok: false, reason: 'a field has no SQL twin' };
  let ok = false;
  try {
    await db.run(`create or replace temp table ${ident(table)} as ${validation}`);
    const [first] = await db.all<{ line: bigint; error_message: string }>(
      `select line, error_message from ${ident(rejects)} order by line limit 1`,
    );
    if (first) return { ok: false, reason: `line ${first.line}: ${first.error_message}` };
    const [counts] = await db.all<{ rows: number; failed: number }>(
      `select count(*)::integer as rows, count(err_field)::integer as failed from ${ident(table)}`,
    );
    const rows = counts?.rows ?? 0;
    // Records spanning lines and blank lines both leave more lines than records.
    if (rows + 1 !== file.lines) return { ok: false, reason: 'records span lines, or blank lines between them' };
    ok = true;
    return { ok: true, table, rows, failed: counts?.failed ?? 0 };
  } finally {
    await db.run(`drop table if exists ${ident(rejects)}; drop table if exists ${ident(scans)}`);
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
  // The first failing field, as zod reports it: each field's check appears once in the list.
  const checks = fields.map(([n, f]) => `{'field': ${sqlLiteral(n)}, 'reason': ${f.error(t(n), v(n))}}`);
  return `with typed as (
      select *, ${fields.map(([n, f]) => `${f.value(t(n))} as ${v(n)}`).join(',\n')} from ${source}
    ),
    checked as (
      select *, list_filter([${checks.join(',\n')}], c -> c.reason is not null)[1] as failure from typed
    )
    select source_line, ${fields.map(([n]) => `${v(n)} as ${ident(n)}`).join(', ')},
      failure.field as err_field, failure.reason as err_reason
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
