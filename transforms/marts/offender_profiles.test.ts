import { describe, expect, it } from 'vitest';
import { arrests } from '../../ingestors/cctns/arrests.ts';
import { firAccused } from '../../ingestors/cctns/fir_accused.ts';
import { firs } from '../../ingestors/cctns/firs.ts';
import { seizures } from '../../ingestors/cctns/seizures.ts';
import { vehicles } from '../../ingestors/vehicles/vehicles.ts';
import { createTableSql } from '../../lake/contract.ts';
import { withDuckDb, type DuckDb } from '../../lake/duckdb.ts';
import { coAccusedEdges } from './co_accused_edges.ts';
import { offenderProfiles, offenderProfilesModel, profilesBuild } from './offender_profiles.ts';
import { computePersons } from './person-builds.ts';
import { personRecords } from './person_records.ts';
import { persons } from './persons.ts';
import { tableOf } from './person_records.fixtures.ts';

/** Two persons accused together in one FIR, one of them in two more, with arrests, a seized vehicle and its registration. */
async function profileInputs(db: DuckDb): Promise<void> {
  const fir = (fir_id: string, at: string, crime_group: string, status: string) => ({
    fir_id,
    registered_at: at,
    crime_group,
    status,
    district: 'Jaunpur',
    month: at.slice(0, 7),
    police_station: 'Line Bazar',
    police_station_id: 'jaunpur-line-bazar',
    is_known_police_station: true,
    fir_number: fir_id,
    fir_year: 2024,
    acts_sections: 'BNS 303(2)',
  });
  await tableOf(db, firs, [
    fir('f1', '2024-01-10T00:00:00Z', 'property', 'charge_sheeted'),
    fir('f2', '2024-05-10T00:00:00Z', 'violent', 'under_investigation'),
    fir('f3', '2024-12-10T00:00:00Z', 'property', 'charge_sheeted'),
  ]);
  const rec = (fir_id: string, person_id: string, n: number, name: string, at: string) => ({
    record_id: `${fir_id}#${n}`,
    person_id,
    fir_id,
    accused_number: n,
    district: 'Jaunpur',
    month: at.slice(0, 7),
    registered_at: at,
    name,
    alias: person_id === 'P1' && fir_id === 'f2' ? 'Raju' : null,
    address: 'Gram Rampur, Thana Line Bazar, Jaunpur',
  });
  await tableOf(db, personRecords, [
    rec('f1', 'P1', 1, 'Rajesh Yadav', '2024-01-10T00:00:00Z'),
    rec('f2', 'P1', 1, 'राजेश यादव', '2024-05-10T00:00:00Z'),
    rec('f3', 'P1', 1, 'Rajesh Yadav', '2024-12-10T00:00:00Z'),
    rec('f3', 'P2', 2, 'Sonu Pal', '2024-12-10T00:00:00Z'),
  ]);
  await tableOf(db, persons, [
    { person_id: 'P1', name: 'Rajesh Yadav', birth_year: 1994, record_count: 3, fir_count: 3 },
    { person_id: 'P2', name: 'Sonu Pal', birth_year: 2000, record_count: 1, fir_count: 1 },
  ]);
  await tableOf(db, coAccusedEdges, [{ person_id: 'P1', co_accused_person_id: 'P2', fir_count: 1, fir_ids: '["f3"]' }]);
  const acc = (fir_id: string, n: number, is_arrested: boolean) => ({
    fir_id,
    accused_number: n,
    is_arrested,
    district: 'Jaunpur',
    month: '2024-01',
    name: 'x',
    batch_id: 'b',
    source_file: 's',
    ingested_at: '2024-12-31T00:00:00Z',
  });
  await tableOf(db, firAccused, [acc('f1', 1, true), acc('f2', 1, false), acc('f3', 1, false), acc('f3', 2, true)]);
  await tableOf(db, arrests, [
    {
      fir_id: 'f1',
      accused_number: 1,
      arrested_at: '2024-01-11T00:00:00Z',
      district: 'Jaunpur',
      month: '2024-01',
      name: 'x',
    },
  ]);
  await tableOf(db, seizures, [
    {
      fir_id: 'f3',
      seizure_number: 1,
      property_type: 'vehicle',
      registration_number: 'UP 62 AB 1234',
      district: 'Jaunpur',
      month: '2024-12',
    },
  ]);
  await tableOf(db, vehicles, [
    {
      registration_number: 'UP62AB1234',
      rto_code: 'UP62',
      plate_text: 'UP62AB1234',
      is_plate_valid: true,
      plate_repaired: false,
      owner_name: 'RAJESH YADAV',
      maker_model: 'Hero Splendor',
    },
  ]);
}

describe('offender_profiles', () => {
  it('builds the profile: history, cases, arrests, co-accused, vehicles, habitual flag and risk', async () => {
    const rows = await withDuckDb(undefined, async (db) => {
      await profileInputs(db);
      return db.all<Record<string, unknown>>(`select * from (${offenderProfilesModel.sql}) where person_id = 'P1'`);
    });
    const p = rows[0]!;
    expect(p).toMatchObject({
      name: 'Rajesh Yadav',
      names: '["Rajesh Yadav","राजेश यादव"]',
      aliases: '["Raju"]',
      fir_count: 3,
      crime_groups: '{"property":2,"violent":1}',
      arrest_count: 1,
      charge_sheeted_count: 2,
      pending_count: 1,
      co_accused_count: 1,
      vehicle_count: 1,
      is_habitual_offender: true,
      habitual_reason: '3 FIRs within 5 years',
      age_band: '25-34',
    });
    expect(JSON.parse(String(p.vehicles))).toEqual([
      {
        registration_number: 'UP62AB1234',
        source: 'seizure',
        fir_id: 'f3',
        maker_model: 'Hero Splendor',
        registered_owner: 'RAJESH YADAV',
        is_owner_by_name: true,
      },
    ]);
    // 3 FIRs +20, last FIR is the newest +20, a violent FIR +15, one under investigation +5.
    expect(p.risk_score).toBe(60);
    expect(JSON.parse(String(p.risk_reasons))).toEqual([
      '3 FIRs (+20)',
      'last FIR on 2024-12-10 (+20)',
      'violent, crimes against women, arms or NDPS FIR (+15)',
      '1 FIRs under investigation (+5)',
    ]);
  });

  it('gives the same rows built one bucket of persons at a time', async () => {
    await withDuckDb(undefined, async (db) => {
      await profileInputs(db);
      await db.run(createTableSql('bucketed', offenderProfiles, false));
      await computePersons(db, 'bucketed', { ...profilesBuild, recordsPerBucket: 1 }, {}); // 4 buckets
      const [counts] = await db.all<{ n: number; buckets: number }>(
        `select count(*)::integer as n, count(distinct hash(person_id) % 4)::integer as buckets from bucketed`,
      );
      expect(counts).toEqual({ n: 2, buckets: 2 });
      const differing = await db.all(
        `(select * exclude (input_fingerprint) from bucketed except all select * from (${offenderProfilesModel.sql}))
         union all
         (select * from (${offenderProfilesModel.sql}) except all select * exclude (input_fingerprint) from bucketed)`,
      );
      expect(differing).toEqual([]);
      // The variables are gone after the build: the SQL computes every person again.
      expect(await db.all(`select person_id from (${offenderProfilesModel.sql}) order by 1`)).toEqual([
        { person_id: 'P1' },
        { person_id: 'P2' },
      ]);
    });
  });
});
