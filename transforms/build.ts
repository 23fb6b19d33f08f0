import crypto from 'node:crypto';
import { listValue } from '@duckdb/node-api';
import { currentSnapshot, listTables } from '../lake/catalog.ts';
import { contractOf } from '../schemas/tables.ts';
import { loadConfig, type Config } from '../lake/config.ts';
import { columnsOf, createTableSql, ident } from '../lake/contract.ts';
import type { DuckDb } from '../lake/duckdb.ts';
import type { Lake } from '../lake/lake.ts';
import { attachLake } from '../lake/session.ts';
import { writeTable, type WriteTableResult } from '../lake/table-writer.ts';
import { models, type BuildScope, type IncrementalSpec, type Model, type ModelContext } from './models.ts';

export class TransformError extends Error {
  constructor(
    readonly model: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`transform ${model}: ${message}`, options);
    this.name = 'TransformError';
  }
}

/**
 * The batch id of a build: a hash of the model's SQL or TS step, its settings, the versions of its
 * inputs and (incremental builds) the fingerprints of the values it rebuilds, so rebuilding over
 * unchanged inputs is a no-op and a retried build commits once.
 */
async function buildId(lake: Lake, model: Model, config: Config, scope?: BuildScope): Promise<string> {
  const h = crypto
    .createHash('sha256')
    .update(model.sql ?? '')
    .update(model.run?.toString() ?? '');
  h.update(JSON.stringify(model.settings?.(config) ?? null));
  for (const input of [...model.inputs, ...Object.keys(model.optionalInputs ?? {})]) {
    const snap = await currentSnapshot(lake.storage, input);
    h.update(`${input}@${snap?.version ?? 0}`);
  }
  if (scope) {
    h.update(scope.full ? 'full' : 'partial');
    for (const [value, fingerprint] of [...scope.values].sort(([a], [b]) => a.localeCompare(b)))
      h.update(`${value}=${fingerprint};`);
  }
  return 'build-' + h.digest('hex').slice(0, 16);
}

/** Rebuilds the named models (default: all) from the lake's current tables. */
export async function buildModels(
  lake: Lake,
  db: DuckDb,
  names?: readonly string[],
  options: { onModel?: (name: string) => void; config?: Config; full?: boolean } = {},
): Promise<WriteTableResult[]> {
  const config = options.config ?? loadConfig({});
  const onModel = options.onModel;
  const selected = names && names.length > 0 ? models.filter((m) => names.includes(m.contract.name)) : models;
  const unknown = (names ?? []).filter((n) => !models.some((m) => m.contract.name === n));
  if (unknown.length > 0)
    throw new TransformError(unknown[0]!, `no such model (models: ${models.map((m) => m.contract.name).join(', ')})`);
  const results: WriteTableResult[] = [];
  for (const model of selected) {
    onModel?.(model.contract.name);
    results.push(await buildModel(lake, db, model, config, options.full === true));
  }
  return results;
}

