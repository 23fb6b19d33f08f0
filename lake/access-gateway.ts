import path from 'node:path';
import { adminOnlyTables, AccessDeniedError, districtColumn, districtsNamedIn, grants, maskedValue, personalColumns, type Principal } from './access.ts';
import { currentSnapshot, listTables, type Snapshot } from './catalog.ts';
import type { Config } from './config.ts';
import { ident } from './contract.ts';
import { openDuckDb, sqlString, type DuckDb } from './duckdb.ts';
import { localPaths, type Lake } from './lake.ts';
import { snapshotRelationSql } from './read.ts';
import type { AuditLog } from './access-audit.ts';

/**
 * The read-only SQL gateway. A user's query runs on its own DuckDB session that holds only the
 * views their role may see (personal columns masked for analysts, rows limited to granted
 * districts for investigators), with file access off outside the lake's own files and the
 * configuration locked. Before it runs, the query is parsed (`json_serialize_sql`): one SELECT
 * only, naming only those views — no table functions (read_csv, read_parquet, …), no file
 * paths, no catalogs. The parse check is what keeps users off the raw files behind the masks;
 * the locked session is the second wall.
 */
export interface GatewayLimits {
  rowLimit: number;
  timeoutMs: number;
}

export interface GatewayResult {
  columns: string[];
  rows: Record<string, unknown>[];
  rowCount: number;
  truncated: boolean;
  /** The lake tables the query read, for the audit and manifests. */
  tables: string[];
}

export class GatewayTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`query took longer than ${timeoutMs} ms and was stopped (CRIMELAKE_SQL_TIMEOUT_MS)`);
    this.name = 'GatewayTimeoutError';
  }
}

export class GatewaySqlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GatewaySqlError';
  }
}

const statementWords = new Set([
  'copy', 'attach', 'detach', 'install', 'load', 'set', 'reset', 'pragma', 'create', 'insert', 'update', 'delete',
  'drop', 'alter', 'export', 'import', 'call', 'use', 'checkpoint', 'vacuum', 'begin', 'commit', 'rollback',
  'prepare', 'execute', 'deallocate', 'truncate', 'merge', 'describe', 'show', 'summarize', 'explain', 'analyze', 'update_extensions',
]);

function firstWord(sql: string): string {
  const stripped = sql.replace(/^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)+/, '');
  return (stripped.match(/^[A-Za-z_]+/)?.[0] ?? '').toLowerCase();
}

/** Strips a trailing `;` (one statement may end with one). */
export function normaliseQuery(sql: string): string {
  return sql.trim().replace(/;\s*$/, '').trim();
}

interface ParsedRefs {
  statements: number;
  tables: { name: string; schema: string; catalog: string }[];
  functions: string[];
  ctes: Set<string>;
}

