/**
 * The TS step of `person_records`: reads the accused records (person_records.sql), the previous
 * build's assignment (the lake's current `person_records`: the memory that keeps person ids
 * stable) and every id ever retired (`person_id_history`), resolves, and fills the staging table.
 * A build that is not `--full` resolves only the new and changed records against the previous
 * persons when it can (incremental.ts); otherwise every record.
 *
 * Scale: no record is ever a JS object. DuckDB numbers the records and dictionary-encodes their
 * texts (er_records.sql and the er_dict_* tables); the resolver normalises each distinct text
 * once and streams the records' codes into its columnar store. Its results go back a chunk at a
 * time as numbers (er_result, er_new_ids) with the normal forms per distinct text (er_out_*), and
 * DuckDB joins them into the output rows (er_output.sql), spilling to disk as it needs.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import { ident } from '../../lake/contract.ts';
import { loadSql, relationColumns, tableExists, type DuckDb } from '../../lake/duckdb.ts';
import type { ModelContext } from '../models.ts';
import { ChunkWriter, forEachRow, forEachRowPaged } from './duck-columns.ts';
import { blockingRules } from './blocking.ts';
import { PersonIdSet, PersonNamer } from './ids.ts';
import {
  assignmentDigest,
  defaultMaxChangedShare,
  frequenciesOver,
  incrementalRules,
  readState,
  seedKeys,
  writeCandidatePersons,
  writeKeyMappings,
  writeState,
} from './incremental.ts';
import type { ModelParameters, TermFrequencies } from './model.ts';
import {
  defaultResolveOptions,
  resolutionVersion,
  resolveStore,
  type ResolveOptions,
  type ResolveStats,
} from './resolve.ts';
import { noYear, RecordStore, type StoreListener } from './store.ts';

const sql = {
  input: loadSql(import.meta.url, '../marts/person_records.sql'),
  records: loadSql(import.meta.url, 'er_records.sql'),
  output: loadSql(import.meta.url, 'er_output.sql'),
  diff: loadSql(import.meta.url, 'er_diff.sql'),
};

/** Dictionaries of the record texts: table suffix, column of er_records. */
const dictionaries = {
  name: 'name',
  alias: 'alias',
  father: 'father_name',
  address: 'address',
  sex: 'sex',
  district: 'district',
  fir: 'fir_id',
  previous: 'known_person_id',
} as const;

type Dictionary = keyof typeof dictionaries;

/** Working tables of the step (dropped at the end). */
const workTables = [
  'er_records',
  ...Object.keys(dictionaries).map((d) => `er_dict_${d}`),
  'er_out_name',
  'er_out_father',
  'er_out_address',
  'er_out_text',
  'er_result',
  'er_new_ids',
  'er_pending',
  // The incremental resolution's (incremental.ts).
  'er_diff',
  'er_frequencies',
  'er_seeds',
  'er_seed_keys',
  'er_skeletons',
  'er_place_keys',
  'er_candidate_persons',
  'er_subset',
  'er_resolved',
  'er_person_map',
];

const workViews = ['er_input', 'er_accused', 'er_previous', 'er_held'];

const noPrevious = `select null::varchar as record_id, null::varchar as person_id, null::bigint as source_hash,
  null::varchar as name, null::varchar as alias, null::varchar as father_name, null::varchar as sex,
  null::integer as age, null::varchar as address where false`;

/**
 * Numbers the records of the view `er_accused` (with their previous persons, the view
 * `er_previous`) and encodes their texts (er_records, er_dict_*).
 */
export async function encodeRecords(
  db: DuckDb,
): Promise<{ records: number; previousCodes: number; hasPrevious: boolean }> {
  await db.run(`create or replace table er_records as ${sql.records}`);
  for (const [d, column] of Object.entries(dictionaries)) {
    // Codes in the values' order: the order of previous person ids is the ids' order.
    await db.run(
      `create or replace table ${ident(`er_dict_${d}`)} as
       select (row_number() over (order by value) - 1)::integer as code, value
       from (select distinct ${ident(column)}::varchar as value from er_records where ${ident(column)} is not null)
       order by code`,
    );
  }
  const [counts] = await db.all<{ records: number; previous: number; had: number }>(
    `select (select count(*) from er_records)::integer as records,
            (select count(*) from er_dict_previous)::integer as previous,
            (select count(*) from er_previous)::integer as had`,
  );
  return { records: counts?.records ?? 0, previousCodes: counts?.previous ?? 0, hasPrevious: (counts?.had ?? 0) > 0 };
}

