import { contractOf } from '../../schemas/tables.ts';
import { parseAccessConfig, type AccessConfig } from '../../lake/access.ts';
import { withDuckDb } from '../../lake/duckdb.ts';
import { writeTable } from '../../lake/table-writer.ts';
import { localLake, type TestLake } from './lakes.ts';
import { inputTable } from './model-tables.ts';

/**
 * A small lake for access tests: accused in Jaunpur and Ghazipur, their FIRs, and a vehicle,
 * plus users of every role and their tokens (in the env record, as a deployment would set them).
 */
export interface AccessLake extends TestLake {
  access: AccessConfig;
  tokens: { analyst: string; investigator: string; admin: string };
}

const lineage = { batch_id: 'b1', source_file: 'fixture.csv', source_line: 1, ingested_at: '2025-06-01T00:00:00Z' };

export const accessUsersYaml = `users:
  - name: asha
    role: analyst
  - name: vikram
    role: investigator
    districts: [Jaunpur]
  - name: root
    role: admin
`;

export async function accessLake(): Promise<AccessLake> {
  const t = localLake();
  const tables: Record<string, Record<string, string | number | boolean | null>[]> = {
    firs: [
      {
        fir_id: 'JNP-1',
        district: 'Jaunpur',
        month: '2025-06',
        police_station: 'Kotwali',
        police_station_id: 'jaunpur-kotwali',
        is_known_police_station: true,
        fir_number: '1',
        fir_year: 2025,
        registered_at: '2025-06-02T05:00:00Z',
        crime_head_id: 'theft',
        crime_group: 'property',
        status: 'open',
        brief_facts: 'राम कुमार ने मोटरसाइकिल चुराई',
        ...lineage,
      },
      {
        fir_id: 'GZP-1',
        district: 'Ghazipur',
        month: '2025-06',
        police_station: 'Kotwali',
        police_station_id: 'ghazipur-kotwali',
        is_known_police_station: true,
        fir_number: '1',
        fir_year: 2025,
        registered_at: '2025-06-03T05:00:00Z',
        crime_head_id: 'theft',
        crime_group: 'property',
        status: 'open',
        brief_facts: 'Shyam Lal stole a buffalo',
        ...lineage,
      },
    ],
    fir_accused: [
      {
        fir_id: 'JNP-1',
        district: 'Jaunpur',
        month: '2025-06',
        accused_number: 1,
        name: 'राम कुमार',
        alias: 'Ramu',
        father_name: 'Shiv Kumar',
        sex: 'M',
        age: 30,
        address: 'Mohalla Sipah',
        is_arrested: false,
        ...lineage,
      },
      {
        fir_id: 'GZP-1',
        district: 'Ghazipur',
        month: '2025-06',
        accused_number: 1,
        name: 'Shyam Lal',
        alias: null,
        father_name: 'Mohan Lal',
        sex: 'M',
        age: 41,
        address: 'Saidpur',
        is_arrested: false,
        ...lineage,
      },
    ],
    persons: [
      {
        person_id: 'PJAUNPUR001',
        name: 'Ram Kumar',
        name_devanagari: 'राम कुमार',
        father_name: 'Shiv Kumar',
        sex: 'M',
        birth_year: 1995,
        home_district: 'jaunpur',
        record_count: 1,
        fir_count: 1,
        first_registered_at: '2025-06-02T05:00:00Z',
        last_registered_at: '2025-06-02T05:00:00Z',
      },
      {
        person_id: 'PGHAZIPUR01',
        name: 'Shyam Lal',
        name_devanagari: null,
        father_name: 'Mohan Lal',
        sex: 'M',
        birth_year: 1984,
        home_district: 'ghazipur',
        record_count: 1,
        fir_count: 1,
        first_registered_at: '2025-06-03T05:00:00Z',
        last_registered_at: '2025-06-03T05:00:00Z',
      },
    ],
    person_records: [
      {
        record_id: 'JNP-1#1',
        person_id: 'PJAUNPUR001',
        fir_id: 'JNP-1',
        accused_number: 1,
        district: 'Jaunpur',
        month: '2025-06',
        registered_at: '2025-06-02T05:00:00Z',
        name: 'राम कुमार',
        name_latin: 'ram kumar',
        name_key: 'ram kumar',
        alias: 'Ramu',
        father_name: 'Shiv Kumar',
        father_name_latin: 'shiv kumar',
        father_key: 'shiv kumar',
        alias_key: 'ramu',
        sex: 'M',
        age: 30,
        birth_year: 1995,
        address: 'Mohalla Sipah',
        home_district: 'jaunpur',
      },
      {
        record_id: 'GZP-1#1',
        person_id: 'PGHAZIPUR01',
        fir_id: 'GZP-1',
        accused_number: 1,
        district: 'Ghazipur',
        month: '2025-06',
        registered_at: '2025-06-03T05:00:00Z',
        name: 'Shyam Lal',
        name_latin: 'shyam lal',
        name_key: 'shyam lal',
        alias: null,
        father_name: 'Mohan Lal',
        father_name_latin: 'mohan lal',
        father_key: 'mohan lal',
        alias_key: null,
        sex: 'M',
        age: 41,
        birth_year: 1984,
        address: 'Saidpur',
        home_district: 'ghazipur',
      },
    ],
    offender_profiles: [
      {
        person_id: 'PJAUNPUR001',
        name: 'Ram Kumar',
        name_devanagari: 'राम कुमार',
        names: '["राम कुमार"]',
        aliases: '["Ramu"]',
        father_name: 'Shiv Kumar',
        father_names: '["Shiv Kumar"]',
        sex: 'M',
        birth_year: 1995,
        age_band: '25-34',
        addresses: '["Mohalla Sipah"]',
        home_district: 'jaunpur',
        districts: '["Jaunpur"]',
        fir_count: 1,
        crime_groups: '{"property":1}',
        first_offence_at: '2025-06-02T05:00:00Z',
        last_offence_at: '2025-06-02T05:00:00Z',
        arrest_count: 0,
        charge_sheeted_count: 0,
        pending_count: 1,
        co_accused_count: 0,
        vehicles: '[]',
        vehicle_count: 0,
        is_habitual_offender: false,
        habitual_reason: null,
        risk_score: 1,
        risk_reasons: '[]',
      },
      {
        person_id: 'PGHAZIPUR01',
        name: 'Shyam Lal',
        name_devanagari: null,
        names: '["Shyam Lal"]',
        aliases: '[]',
        father_name: 'Mohan Lal',
        father_names: '["Mohan Lal"]',
        sex: 'M',
        birth_year: 1984,
        age_band: '35-44',
        addresses: '["Saidpur"]',
        home_district: 'ghazipur',
        districts: '["Ghazipur"]',
        fir_count: 1,
        crime_groups: '{"property":1}',
        first_offence_at: '2025-06-03T05:00:00Z',
        last_offence_at: '2025-06-03T05:00:00Z',
        arrest_count: 0,
        charge_sheeted_count: 0,
        pending_count: 1,
        co_accused_count: 0,
        vehicles: '[]',
        vehicle_count: 0,
        is_habitual_offender: false,
        habitual_reason: null,
        risk_score: 1,
        risk_reasons: '[]',
      },
    ],
    co_accused_edges: [
      {
        person_id: 'PJAUNPUR001',
        co_accused_person_id: 'PJAUNPUR001',
        fir_count: 0,
        first_together_at: '2025-06-02T05:00:00Z',
        last_together_at: '2025-06-02T05:00:00Z',
        fir_ids: '[]',
      },
    ],
    vehicles: [
      {
        registration_number: 'UP62AB1234',
        rto_code: 'UP62',
        state_code: 'UP',
        plate_text: 'UP62AB1234',
        plate_display: 'UP 62 AB 1234',
        is_plate_valid: true,
        plate_repaired: false,
        owner_name: 'RAM KUMAR',
        vehicle_class: 'motorcycle',
        maker_model: 'Hero Splendor',
        chassis_number: 'CH1',
        engine_number: 'EN1',
        registered_on: '2020-01-01',
        ...lineage,
      },
    ],
  };
  await withDuckDb(t.config, async (db) => {
    for (const [name, rows] of Object.entries(tables)) {
      const contract = contractOf(name);
      if (!contract) throw new Error(`no contract ${name}`);
      await inputTable(db, contract, rows);
      await writeTable({ lake: t.lake, db, contract, incoming: name, batchId: `fixture-${name}` });
    }
  });
  const tokens = {
    analyst: 'analyst-token-0123456789',
    investigator: 'investigator-token-0123456789',
    admin: 'admin-token-0123456789',
  };
  const env = {
    ...t.env,
    CRIMELAKE_TOKEN_ASHA: tokens.analyst,
    CRIMELAKE_TOKEN_VIKRAM: tokens.investigator,
    CRIMELAKE_TOKEN_ROOT: tokens.admin,
  };
  return { ...t, env, access: parseAccessConfig(accessUsersYaml), tokens };
}
