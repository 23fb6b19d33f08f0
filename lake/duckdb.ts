import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DuckDBConnection,
  DuckDBInstance,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { Config } from './config.ts';

/**
 * A DuckDB session: one in-process instance and connection, with the settings every crimelake
 * process shares (UTC session time zone, a memory limit that spills to a temp folder).
 * Always closed in `finally` via `withDuckDb`.
 */
export interface DuckDb {
  readonly connection: DuckDBConnection;
  /** Runs a statement (or several, without parameters). */
  run(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>): Promise<void>;
  /** Rows as plain JS objects (BIGINT → bigint, TIMESTAMPTZ → Date, …). */
  all<T = Record<string, unknown>>(
    sql: string,
    params?: DuckDBValue[] | Record<string, DuckDBValue>,
  ): Promise<T[]>;
  close(): void;
}

export type DuckDbSettings = Pick<Config, 'CRIMELAKE_DUCKDB_MEMORY_LIMIT' | 'CRIMELAKE_DUCKDB_THREADS'>;

export async function openDuckDb(settings?: Partial<DuckDbSettings>): Promise<DuckDb> {
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crimelake-duckdb-'));
  const options: Record<string, string> = {
    memory_limit: settings?.CRIMELAKE_DUCKDB_MEMORY_LIMIT ?? '4GB',
    temp_directory: tempDir,
    // Users' SQL never needs extensions beyond the built-in ones, and air-gapped sites have none.
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'true',
  };
  if (settings?.CRIMELAKE_DUCKDB_THREADS) options.threads = String(settings.CRIMELAKE_DUCKDB_THREADS);
  // A database file in the session's temp folder rather than ':memory:', so that staging tables
  // larger than the memory limit are evicted to disk instead of failing the ingest.
  const instance = await DuckDBInstance.create(path.join(tempDir, 'session.duckdb'), options);
  const connection = await instance.connect();
  // icu is built in and loaded once the instance exists (setting it at creation fails).
  await connection.run(`set TimeZone = 'UTC'`);
  let closed = false;
  return {
    connection,
    async run(sql, params) {
      await connection.run(sql, params);
    },
    async all<T>(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>) {
      const reader = await connection.runAndReadAll(sql, params);
      return reader.getRowObjectsJS() as T[];
    },
    close() {
      if (closed) return;
      closed = true;
      connection.closeSync();
      instance.closeSync();
      fs.rmSync(tempDir, { recursive: true, force: true });
    },
  };
}

export async function withDuckDb<T>(
  settings: Partial<DuckDbSettings> | undefined,
  fn: (db: DuckDb) => Promise<T>,
): Promise<T> {
  const db = await openDuckDb(settings);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

/** The column names of a table or view of the session (empty when there is none). */
export async function relationColumns(db: DuckDb, name: string): Promise<Set<string>> {
  const rows = await db.all<{ column_name: string }>(
    `select column_name from information_schema.columns where table_name = $name`,
    { name },
  );
  return new Set(rows.map((r) => r.column_name));
}

/** Whether the session has a table or view of that name. */
export async function tableExists(db: DuckDb, name: string): Promise<boolean> {
  const rows = await db.all<{ n: number }>(
    `select count(*)::integer as n from information_schema.tables where table_name = $name`,
    { name },
  );
  return (rows[0]?.n ?? 0) > 0;
}

/** Reads an `.sql` file that sits beside the calling module: `loadSql(import.meta.url, 'x.sql')`. */
export function loadSql(moduleUrl: string, fileName: string): string {
  return fs.readFileSync(path.join(path.dirname(fileURLToPath(moduleUrl)), fileName), 'utf8');
}

/** A string literal for the few places DuckDB takes no parameters (file paths in COPY/read_parquet). */
export function sqlString(value: string): string {
  return "'" + value.replaceAll("'", "''") + "'";
}