/** Every person id used before (the previous persons and those merged away): never handed out again. */
async function readReserved(db: DuckDb, used: PersonIdSet): Promise<void> {
  const parts: string[] = [];
  if (await tableExists(db, 'person_records')) parts.push('select person_id as id from person_records');
  if (await tableExists(db, 'person_id_history'))
    parts.push('select person_id from person_id_history', 'select other_person_id from person_id_history');
  if (parts.length === 0) return;
  const from = `from (${parts.join(' union all ')}) as u(id) where id is not null`;
  const [count] = await db.all<{ n: number }>(`select count(distinct id)::integer as n ${from}`);
  await forEachRow(db, `select distinct id ${from}`, (c, r) => used.add(String(c[0]![r])), count?.n ?? 0);
}

/** Writes the normal forms of each distinct text as the store meets it. */
async function outputListener(db: DuckDb): Promise<{ listener: StoreListener; writers: ChunkWriter[] }> {
  const names = await ChunkWriter.create(db, 'er_out_name', {
    code: 'integer',
    name_latin: 'varchar',
    name_key: 'varchar',
    alias_text: 'varchar',
    father_text: 'varchar',
  });
  const fathers = await ChunkWriter.create(db, 'er_out_father', { ref: 'integer', father_latin: 'varchar' });
  const addresses = await ChunkWriter.create(db, 'er_out_address', {
    code: 'integer',
    place: 'varchar',
    police_station_id: 'varchar',
    district_id: 'varchar',
  });
  const listener: StoreListener = {
    name(code, forms) {
      names.set(0, code);
      if (forms.name) {
        names.set(1, forms.name.text);
        names.set(2, forms.name.full);
        names.set(3, forms.alias);
        names.set(4, forms.father);
      }
      names.endRow();
    },
    father(ref, father) {
      fathers.set(0, ref);
      fathers.set(1, father?.text ?? null);
      fathers.endRow();
    },
    address(code, a) {
      addresses.set(0, code);
      addresses.set(1, a.place);
      addresses.set(2, a.policeStationId);
      addresses.set(3, a.districtId);
      addresses.endRow();
    },
  };
  return { listener, writers: [names, fathers, addresses] };
}

/**
 * Reads the dictionaries into the store: each text normalised once, its normal forms written
 * out by the listener's writers (closed at the end, before anything streams).
 */
async function readDictionaries(db: DuckDb, s: RecordStore, writers: ChunkWriter[]): Promise<void> {
  const adders: Partial<Record<Dictionary, (code: number, text: string) => void>> = {
    name: (c, x) => s.addName(c, x),
    alias: (c, x) => s.addAlias(c, x),
    father: (c, x) => s.addFather(c, x),
    address: (c, x) => s.addAddress(c, x),
    sex: (c, x) => s.addSex(c, x),
    district: (c, x) => s.addDistrict(c, x),
  };
  for (const [d, add] of Object.entries(adders))
    await forEachRowPaged(db, `er_dict_${d}`, 'code', (c, r) => add(c[0]![r] as number, c[1]![r] as string));
  for (const w of writers) w.close();
}

/**
 * Streams the records' codes into the store; `claims` (when given) gets each changed record's
 * previous person that its cluster may take back (-1: none), which the store does not keep.
 */