async function buildModel(
  lake: Lake,
  db: DuckDb,
  model: Model,
  config: Config,
  full: boolean,
): Promise<WriteTableResult> {
  const name = model.contract.name;
  await attachLake(db, lake); // each model sees the tables built before it
  const present = new Set(await listTables(lake.storage));
  for (const [input, emptySql] of Object.entries(model.optionalInputs ?? {})) {
    if (!present.has(input)) await db.run(`create or replace view ${ident(input)} as ${emptySql}`);
  }
  // A source not ingested yet (no accused extract, no tips) reads as an empty table of its
  // contract, so every model builds (empty where it has nothing to work on).
  for (const input of model.inputs) {
    const contract = present.has(input) ? undefined : contractOf(input);
    if (!contract) continue;
    const cols = columnsOf(contract).map((c) => `cast(null as ${c.duckType}) as ${ident(c.name)}`);
    await db.run(`create or replace view ${ident(input)} as select ${cols.join(', ')} where false`);
  }
  const snap = await currentSnapshot(lake.storage, name);
  const scope = model.incremental
    ? await planScope(db, model, model.incremental, { lake, db, config }, full || !snap)
    : undefined;
  const batchId = await buildId(lake, model, config, scope);
  if (snap && (snap.batches.includes(batchId) || (scope && !scope.full && scope.values.size === 0))) {
    return {
      table: name,
      skipped: true,
      version: snap.version,
      rowsIncoming: 0,
      rowsReplaced: 0,
      rowCount: snap.rowCount,
      filesAdded: 0,
      filesRemoved: 0,
    };
  }
  const staging = `incoming_${name}`;
  try {
    if (model.run) {
      await db.run(createTableSql(staging, model.contract, false));
      await model.run({ lake, db, config, ...(scope ? { scope } : {}) }, staging);
    } else if (model.sql) {
      const cols = columnsOf(model.contract).map((c) => `${ident(c.name)}::${c.duckType} as ${ident(c.name)}`);
      await db.run(`create or replace table ${ident(staging)} as select ${cols.join(', ')} from (${model.sql})`);
    } else {
      throw new Error('a model needs sql or run');
    }
  } catch (error) {
    throw new TransformError(name, (error as Error).message, { cause: error });
  }
  if (scope && !scope.full && (await vanishingValues(db, name, staging, scope)).length > 0) {
    // Rows of a value that now has none cannot be replaced value by value: rebuild the table.
    await db.run(`drop table if exists ${ident(staging)}`);
    return buildModel(lake, db, model, config, true);
  }
  const result = await writeTable({
    lake,
    db,
    contract: model.contract,
    incoming: staging,
    batchId,
    replaceAll: !scope || scope.full,
  });
  await db.run(`drop table if exists ${ident(staging)}`);
  return result;
}

/**
 * The values an incremental model rebuilds: those whose fingerprint differs from the one its
 * rows carry (or that it has no rows for). Values the table holds but the inputs no longer
 * produce, or a full build, rebuild everything.
 */
async function planScope(
  db: DuckDb,
  model: Model,
  spec: IncrementalSpec,
  ctx: ModelContext,
  full: boolean,
): Promise<BuildScope> {
  const name = model.contract.name;
  let inputs: ReadonlyMap<string, string>;
  try {
    inputs = await spec.fingerprints(ctx);
  } catch (error) {
    throw new TransformError(name, `fingerprints: ${(error as Error).message}`, { cause: error });
  }
  // A changed model (its SQL or TS step) changes every fingerprint, so it rebuilds every value.
  const code = crypto
    .createHash('sha256')
    .update(model.sql ?? '')
    .update(model.run?.toString() ?? '')
    .digest('hex');
  const current = new Map(
    [...inputs].map(([value, fingerprint]) => [
      value,
      crypto.createHash('sha256').update(`${code}:${fingerprint}`).digest('hex').slice(0, 16),
    ]),
  );
  if (full) return { column: spec.column, values: current, full: true };
  const stored = await db.all<{ value: string; lo: string | null; hi: string | null }>(
    `select ${ident(spec.column)}::varchar as value, min(input_fingerprint) as lo, max(input_fingerprint) as hi
     from ${ident(name)} group by 1`,
  );
  if (stored.some((r) => !current.has(r.value))) return { column: spec.column, values: current, full: true };
  const storedOf = new Map(stored.map((r) => [r.value, r.lo === r.hi ? r.lo : null]));
  const values = new Map([...current].filter(([value, fingerprint]) => storedOf.get(value) !== fingerprint));
  return { column: spec.column, values, full: false };
}

/** Values in scope the table has rows for but the rebuild produced none for. */
async function vanishingValues(db: DuckDb, table: string, staging: string, scope: BuildScope): Promise<string[]> {
  const values = [...scope.values.keys()];
  const rows = await db.all<{ value: string }>(
    `select distinct t.${ident(scope.column)}::varchar as value
     from ${ident(table)} as t
     where list_contains($values::varchar[], t.${ident(scope.column)}::varchar)
       and t.${ident(scope.column)}::varchar not in (select ${ident(scope.column)}::varchar from ${ident(staging)})`,
    { values: listValue(values) },
  );
  return rows.map((r) => r.value);
}
