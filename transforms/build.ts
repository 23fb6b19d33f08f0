import crypto from 'node:crypto';
import { listValue } from '@duckdb/node-api';
import { currentSnapshot, listTables, type Snapshot } from '../lake/catalog.ts';
import { contractOf } from '../schemas/tables.ts';
import { loadConfig, type Config } from '../lake/config.ts';
import { columnsOf, createTableSql, ident, type TableDef } from '../lake/contract.ts';
import type { DuckDb } from '../lake/duckdb.ts';
import type { Lake } from '../lake/lake.ts';
import { attachLake, forgetAttachedView } from '../lake/session.ts';
import { writeTable, type WriteTableResult } from '../lake/table-writer.ts';
import { models, type BuildScope, type IncrementalSpec, type Model, type ModelContext } from './models.ts';
import { buildScopeVariable, readEmptyValues, writeEmptyValues, writeScopeTable } from './scope.ts';

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

/** What building one model did; an incremental model also says which values of its column it rebuilt. */
export interface ModelBuildResult extends WriteTableResult {
  scope?: { column: string; full: boolean; values: string[] };
}

/**
 * A hash of the model's SQL or TS step, its settings, its table's layout and the versions of its
 * inputs: a model whose table was last built from the same digest is current.
 */
async function inputsDigest(lake: Lake, model: Model, config: Config): Promise<string> {
  const h = crypto
    .createHash('sha256')
    .update(model.sql ?? '')
    .update(model.run?.toString() ?? '');
  h.update(JSON.stringify(model.settings?.(config) ?? null));
  h.update(layoutOf(model.contract));
  for (const input of [...model.inputs, ...Object.keys(model.optionalInputs ?? {})]) {
    const snap = await currentSnapshot(lake.storage, input);
    h.update(`${input}@${snap?.version ?? 0}`);
  }
  return h.digest('hex').slice(0, 16);
}

/**
 * The batch id of a build: the inputs digest and (incremental builds) a hash of the fingerprints
 * of the values it rebuilds, so rebuilding over unchanged inputs is a no-op and a retried build
 * commits once.
 */
function batchIdOf(inputs: string, scope?: BuildScope): string {
  if (!scope) return `build-${inputs}`;
  const h = crypto.createHash('sha256').update(scope.full ? 'full' : 'partial');
  for (const [value, fingerprint] of [...scope.values].sort(([a], [b]) => a.localeCompare(b)))
    h.update(`${value}=${fingerprint};`);
  return `build-${inputs}-${h.digest('hex').slice(0, 8)}`;
}

/** Rebuilds the named models (default: all) from the lake's current tables. */
export async function buildModels(
  lake: Lake,
  db: DuckDb,
  names?: readonly string[],
  options: { onModel?: (name: string) => void; config?: Config; full?: boolean } = {},
): Promise<ModelBuildResult[]> {
  const config = options.config ?? loadConfig({});
  const onModel = options.onModel;
  const selected = names && names.length > 0 ? models.filter((m) => names.includes(m.contract.name)) : models;
  const unknown = (names ?? []).filter((n) => !models.some((m) => m.contract.name === n));
  if (unknown.length > 0)
    throw new TransformError(unknown[0]!, `no such model (models: ${models.map((m) => m.contract.name).join(', ')})`);
  const results: ModelBuildResult[] = [];
  for (const model of selected) {
    onModel?.(model.contract.name);
    results.push(await buildModel(lake, db, model, config, options.full === true));
  }
  return results;
}

function skippedResult(snap: Snapshot, scope?: BuildScope): ModelBuildResult {
  return {
    table: snap.table,
    skipped: true,
    version: snap.version,
    rowsIncoming: 0,
    rowsReplaced: 0,
    rowCount: snap.rowCount,
    filesAdded: 0,
    filesRemoved: 0,
    ...(scope ? { scope: scopeSummary(scope) } : {}),
  };
}

function scopeSummary(scope: BuildScope): NonNullable<ModelBuildResult['scope']> {
  return { column: scope.column, full: scope.full, values: [...scope.values.keys()].sort() };
}

/** The columns and partitions a table is stored with. */
function layoutOf(contract: TableDef): string {
  const columns = columnsOf(contract).map((c) => `${c.name} ${c.duckType}`);
  return `${columns.join(',')}|${contract.partitionBy.join(',')}`;
}

function sameLayout(snap: Snapshot, contract: TableDef): boolean {
  const columns = snap.columns.map((c) => `${c.name} ${c.type}`);
  return `${columns.join(',')}|${snap.partitionBy.join(',')}` === layoutOf(contract);
}