async function readRecords(
  db: DuckDb,
  s: RecordStore,
  records: number,
  claims?: Int32Array,
  seeds?: Uint8Array,
): Promise<void> {
  const code = (v: DuckDBValue): number => (v === null ? -1 : (v as number));
  const joins = Object.entries(dictionaries)
    .map(([d, column]) => `left join ${ident(`er_dict_${d}`)} as ${ident(d)} on ${ident(d)}.value = r.${ident(column)}`)
    .join('\n');
  const select = Object.keys(dictionaries).map((d) => `${ident(d)}.code as ${ident(d)}`);
  await forEachRow(
    db,
    `select r.idx, ${select.join(', ')}, r.age::integer as age, r.fir_year::integer as fir_year,
       (r.keep_person_id is null)::integer as claim, r.is_seed::integer as seed
     from er_records as r ${joins}
     order by r.idx`,
    (c, r) => {
      const i = s.addRecord({
        name: code(c[1]![r]!),
        alias: code(c[2]![r]!),
        father: code(c[3]![r]!),
        address: code(c[4]![r]!),
        sex: code(c[5]![r]!),
        district: code(c[6]![r]!),
        fir: code(c[7]![r]!),
        previous: c[11]![r] === 1 ? -1 : code(c[8]![r]!),
        age: c[9]![r] as number | null,
        firYear: c[10]![r] as number | null,
      });
      if (i !== c[0]![r]) throw new Error(`er_records: record ${String(c[0]![r])} read as ${i}`);
      if (claims) claims[i] = c[11]![r] === 1 ? code(c[8]![r]!) : -1;
      if (seeds) seeds[i] = c[12]![r] === 1 ? 1 : 0;
    },
    records,
  );
  s.seal();
}

/** The store of the encoded records (er_records, er_dict_*). */
export async function readStore(
  db: DuckDb,
  records: number,
  out: { listener: StoreListener; writers: ChunkWriter[] },
): Promise<RecordStore> {
  const s = new RecordStore(records, out.listener);
  await readDictionaries(db, s, out.writers);
  await readRecords(db, s, records);
  return s;
}

/** Statistics of the last resolution in this process (for `eval:er` and logs). */
export let lastResolveStats: ResolveStats | undefined;

type Options = Omit<ResolveOptions, 'previous' | 'reserved'> & {
  /** Past this share of new, changed or removed records a build resolves in full (default 0.1). */
  maxChangedShare?: number;
};

/** How a resolution runs: all records, or the new and changed ones against their neighbours. */
interface How {
  params?: ModelParameters;
  /** Compare only pairs with a new or changed record (er_accused's is_seed). */
  onlyNew?: boolean;
  frequencies?: (s: RecordStore) => Promise<TermFrequencies>;
}

type Lap = (name: string) => void;

/** The version and settings the model state must have been written with to be reused. */
function settingsOf(options: Options): string {
  const { threshold, window, maxYearSpan } = { ...defaultResolveOptions, ...options };
  return JSON.stringify({ version: resolutionVersion, threshold, window, maxYearSpan, rules: options.rules ?? null });
}

/**
 * Resolves the records of the view `er_accused` (previous persons: the view `er_previous`) and
 * inserts their rows into `target`.
 */