function collectRefs(node: unknown, out: ParsedRefs): void {
  if (Array.isArray(node)) {
    for (const n of node) collectRefs(n, out);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (o.type === 'BASE_TABLE' && typeof o.table_name === 'string') {
    out.tables.push({
      name: o.table_name,
      schema: typeof o.schema_name === 'string' ? o.schema_name : '',
      catalog: typeof o.catalog_name === 'string' ? o.catalog_name : '',
    });
  }
  if (o.type === 'TABLE_FUNCTION') {
    const fn = o.function as Record<string, unknown> | undefined;
    out.functions.push(typeof fn?.function_name === 'string' ? fn.function_name : 'a table function');
  }
  if (o.type === 'SHOW_REF') out.functions.push('describe/show');
  const cteMap = o.cte_map as { map?: { key?: unknown }[] } | undefined;
  for (const e of cteMap?.map ?? []) if (typeof e.key === 'string') out.ctes.add(e.key.toLowerCase());
  for (const v of Object.values(o)) collectRefs(v, out);
}

/**
 * Checks a user's query before it runs: one SELECT over the allowed views. Returns the lake
 * tables it names; throws AccessDeniedError (refusal) or GatewaySqlError (bad SQL).
 */
export async function checkQuery(db: DuckDb, sql: string, visible: ReadonlySet<string>, hidden: ReadonlySet<string>): Promise<string[]> {
  const q = normaliseQuery(sql);
  if (q === '') throw new GatewaySqlError('empty query');
  const [row] = await db.all<{ j: string }>('select json_serialize_sql($1::varchar) as j', [q]);
  const parsed = JSON.parse(row?.j ?? '{}') as { error?: boolean; error_message?: string; statements?: unknown[] };
  const word = firstWord(q);
  if (parsed.error) {
    if (statementWords.has(word)) {
      throw new AccessDeniedError(`${word.toUpperCase()} is not allowed: the SQL gateway runs one read-only SELECT query`);
    }
    const msg = parsed.error_message ?? 'cannot parse';
    if (/only select statements/i.test(msg)) {
      throw new AccessDeniedError(`only SELECT queries are allowed (this is a ${word.toUpperCase() || 'non-SELECT'} statement)`);
    }
    throw new GatewaySqlError(`SQL error: ${msg.split('\n')[0]}`);
  }
  const refs: ParsedRefs = { statements: parsed.statements?.length ?? 0, tables: [], functions: [], ctes: new Set() };
  if (refs.statements !== 1) {
    throw new AccessDeniedError(`one statement per query: found ${refs.statements} (multiple statements are not allowed)`);
  }
  collectRefs(parsed.statements, refs);
  if (refs.functions.length > 0) {
    throw new AccessDeniedError(
      `${refs.functions[0]}() is not allowed: table functions can read files and catalogs; query the lake's tables by name`,
    );
  }
  const used = new Set<string>();
  for (const t of refs.tables) {
    const name = t.name.toLowerCase();
    if ((t.catalog !== '' || t.schema !== '') && !(t.schema === 'main' && t.catalog === '')) {
      throw new AccessDeniedError(`${[t.catalog, t.schema, t.name].filter(Boolean).join('.')} is not allowed: only the lake's tables by plain name`);
    }
    if (refs.ctes.has(name)) continue;
    if (/[/\\.:]/.test(t.name)) {
      throw new AccessDeniedError(`reading files is not allowed ('${t.name}'): query the lake's tables by name`);
    }
    if (hidden.has(name)) throw new AccessDeniedError(`table ${name} is not available to your role`);
    if (!visible.has(name)) throw new GatewaySqlError(`unknown table ${name}`);
    used.add(name);
  }
  return [...used].sort();
}

function maskExpr(column: string): string {
  return `case when ${ident(column)} is null then null else ${sqlString(maskedValue)} end as ${ident(column)}`;
}

function inList(values: readonly string[]): string {
  return '(' + values.map(sqlString).join(', ') + ')';
}

/** The view a role sees of one table (SQL text over the snapshot's relation). */
export function roleViewSql(principal: Principal, snap: Snapshot, relation: string, relations: ReadonlyMap<string, string>): string {
  const masked = personalColumns[snap.table];
  if (principal.role === 'admin' || !masked) return `select * from (${relation})`;
  const cols = snap.columns.map((c) => c.name);
  if (principal.role === 'analyst') {
    return `select ${cols.map((c) => (masked.includes(c) ? maskExpr(c) : ident(c))).join(', ')} from (${relation})`;
  }
  // District names are compared case-insensitively (persons.home_district is a district id).
  const granted = inList(principal.districts.map((d) => d.toLowerCase()));
  const byDistrict = districtColumn[snap.table];
  if (byDistrict) {
    // A person belongs to a district by home or by any FIR there.
    const records = relations.get('person_records');
    const byRecord =
      (snap.table === 'persons' || snap.table === 'offender_profiles') && records
        ? ` or person_id in (select person_id from (${records}) where lower(district) in ${granted})`
        : '';
    return `select * from (${relation}) where lower(${ident(byDistrict)}) in ${granted}${byRecord}`;
  }
  // Tables an investigator needs whole for counts: personal columns shown only for their districts.
  let visibleWhen: string;
  if (cols.includes('district')) {
    visibleWhen = `lower("district") in ${granted}`;
  } else if (snap.table === 'vehicles') {
    const links = ['seizures', 'stolen_vehicles']
      .filter((t) => relations.has(t))
      .map((t) => `select registration_number from (${relations.get(t)!}) where lower(district) in ${granted}`);
    visibleWhen = links.length > 0 ? `registration_number in (${links.join(' union ')})` : 'false';
  } else {
    visibleWhen = 'false';
  }
  const show = (c: string) =>
    masked.includes(c)
      ? `case when ${visibleWhen} or ${ident(c)} is null then ${ident(c)} else ${sqlString(maskedValue)} end as ${ident(c)}`
      : ident(c);
  return `select ${cols.map(show).join(', ')} from (${relation})`;
}

/** Tables other views read for their row filters (loaded even when the query does not name them). */
const viewHelpers = new Set(['seizures', 'stolen_vehicles', 'person_records']);

export interface RoleSession {
  readonly principal: Principal;
  /** Tables the role can query, by name. */
  readonly tables: readonly string[];
  query(sql: string, limits: GatewayLimits): Promise<GatewayResult>;
  close(): void;
}

export interface RoleViews {
  /** Tables created as views, by name. */
  visible: Set<string>;
  /** Tables withheld from the role. */
  hidden: Set<string>;
  /** Folders of the files the views read. */
  dirs: Set<string>;
  /** Unmasked relation SQL of each loaded table (trusted code only, never user SQL). */
  relations: Map<string, string>;
}

/** Creates the role's views of the lake's tables (all, or those in `only`) in a session. */
export async function createRoleViews(db: DuckDb, lake: Lake, principal: Principal, only?: ReadonlySet<string>): Promise<RoleViews> {
  const hidden = new Set<string>();
  const snaps: Snapshot[] = [];
  for (const table of await listTables(lake.storage)) {
    if (adminOnlyTables.has(table) && principal.role !== 'admin') {
      hidden.add(table);
      continue;
    }
    if (only && !only.has(table) && !viewHelpers.has(table)) continue;
    const snap = await currentSnapshot(lake.storage, table);
    if (snap) snaps.push(snap);
  }
  const relations = new Map<string, string>();
  const dirs = new Set<string>();
  for (const snap of snaps) {
    relations.set(snap.table, await snapshotRelationSql(lake, snap));
    for (const p of await localPaths(lake, snap.files)) dirs.add(path.dirname(p) + path.sep);
  }
  const visible = new Set<string>();
  for (const snap of snaps) {
    if (only && !only.has(snap.table)) continue;
    await db.run(`create view ${ident(snap.table)} as ${roleViewSql(principal, snap, relations.get(snap.table)!, relations)}`);
    visible.add(snap.table);
  }
  return { visible, hidden, dirs, relations };
}

/** Opens a DuckDB session holding only the role's views of the lake's tables (all, or `only`). */
export async function openRoleSession(
  lake: Lake,
  principal: Principal,
  options: { config?: Pick<Config, 'CRIMELAKE_DUCKDB_MEMORY_LIMIT' | 'CRIMELAKE_DUCKDB_THREADS'>; only?: ReadonlySet<string> } = {},
): Promise<RoleSession> {
  const db = await openDuckDb(options.config);
  try {
    const { visible, hidden, dirs } = await createRoleViews(db, lake, principal, options.only);
    // The views read the lake's files; nothing else may be read, and nothing changed.
    await db.run(`set allowed_directories = [${[...dirs].map(sqlString).join(', ')}]`);
    await db.run(`set enable_external_access = false`);
    await db.run(`set lock_configuration = true`);
    return {
      principal,
      tables: [...visible].sort(),
      async query(sql, limits) {
        const used = await checkQuery(db, sql, visible, hidden);
        if (principal.role === 'investigator' && used.some((t) => t in districtColumn)) {
          const refused = districtsNamedIn(sql).filter((d) => !grants(principal, d));
          if (refused.length > 0) {
            throw new AccessDeniedError(
              `district ${refused.join(', ')} is not granted to ${principal.user} (granted: ${principal.districts.join(', ')})`,
            );
          }
        }
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          db.connection.interrupt();
        }, limits.timeoutMs);
        try {
          const reader = await db.connection.runAndReadUntil(normaliseQuery(sql), limits.rowLimit + 1);
          const all = reader.getRowObjectsJS() as Record<string, unknown>[];
          const truncated = all.length > limits.rowLimit;
          const rows = truncated ? all.slice(0, limits.rowLimit) : all;
          return { columns: reader.columnNames(), rows, rowCount: rows.length, truncated, tables: used };
        } catch (error) {
          if (timedOut) throw new GatewayTimeoutError(limits.timeoutMs);
          const msg = (error as Error).message.split('\n')[0] ?? '';
          if (/permission error|disabled by configuration/i.test(msg)) throw new AccessDeniedError(msg);
          throw new GatewaySqlError(msg);
        } finally {
          clearTimeout(timer);
        }
      },
      close() {
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

export interface AuditedQueryInput {
  lake: Lake;
  config: Pick<Config, 'CRIMELAKE_DUCKDB_MEMORY_LIMIT' | 'CRIMELAKE_DUCKDB_THREADS' | 'CRIMELAKE_SQL_ROW_LIMIT' | 'CRIMELAKE_SQL_TIMEOUT_MS'>;
  principal: Principal;
  sql: string;
  channel: 'cli' | 'api';
  audit: AuditLog;
  /** Lower than the configured limit, e.g. a request's own `limit`. */
  rowLimit?: number;
}

/** Runs one user query through the gateway and appends the audit row, refusals included. */
export async function runAuditedQuery(input: AuditedQueryInput): Promise<GatewayResult> {
  const startedAt = new Date();
  const t0 = performance.now();
  const words = new Set(input.sql.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? []);
  const limits: GatewayLimits = {
    rowLimit: Math.min(input.rowLimit ?? Number.POSITIVE_INFINITY, input.config.CRIMELAKE_SQL_ROW_LIMIT),
    timeoutMs: input.config.CRIMELAKE_SQL_TIMEOUT_MS,
  };
  const base = { principal: input.principal, action: 'sql' as const, target: input.sql, channel: input.channel, startedAt };
  let result: GatewayResult;
  try {
    const session = await openRoleSession(input.lake, input.principal, { config: input.config, only: words });
    try {
      result = await session.query(input.sql, limits);
    } finally {
      session.close();
    }
  } catch (error) {
    const refused = error instanceof AccessDeniedError;
    await input.audit.record({
      ...base,
      rowCount: 0,
      outcome: refused ? 'refused' : 'error',
      reason: (error as Error).message,
      durationMs: performance.now() - t0,
    });
    throw error;
  }
  await input.audit.record({
    ...base,
    rowCount: result.rowCount,
    outcome: result.truncated ? 'truncated' : 'ok',
    durationMs: performance.now() - t0,
  });
  return result;
}
