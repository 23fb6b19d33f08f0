import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { defineCommand } from 'citty';
import { principalFromEnv, loadAccessConfig } from '../../lake/access.ts';
import { AuditLog } from '../../lake/access-audit.ts';
import { runAuditedQuery } from '../../lake/access-gateway.ts';
import { sqlString, withDuckDb, type DuckDb } from '../../lake/duckdb.ts';
import { attachLake } from '../../lake/session.ts';
import { cliContext, lakeArgs, runVerb, UsageError } from '../context.ts';
import { formatCsv, formatJson, formatTable, type Row } from '../format.ts';

export type SqlFormat = 'table' | 'csv' | 'json' | 'parquet';

/** Runs one query and writes its result to stdout or to a file. */
export async function runQuery(
  db: DuckDb,
  query: string,
  format: SqlFormat,
  out?: string,
  stdout: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  const q = query.trim().replace(/;\s*$/, '');
  if (out) {
    // DuckDB writes files itself: large exports never pass through JS.
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    const options = {
      parquet: 'format parquet, compression zstd',
      csv: 'format csv, header true',
      json: 'format json, array true',
      table: '',
    }[format];
    if (format === 'table') throw new UsageError('--out needs --format csv, json or parquet');
    const result = await db.all<{ Count: bigint | number }>(
      `copy (${q}) to ${sqlString(path.resolve(out))} (${options})`,
    );
    const n = Number(result[0]?.Count ?? 0);
    process.stderr.write(`wrote ${n} rows to ${out}\n`);
    return n;
  }
  if (format === 'parquet') throw new UsageError('--format parquet needs --out FILE');
  const reader = await db.connection.runAndReadAll(q);
  const columns = reader.columnNames();
  const rows = reader.getRowObjectsJS() as Row[];
  const text =
    format === 'csv' ? formatCsv(columns, rows) : format === 'json' ? formatJson(rows) : formatTable(columns, rows);
  stdout.write(text + '\n');
  return rows.length;
}

async function interactive(db: DuckDb, format: SqlFormat): Promise<void> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr, prompt: 'crimelake> ' });
  process.stderr.write(
    'Every lake table is a view by its name (try: select * from firs limit 5;). End statements with ;  — .tables lists them, .quit leaves.\n',
  );
  let buffer = '';
  rl.prompt();
  for await (const line of rl) {
    const t = line.trim();
    if (buffer === '' && (t === '.quit' || t === '.exit' || t === 'exit' || t === 'quit')) break;
    if (buffer === '' && t === '.tables') {
      await runQuery(
        db,
        `select table_name from information_schema.tables where table_type = 'VIEW' order by 1`,
        format,
      );
      rl.prompt();
      continue;
    }
    buffer += line + '\n';
    if (t.endsWith(';')) {
      try {
        await runQuery(db, buffer, format);
      } catch (error) {
        process.stderr.write(`error: ${(error as Error).message.split('\n')[0]}\n`);
      }
      buffer = '';
    }
    rl.setPrompt(buffer === '' ? 'crimelake> ' : '      ...> ');
    rl.prompt();
  }
  rl.close();
}

export default defineCommand({
  meta: {
    name: 'sql',
    description: 'Run SQL over the lake; every table is queryable by its name (no query: an interactive prompt)',
  },
  args: {
    query: {
      type: 'positional',
      required: false,
      description: 'SQL query, e.g. "select district, count(*) from firs group by 1"',
    },
    ...lakeArgs,
    format: {
      type: 'enum',
      options: ['table', 'csv', 'json', 'parquet'],
      default: 'table',
      description: 'Output format',
    },
    out: { type: 'string', description: 'Write the result to this file instead of stdout', valueHint: 'file' },
    as: {
      type: 'string',
      description:
        'Run as this user of $CRIMELAKE_ACCESS_CONFIG (token in CRIMELAKE_TOKEN_<USER>): read-only, role-masked, row-limited and audited. Without it the CLI is the local admin',
      valueHint: 'user',
    },
  },
  async run({ args }) {
    await runVerb(async () => {
      const { config, lake } = cliContext(args);
      const format = args.format as SqlFormat;
      if (args.as) {
        if (!args.query) throw new UsageError('--as needs a query (the interactive prompt is for the local admin)');
        if (args.out || format === 'parquet') throw new UsageError('--as writes to stdout only (table, csv or json)');
        const principal = principalFromEnv(loadAccessConfig(config.CRIMELAKE_ACCESS_CONFIG), args.as, process.env);
        const audit = new AuditLog(lake, config);
        const r = await runAuditedQuery({ lake, config, principal, sql: args.query, channel: 'cli', audit });
        const text =
          format === 'csv'
            ? formatCsv(r.columns, r.rows as Row[])
            : format === 'json'
              ? formatJson(r.rows as Row[])
              : formatTable(r.columns, r.rows as Row[]);
        process.stdout.write(text + '\n');
        if (r.truncated) process.stderr.write(`truncated at ${r.rowCount} rows (CRIMELAKE_SQL_ROW_LIMIT)\n`);
        return;
      }
      await withDuckDb(config, async (db) => {
        if (args.query) {
          await attachLake(db, lake, { mentionedIn: args.query });
          await runQuery(db, args.query, format, args.out);
        } else {
          await attachLake(db, lake);
          await interactive(db, format);
        }
      });
    });
  },
});