async function resolveInto(
  ctx: ModelContext,
  target: string,
  options: Options,
  how: How,
  lap: Lap,
): Promise<ResolveStats> {
  const db = ctx.db;
  const encoded = await encodeRecords(db);
  lap('encode');
  const out = await outputListener(db);
  const s = new RecordStore(encoded.records, out.listener);
  await readDictionaries(db, s, out.writers);
  lap('normalise');
  const claims = new Int32Array(encoded.records);
  const seeds = how.onlyNew ? new Uint8Array(encoded.records) : undefined;
  await readRecords(db, s, encoded.records, claims, seeds);
  lap('read');
  const frequencies = how.frequencies ? await how.frequencies(s) : undefined;
  const resolution = resolveStore(s, {
    ...options,
    incremental: (options.mode ?? 'incremental') === 'incremental' && encoded.hasPrevious,
    previousCodes: encoded.previousCodes,
    ...(how.params ? { params: how.params } : {}),
    ...(frequencies ? { frequencies } : {}),
    ...(seeds ? { onlyNew: seeds } : {}),
  });
  // A changed record's cluster that keeps no previous person takes back its record's (unless
  // another cluster keeps it): a corrected record that joins nobody keeps its id.
  const taken = new Uint8Array(Math.max(1, encoded.previousCodes));
  for (let i = 0; i < s.size; i++) {
    const k = resolution.kept[resolution.root[i] as number] as number;
    if (k >= 0) taken[k] = 1;
  }
  for (let i = 0; i < s.size; i++) {
    const c = claims[i] as number;
    const root = resolution.root[i] as number;
    if (c < 0 || taken[c] === 1 || (resolution.kept[root] as number) >= 0) continue;
    resolution.kept[root] = c;
    taken[c] = 1;
  }
  lap('resolve');
  const used = new PersonIdSet();
  await readReserved(db, used);

  // Per record: its cluster, the previous person it keeps, its normal forms and its link.
  const result = await ChunkWriter.create(db, 'er_result', {
    idx: 'integer',
    root: 'integer',
    person_previous: 'integer',
    name: 'integer',
    father: 'integer',
    father_key: 'integer',
    alias_key: 'integer',
    address: 'integer',
    sex: 'integer',
    birth_year: 'integer',
    linked_idx: 'integer',
    link_weight: 'double',
    link_probability: 'double',
    link_fields: 'varchar',
    link_reasons: 'varchar',
  });
  const ref = (v: number): number | null => (v < 0 ? null : v);
  for (let i = 0; i < s.size; i++) {
    const root = resolution.root[i] as number;
    result.set(0, i);
    result.set(1, root);
    result.set(2, ref(resolution.kept[root] as number));
    if (s.isNamed(i)) {
      result.set(3, s.nameOf(i));
      result.set(4, ref(s.fatherOf(i)));
      result.set(5, ref(s.fatherGivenOf(i)));
      result.set(6, ref(s.aliasOf(i)));
      result.set(7, ref(s.addressOf(i)));
      result.set(8, s.sexOfRecord(i) || null);
      result.set(9, s.birthYearOf(i) === noYear ? null : s.birthYearOf(i));
    }
    const link = resolution.linkOf(i);
    if (link) {
      result.set(10, link.other);
      result.set(11, round(link.weight, 3));
      result.set(12, round(link.probability, 6));
      result.set(
        13,
        link.reasons
          .filter((x) => x.weight > 0)
          .map((x) => x.field)
          .join(','),
      );
      result.set(14, JSON.stringify(link.reasons));
    }
    result.endRow();
  }
  result.close();
  const texts = await ChunkWriter.create(db, 'er_out_text', { id: 'integer', text: 'varchar' });
  s.strings.texts.forEach((text, id) => {
    texts.set(0, id);
    texts.set(1, text);
    texts.endRow();
  });
  texts.close();
  lap('write');

  // New persons: named in the order of their earliest record, from the hash of its anchor.
  const namer = new PersonNamer(resolution.root, resolution.kept, used);
  const [unnamed] = await db.all<{ n: number }>(
    'select count(*)::integer as n from er_result where person_previous is null',
  );
  await forEachRow(
    db,
    `select r.idx, ((('0x' || left(sha256(r.anchor), 13))::ubigint) >> 2)::double as id
     from er_records as r inner join er_result as x using (idx)
     where x.person_previous is null order by r.anchor`,
    (c, r) => namer.offerNumber(c[0]![r] as number, c[1]![r] as number),
    unnamed?.n ?? 0,
  );
  if (namer.pending.length > 0) {
    const pending = await ChunkWriter.create(db, 'er_pending', { idx: 'integer' });
    for (const i of namer.pending) {
      pending.set(0, i);
      pending.endRow();
    }
    pending.close();
    const anchors = await db.all<{ idx: number; anchor: string }>(
      'select idx, anchor from er_records where idx in (select idx from er_pending) order by anchor',
    );
    for (const a of anchors) namer.settle(a.idx, a.anchor);
  }
  const newIds = await ChunkWriter.create(db, 'er_new_ids', { root: 'integer', person_number: 'double' });
  namer.newId.forEach((id, root) => {
    if (!(id >= 0)) return;
    newIds.set(0, root);
    newIds.set(1, id);
    newIds.endRow();
  });
  newIds.close();
  lap('ids');

  await db.run(`insert into ${ident(target)} by name ${sql.output}`);
  lap('output');
  return resolution.stats;
}