/** An incremental model's contract must carry the fingerprints and replace whole values. */
function checkIncremental(model: Model, spec: IncrementalSpec): void {
  const c = model.contract;
  if (!columnsOf(c).some((x) => x.name === 'input_fingerprint'))
    throw new TransformError(c.name, 'an incremental model needs an input_fingerprint column');
  if (c.replaceKey.length !== 1 || c.replaceKey[0] !== spec.column)
    throw new TransformError(c.name, `an incremental model's replace key must be [${spec.column}]`);
  if (!model.run && !model.sql) throw new TransformError(c.name, 'a model needs sql or run');
}

async function buildModel(
  lake: Lake,
  db: DuckDb,
  model: Model,
  config: Config,
  full: boolean,
): Promise<ModelBuildResult> {
  const name = model.contract.name;
  await attachLake(db, lake); // each model sees the tables built before it
  const present = new Set(await listTables(lake.storage));
  for (const [input, emptySql] of Object.entries(model.optionalInputs ?? {})) {
    if (present.has(input)) continue;
    await db.run(`create or replace view ${ident(input)} as ${emptySql}`);
    forgetAttachedView(db, input);
  }
  // A source not ingested yet (no accused extract, no tips) reads as an empty table of its
  // contract, so every model builds (empty where it has nothing to work on).
  for (const input of model.inputs) {
    const contract = present.has(input) ? undefined : contractOf(input);
    if (!contract) continue;
    const cols = columnsOf(contract).map((c) => `cast(null as ${c.duckType}) as ${ident(c.name)}`);
    await db.run(`create or replace view ${ident(input)} as select ${cols.join(', ')} where false`);
    forgetAttachedView(db, input);
  }
  const snap = await currentSnapshot(lake.storage, name);
  const spec = model.incremental;
  if (spec) checkIncremental(model, spec);
  const inputs = await inputsDigest(lake, model, config);
  // An incremental table last built from these very inputs is current: no fingerprints to work out.
  if (spec && snap && !full && snap.batches.at(-1)?.startsWith(`build-${inputs}-`)) return skippedResult(snap);
  const ctx: ModelContext = { lake, db, config, full };
  const computed = `computed_${name}`;
  const scopeTable = `scope_${name}`;
  try {
    // A table stored with other columns or partitions than its contract has (an older version of
    // the model) cannot be updated value by value.
    const stale = !snap || !sameLayout(snap, model.contract);
    const scope = spec ? await planScope(db, model, spec, ctx, full || stale, computed) : undefined;
    const batchId = batchIdOf(inputs, scope);
    if (snap && (snap.batches.includes(batchId) || (scope && !scope.full && scope.values.size === 0)))
      return skippedResult(snap, scope);
    const staging = `incoming_${name}`;
    try {
      await computeStaging(model, ctx, scope, { staging, computed, scopeTable });
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
    if (scope) await recordEmptyValues(lake, db, name, staging, scope);
    await db.run(`drop table if exists ${ident(staging)}`);
    if (!scope) return result;
    lake.log.info('built incrementally', {
      table: name,
      column: scope.column,
      values: scope.values.size,
      full: scope.full,
    });
    return { ...result, scope: scopeSummary(scope) };
  } finally {
    await db.run(`drop table if exists ${ident(computed)}; drop table if exists ${ident(scopeTable)}`);
  }
}

/** Fills `staging` with the model's rows: all of them, or (incremental) those of the values in scope, fingerprinted. */
async function computeStaging(
  model: Model,
  ctx: ModelContext,
  scope: BuildScope | undefined,
  tables: { staging: string; computed: string; scopeTable: string },
): Promise<void> {
  const { db } = ctx;
  const { staging, computed, scopeTable } = tables;
  const spec = model.incremental;
  if (model.run && (!spec || !scope || spec.fingerprints)) {
    // A TS step computes the values in scope (all without one) and stamps their fingerprints itself.
    await db.run(createTableSql(staging, model.contract, false));
    await model.run({ ...ctx, ...(scope ? { scope } : {}) }, staging);
    return;
  }
  if (!model.sql) throw new Error('a model needs sql or run');
  if (!spec || !scope) {
    const cols = columnsOf(model.contract).map((c) => `${ident(c.name)}::${c.duckType} as ${ident(c.name)}`);
    await db.run(`create or replace table ${ident(staging)} as select ${cols.join(', ')} from (${model.sql})`);
    return;
  }
  await writeScopeTable(db, scopeTable, scope.values);
  if (spec.fingerprints) {
    // Input fingerprints: the SQL computes the values in scope, read from the variable.
    await db.run(
      `set variable ${buildScopeVariable} = (select coalesce(list(value), []::varchar[]) from ${ident(scopeTable)})`,
    );
    try {
      await computeSql(db, model, computed);
    } finally {
      await db.run(`reset variable ${buildScopeVariable}`);
    }
  } // Output fingerprints: planScope computed every value into `computed` already.
  await stampScope(db, model, spec, computed, scopeTable, staging);
}

/** The model's SQL over the lake's views into table `target`, cast to the contract (the fingerprints are stamped later). */
async function computeSql(db: DuckDb, model: Model, target: string): Promise<void> {
  const cols = columnsOf(model.contract)
    .filter((c) => c.name !== 'input_fingerprint')
    .map((c) => `${ident(c.name)}::${c.duckType} as ${ident(c.name)}`);
  await db.run(`create or replace table ${ident(target)} as select ${cols.join(', ')} from (${model.sql})`);
}

/** The staging table of an incremental build: the computed rows of the values in scope, each with its fingerprint. */
async function stampScope(
  db: DuckDb,
  model: Model,
  spec: IncrementalSpec,
  computed: string,
  scopeTable: string,
  staging: string,
): Promise<void> {
  const cols = columnsOf(model.contract).map((c) =>
    c.name === 'input_fingerprint' ? `s.fingerprint as input_fingerprint` : `c.${ident(c.name)}`,
  );
  await db.run(
    `create or replace table ${ident(staging)} as
     select ${cols.join(', ')}
     from ${ident(computed)} as c
     inner join ${ident(scopeTable)} as s
       on c.${ident(spec.column)}::varchar = s.value`,
  );
}

/**
 * Output fingerprints: the model computed over all its inputs into `computed`, and each value's
 * fingerprint the digest of its rows (every column but the fingerprint).
 */
async function outputFingerprints(
  model: Model,
  spec: IncrementalSpec,
  ctx: ModelContext,
  computed: string,
): Promise<ReadonlyMap<string, string>> {
  const { db } = ctx;
  if (model.run) {
    await db.run(`drop table if exists ${ident(computed)}`);
    await db.run(createTableSql(computed, model.contract, false));
    await model.run(ctx, computed);
  } else {
    await computeSql(db, model, computed);
  }
  const cols = columnsOf(model.contract)
    .filter((c) => c.name !== 'input_fingerprint')
    .map((c) => `c.${ident(c.name)}`);
  const rows = await db.all<{ value: string | null; fingerprint: string }>(
    `select c.${ident(spec.column)}::varchar as value,
            printf('%016x', bit_xor(hash(${cols.join(', ')}))) || '.' || count(*) as fingerprint
     from ${ident(computed)} as c
     group by 1`,
  );
  if (rows.some((r) => r.value === null)) throw new Error(`rows with no ${spec.column}`);
  return new Map(rows.map((r) => [r.value!, r.fingerprint]));
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
  computed: string,
): Promise<BuildScope> {
  const name = model.contract.name;
  let inputs: ReadonlyMap<string, string>;
  try {
    inputs = spec.fingerprints ? await spec.fingerprints(ctx) : await outputFingerprints(model, spec, ctx, computed);
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
  // A value the table has no rows for is current when it was last computed, from the same
  // fingerprint, to no rows.
  for (const [value, fingerprint] of await readEmptyValues(ctx.lake, name))
    if (!storedOf.has(value)) storedOf.set(value, fingerprint);
  const values = new Map([...current].filter(([value, fingerprint]) => storedOf.get(value) !== fingerprint));
  return { column: spec.column, values, full: false };
}

/** Keeps the values in scope the build found no rows for (see readEmptyValues), after its commit. */
async function recordEmptyValues(
  lake: Lake,
  db: DuckDb,
  table: string,
  staging: string,
  scope: BuildScope,
): Promise<void> {
  const rows = await db.all<{ value: string }>(
    `select distinct ${ident(scope.column)}::varchar as value from ${ident(staging)}`,
  );
  const produced = new Set(rows.map((r) => r.value));
  const before = await readEmptyValues(lake, table);
  const after = new Map(scope.full ? [] : [...before].filter(([value]) => !scope.values.has(value)));
  for (const [value, fingerprint] of scope.values) if (!produced.has(value)) after.set(value, fingerprint);
  const same = after.size === before.size && [...after].every(([value, fp]) => before.get(value) === fp);
  if (!same) await writeEmptyValues(lake, table, after);
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
