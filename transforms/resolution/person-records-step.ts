/**
 * The TS step of `person_records`: reads the accused records (person_records.sql), the previous
 * build's assignment (the lake's current `person_records`: the memory that keeps person ids
 * stable) and every id ever retired (`person_id_history`), resolves, and fills the staging table.
 */
import { loadSql, type DuckDb } from '../../lake/duckdb.ts';
import { StagingTable } from '../../lake/staging.ts';
import type { ModelContext } from '../models.ts';
import { personRecords } from '../marts/person_records.ts';
import type { AccusedRecord } from './features.ts';
import { resolve, type ResolveOptions, type ResolveStats } from './resolve.ts';

const inputSql = loadSql(import.meta.url, '../marts/person_records.sql');

/** An accused record with what the output row carries besides the resolver's input. */
interface InputRow extends AccusedRecord {
  month: string;
  registeredAt: Date | null;
}

export async function tableExists(db: DuckDb, name: string): Promise<boolean> {
  const rows = await db.all<{ n: number }>(
    `select count(*)::integer as n from information_schema.tables where table_name = $name`,
    { name },
  );
  return (rows[0]?.n ?? 0) > 0;
}

/** The accused records of the lake, in record id order (a rebuild sees them in the same order). */
export async function readAccusedRecords(db: DuckDb): Promise<InputRow[]> {
  const result = await db.connection.stream(`select * from (${inputSql}) order by record_id`);
  const names = result.columnNames();
  const at = (n: string): number => {
    const i = names.indexOf(n);
    if (i < 0) throw new Error(`person_records.sql: no column ${n}`);
    return i;
  };
  const c = {
    recordId: at('record_id'),
    firId: at('fir_id'),
    accusedNumber: at('accused_number'),
    district: at('district'),
    month: at('month'),
    firYear: at('fir_year'),
    registeredAt: at('registered_at'),
    name: at('name'),
    alias: at('alias'),
    fatherName: at('father_name'),
    sex: at('sex'),
    age: at('age'),
    address: at('address'),
  };
  const out: InputRow[] = [];
  const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
  const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
  for await (const rows of result.yieldRowsJs()) {
    for (const r of rows) {
      out.push({
        recordId: String(r[c.recordId]),
        firId: String(r[c.firId]),
        accusedNumber: Number(r[c.accusedNumber]),
        district: String(r[c.district]),
        month: String(r[c.month]),
        firYear: num(r[c.firYear]),
        registeredAt: (r[c.registeredAt] as Date | null) ?? null,
        name: str(r[c.name]) ?? '',
        alias: str(r[c.alias]),
        fatherName: str(r[c.fatherName]),
        sex: str(r[c.sex]),
        age: num(r[c.age]),
        address: str(r[c.address]),
      });
    }
  }
  return out;
}

/** The previous build's record → person, and every person id used before (to never reuse one). */
export async function readMemory(db: DuckDb): Promise<{ previous: Map<string, string>; reserved: Set<string> }> {
  const previous = new Map<string, string>();
  const reserved = new Set<string>();
  if (await tableExists(db, 'person_records')) {
    const result = await db.connection.stream(`select record_id, person_id from person_records`);
    for await (const rows of result.yieldRowsJs()) {
      for (const r of rows) {
        previous.set(String(r[0]), String(r[1]));
        reserved.add(String(r[1]));
      }
    }
  }
  if (await tableExists(db, 'person_id_history')) {
    for (const r of await db.all<{ id: string }>(
      `select person_id as id from person_id_history union select other_person_id from person_id_history`,
    ))
      if (r.id) reserved.add(r.id);
  }
  return { previous, reserved };
}

/** Statistics of the last resolution in this process (for `eval:er` and logs). */
export let lastResolveStats: ResolveStats | undefined;

export async function resolvePersonRecords(
  ctx: ModelContext,
  staging: string,
  options: Omit<ResolveOptions, 'previous' | 'reserved'> = {},
): Promise<void> {
  const records = await readAccusedRecords(ctx.db);
  const memory = await readMemory(ctx.db);
  const result = resolve(records, { ...options, previous: memory.previous, reserved: memory.reserved });
  lastResolveStats = result.stats;
  ctx.lake.log.info('resolved accused records into persons', {
    records: result.stats.records,
    persons: result.stats.persons,
    pairsCompared: result.stats.pairsCompared,
    links: result.stats.links,
  });
  const table = await StagingTable.create(ctx.db, personRecords, staging);
  try {
    records.forEach((r, i) => {
      const res = result.records[i]!;
      const f = result.features[i];
      const linked = res.linkedTo >= 0 ? records[res.linkedTo]!.recordId : null;
      table.append({
        record_id: r.recordId,
        person_id: res.personId,
        fir_id: r.firId,
        accused_number: r.accusedNumber,
        district: r.district,
        month: r.month,
        registered_at: r.registeredAt,
        name: r.name,
        name_latin: f?.name.text ?? null,
        name_key: f?.name.full ?? null,
        alias: r.alias ?? f?.aliasText ?? null,
        father_name: r.fatherName ?? f?.fatherText ?? null,
        father_name_latin: f?.father?.text ?? null,
        father_key: f?.fatherGiven || null,
        alias_key: f?.alias || null,
        sex: f?.sex ?? null,
        age: r.age,
        birth_year: f?.birthYear ?? null,
        address: r.address,
        place: f?.place ?? null,
        home_police_station_id: f?.policeStationId ?? null,
        home_district: f?.homeDistrictId ?? null,
        linked_record_id: linked,
        link_weight: res.linkWeight === null ? null : round(res.linkWeight, 3),
        link_probability: res.linkProbability === null ? null : round(res.linkProbability, 6),
        link_fields: linked
          ? res.linkReasons
              .filter((x) => x.weight > 0)
              .map((x) => x.field)
              .join(',')
          : null,
        link_reasons: linked ? JSON.stringify(res.linkReasons) : null,
        previous_person_id: res.previousPersonId,
      });
    });
  } finally {
    table.close();
  }
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