export interface IncrementalPlan {
  params: ModelParameters;
  /** New and changed records (er_seeds). */
  seeds: number;
  removed: number;
  records: number;
}

/**
 * Whether this build can resolve only what changed (and the changed records in `er_seeds`), or
 * undefined with the reason logged: a full build, no previous table or state, other settings,
 * a state that is not the table's, or too much changed.
 */
/** The person_records the build starts from: there at all, and with the source hashes of this version. */
interface PreviousTable {
  exists: boolean;
  hashed: boolean;
}

async function planIncremental(
  ctx: ModelContext,
  options: Options,
  settings: string,
  previous: PreviousTable,
): Promise<IncrementalPlan | undefined> {
  const db = ctx.db;
  const full = (reason: string): undefined => {
    ctx.lake.log.info('person_records: resolving every record', { reason });
    return undefined;
  };
  if (ctx.full || options.mode === 'full') return full('full build');
  if (options.rules && options.rules.some((r) => !incrementalRules.includes(r.name)))
    return full('blocking rules the incremental resolution does not know');
  if (!previous.exists) return full('no previous person_records');
  if (!previous.hashed) return full('previous person_records has no source_hash');
  const state = await readState(ctx.lake);
  if (!state) return full('no model state');
  if (state.settings !== settings) return full('settings or version changed');
  const current = await assignmentDigest(db, 'person_records');
  if (current.digest !== state.digest || current.records !== state.records)
    return full('model state is not that of the previous person_records (a build failed after writing it)');
  await db.run(`create or replace table er_seeds as select record_id from er_diff where status in ('new', 'changed')`);
  const [counts] = await db.all<{ seeds: number; removed: number; records: number }>(
    `select (select count(*) from er_seeds)::integer as seeds,
            (select count(*) from er_diff where status = 'removed')::integer as removed,
            (select count(*) from er_diff where status <> 'removed')::integer as records`,
  );
  const plan = {
    params: state.params,
    seeds: counts?.seeds ?? 0,
    removed: counts?.removed ?? 0,
    records: counts?.records ?? 0,
  };
  const share = (plan.seeds + plan.removed) / Math.max(1, plan.records);
  if (share > (options.maxChangedShare ?? defaultMaxChangedShare))
    return full(`${plan.seeds} new or changed and ${plan.removed} removed records of ${plan.records}: too many`);
  return plan;
}

/** The incremental resolution (incremental.ts): seeds against the previous persons they may join. */
async function resolveChanged(
  ctx: ModelContext,
  staging: string,
  options: Options,
  plan: IncrementalPlan,
  lap: Lap,
): Promise<ResolveStats> {
  const db = ctx.db;
  // The seeds' blocking keys, from a store of the seeds alone.
  await db.run(
    'create or replace temp view er_accused as select *, true as is_seed from er_input semi join er_seeds using (record_id)',
  );
  await db.run(`create or replace temp view er_previous as ${noPrevious}`);
  const seedsEncoded = await encodeRecords(db);
  const seedStore = await readStore(db, seedsEncoded.records, { listener: {}, writers: [] });
  await writeKeyMappings(db);
  await writeCandidatePersons(
    db,
    seedKeys(seedStore, options.rules ?? blockingRules),
    options.window ?? defaultResolveOptions.window,
  );
  await db.run(
    `create or replace table er_subset as
     select record_id from er_seeds
     union
     select p.record_id from person_records as p
     where p.person_id in (select person_id from er_candidate_persons)
       and p.record_id in (select record_id from er_diff where status = 'same')`,
  );
  lap('candidates');
  await db.run(
    `create or replace temp view er_accused as
     select *, record_id in (select record_id from er_seeds) as is_seed from er_input semi join er_subset using (record_id)`,
  );
  await db.run(
    `create or replace temp view er_previous as
     select record_id, person_id, source_hash, name, alias, father_name, sex, age, address
     from person_records semi join er_subset using (record_id)`,
  );
  await db.run(`create or replace table er_resolved as select * from ${ident(staging)} limit 0`);
  const stats = await resolveInto(
    ctx,
    'er_resolved',
    { ...options, mode: 'incremental' },
    { params: plan.params, onlyNew: true, frequencies: (s) => frequenciesOver(db, s) },
    lap,
  );
  // The previous persons of the store's other records: kept, or merged into another by a seed.
  await db.run(
    `create or replace table er_person_map as
     select previous_person_id as old_id, any_value(person_id) as person_id
     from er_resolved
     where previous_person_id is not null and record_id not in (select record_id from er_seeds)
     group by previous_person_id`,
  );
  await db.run(
    `insert into ${ident(staging)} by name
     select * from er_resolved where record_id in (select record_id from er_seeds)`,
  );
  await db.run(
    `insert into ${ident(staging)} by name
     select p.* replace (coalesce(m.person_id, p.person_id) as person_id, p.person_id as previous_person_id)
     from person_records as p left join er_person_map as m on m.old_id = p.person_id
     where p.record_id in (select record_id from er_diff where status = 'same')`,
  );
  lap('merge');
  ctx.lake.log.info('resolved new and changed accused records against the previous persons', {
    seeds: plan.seeds,
    removed: plan.removed,
    storeRecords: stats.records,
    pairsScored: stats.pairsScored,
  });
  return stats;
}

