/**
 * Offender-profile lookups for investigators: search by name (either script, fuzzy, ranked), by
 * FIR and by vehicle; show one profile with its FIR timeline and co-accused. Plain functions over
 * a DuckDB session with the lake attached, so the CLI, a service or an audited wrapper can call
 * them alike. The SQL is in queries/profile_*.sql.
 */
import { loadSql, tableExists, type DuckDb } from '../../lake/duckdb.ts';
import { firIdOf, stationIdentity } from '../../reference/range.ts';
import { compactPlateText, normalisePlate } from '../../reference/plates.ts';
import { fatherOf } from './features.ts';
import { normaliseName, splitNameField } from './normalise.ts';

const sql = {
  searchName: loadSql(import.meta.url, '../../queries/profile_search_name.sql'),
  searchFir: loadSql(import.meta.url, '../../queries/profile_search_fir.sql'),
  searchVehicle: loadSql(import.meta.url, '../../queries/profile_search_vehicle.sql'),
  show: loadSql(import.meta.url, '../../queries/profile_show.sql'),
  timeline: loadSql(import.meta.url, '../../queries/profile_timeline.sql'),
  coAccused: loadSql(import.meta.url, '../../queries/profile_co_accused.sql'),
  successor: loadSql(import.meta.url, '../../queries/profile_successor.sql'),
};

/** The tables the lookups read: attach these (e.g. `attachLake(db, lake, { mentionedIn })`). */
export const lookupTables = [
  'persons',
  'person_records',
  'offender_profiles',
  'co_accused_edges',
  'person_id_history',
  'firs',
  'seizures',
] as const;

export class LookupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LookupError';
  }
}

async function requireTables(db: DuckDb, names: readonly string[]): Promise<void> {
  for (const name of names) {
    if (!(await tableExists(db, name)))
      throw new LookupError(`the lake has no ${name} table yet: run \`crimelake transform\` after ingesting CCTNS`);
  }
}

export type Row = Record<string, unknown>;

export interface NameQuery {
  /** The folded name searched for. */
  nameKey: string;
  firstKey: string;
  fatherKey: string;
}

/** The comparable form of a typed name: "राजेश कुमार यादव", "Rajesh Yadav s/o Ram Prasad", "Raju". */
export function nameQuery(text: string): NameQuery {
  const split = splitNameField(text);
  const name = normaliseName(split.name);
  if (!name) throw new LookupError(`no name to search for in "${text}"`);
  const father = split.father ? fatherOf(split.father) : null;
  return { nameKey: name.full, firstKey: name.first, fatherKey: father?.full ?? '' };
}

export async function searchByName(
  db: DuckDb,
  text: string,
  options: { limit?: number; minScore?: number } = {},
): Promise<Row[]> {
  await requireTables(db, ['persons', 'person_records']);
  const q = nameQuery(text);
  return db.all(sql.searchName, {
    name_key: q.nameKey,
    first_key: q.firstKey,
    father_key: q.fatherKey,
    min_score: options.minScore ?? 0.85,
    limit: options.limit ?? 20,
  });
}

export interface FirReference {
  district: string;
  policeStation: string;
  firNumber: string;
  firYear: number;
}

/** `district/thana/number/year`, e.g. `Varanasi/Kotwali/0123/2024` (names in either script). */
export function parseFirReference(text: string): FirReference {
  const parts = text.split('/').map((p) => p.trim());
  const [district, policeStation, firNumber, year] = parts;
  if (parts.length !== 4 || !district || !policeStation || !firNumber || !year || !/^\d{4}$/.test(year))
    throw new LookupError(`expected district/thana/number/year (e.g. Varanasi/Kotwali/0123/2024), got "${text}"`);
  return { district, policeStation, firNumber, firYear: Number(year) };
}

/** The FIR's id as the CCTNS ingest builds it. */
export function firIdOfReference(ref: FirReference): string {
  const station = stationIdentity(ref.district, ref.policeStation);
  return firIdOf(station.police_station_id, ref.firYear, ref.firNumber).fir_id;
}

export async function searchByFir(db: DuckDb, ref: FirReference): Promise<Row[]> {
  await requireTables(db, ['persons', 'person_records']);
  return db.all(sql.searchFir, { fir_id: firIdOfReference(ref) });
}

/** Canonical registration number of a typed plate (UP 65 AB 1234, up65ab1234, UP-65-AB-1234). */
export function registrationNumberOf(text: string): string {
  return normalisePlate(text).registrationNumber ?? compactPlateText(text);
}

export async function searchByVehicle(db: DuckDb, plate: string): Promise<Row[]> {
  await requireTables(db, ['persons', 'person_records', 'seizures']);
  return db.all(sql.searchVehicle, { registration_number: registrationNumberOf(plate) });
}

export interface PersonView {
  /** The id asked for, when it was merged into another (the profile shown is that one). */
  mergedFrom: string | null;
  profile: Row;
  timeline: Row[];
  coAccused: Row[];
}

/** A profile with its FIR timeline and co-accused; a merged-away id leads to its successor. */
export async function showPerson(db: DuckDb, personId: string): Promise<PersonView | null> {
  await requireTables(db, ['offender_profiles', 'person_records', 'co_accused_edges', 'firs']);
  let id = personId;
  let mergedFrom: string | null = null;
  const seen = new Set<string>();
  for (;;) {
    const [profile] = await db.all(sql.show, { person_id: id });
    if (profile) {
      const timeline = await db.all(sql.timeline, { person_id: id });
      const coAccused = await db.all(sql.coAccused, { person_id: id });
      return { mergedFrom, profile, timeline, coAccused };
    }
    if (seen.has(id) || !(await tableExists(db, 'person_id_history'))) return null;
    seen.add(id);
    const [next] = await db.all<{ other_person_id: string }>(sql.successor, { person_id: id });
    if (!next) return null;
    mergedFrom = mergedFrom ?? personId;
    id = next.other_person_id;
  }
}