export async function resolvePersonRecords(ctx: ModelContext, staging: string, options: Options = {}): Promise<void> {
  const db = ctx.db;
  const seconds: Record<string, number> = {};
  let t = performance.now();
  let cpu = process.cpuUsage();
  const lap = (name: string): void => {
    const now = performance.now();
    seconds[name] = (seconds[name] ?? 0) + (now - t) / 1000;
    t = now;
    const used = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    const m = process.memoryUsage();
    ctx.lake.log.debug('person_records step', {
      step: name,
      seconds: Math.round((seconds[name] ?? 0) * 10) / 10,
      cpuSeconds: Math.round((used.user + used.system) / 1e5) / 10,
      rssMb: Math.round(m.rss / 2 ** 20),
      heapMb: Math.round(m.heapUsed / 2 ** 20),
      arrayBuffersMb: Math.round(m.arrayBuffers / 2 ** 20),
    });
  };
  try {
    const settings = settingsOf(options);
    await db.run(`create or replace temp view er_input as ${sql.input}`);
    // Previous persons still held by an unchanged record (a changed record cannot take them back).
    const columns = await relationColumns(db, 'person_records');
    const previous: PreviousTable = { exists: columns.size > 0, hashed: columns.has('source_hash') };
    if (previous.hashed) await db.run(`create or replace table er_diff as ${sql.diff}`);
    await db.run(
      previous.hashed
        ? `create or replace temp view er_held as select person_id from er_diff where status = 'same'`
        : 'create or replace temp view er_held as select null::varchar as person_id where false',
    );
    const plan = await planIncremental(ctx, options, settings, previous);
    lap('plan');
    let stats: ResolveStats;
    if (plan) stats = await resolveChanged(ctx, staging, options, plan, lap);
    else {
      await db.run('create or replace temp view er_accused as select *, true as is_seed from er_input');
      await db.run(
        previous.exists
          ? `create or replace temp view er_previous as
             select record_id, person_id, ${previous.hashed ? 'source_hash' : 'null::bigint as source_hash'},
                    name, alias, father_name, sex, age, address
             from person_records`
          : `create or replace temp view er_previous as ${noPrevious}`,
      );
      stats = await resolveInto(ctx, staging, options, {}, lap);
    }
    // The state the next build resolves against; written before the table commits (see incremental.ts).
    const written = await assignmentDigest(db, staging);
    await writeState(ctx.lake, { settings, params: stats.params, ...written });
    lap('state');
    lastResolveStats = { ...stats, seconds: { ...seconds, ...stats.seconds } };
    ctx.lake.log.info('resolved accused records into persons', {
      incremental: plan !== undefined,
      records: stats.records,
      persons: stats.persons,
      pairsCompared: stats.pairsCompared,
      pairsScored: stats.pairsScored,
      links: stats.links,
    });
  } finally {
    for (const table of workTables) await db.run(`drop table if exists ${ident(table)}`);
    for (const view of workViews) await db.run(`drop view if exists ${ident(view)}`);
  }
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
