import { z } from 'zod';
import { col, defineTable } from '../../lake/contract.ts';
import { loadSql } from '../../lake/duckdb.ts';
import { arrests } from '../../ingestors/cctns/arrests.ts';
import { firAccused } from '../../ingestors/cctns/fir_accused.ts';
import { firs } from '../../ingestors/cctns/firs.ts';
import { seizures } from '../../ingestors/cctns/seizures.ts';
import { vehicles } from '../../ingestors/vehicles/vehicles.ts';
import type { Model } from '../models.ts';
import { optionalInputs } from '../reference-tables.ts';
import { coAccusedEdges } from './co_accused_edges.ts';
import { buildPerPerson, type PerPersonModel } from './person-builds.ts';
import { personRecords } from './person_records.ts';
import { persons } from './persons.ts';

/** The habitual-offender rule, as offender_profiles.sql applies it. */
export const habitualRule =
  '3 or more FIRs within any 5 years, or 2 or more charge-sheeted FIRs for violent, property, arms, NDPS or crimes against women';

/** The risk score, as offender_profiles.sql computes it (points, capped at 100). */
export const riskRule =
  'repeat offending +10 per FIR after the first (max +40); last FIR within 180 days of the newest FIR in the lake +20, within 365 days +10; ' +
  'any violent, crimes-against-women, arms or NDPS FIR +15; +5 per FIR under investigation (max +15); 3 or more co-accused +10; ' +
  '2 or more FIRs and never arrested +10';

export const offenderProfiles = defineTable({
  name: 'offender_profiles',
  description:
    'Offender profiles ("kundli"): per resolved person, names and aliases, father, age, addresses, FIR history, arrests, co-accused, vehicles, habitual flag and risk score',
  grain: 'one row per person (person_id)',
  key: ['person_id'],
  replaceKey: ['person_id'],
  partitionBy: [],
  schema: z.object({
    person_id: col.varchar('Person (joins persons, person_records)'),
    name: col.varchar('Name in Latin as most often recorded; personal data'),
    name_devanagari: col.opt.varchar('Name in Devanagari as most often recorded; personal data'),
    names: col.varchar('JSON array of every spelling recorded, most frequent first; personal data'),
    aliases: col.varchar('JSON array of aliases recorded; personal data'),
    father_name: col.opt.varchar("Father's name as most often recorded (Latin); personal data"),
    father_names: col.varchar("JSON array of every spelling of the father's name recorded; personal data"),
    sex: col.opt.varchar('M, F or T'),
    birth_year: col.opt.integer('Median birth year from the recorded ages'),
    age_band: col.opt.varchar('Age at the last FIR: under 18, 18-24, 25-34, 35-44, 45-59, 60+'),
    addresses: col.varchar('JSON array of addresses recorded, most frequent first; personal data'),
    home_district: col.opt.varchar('District of the address most often recorded (reference id)'),
    districts: col.varchar('JSON array of districts of the FIRs'),
    fir_count: col.integer('FIRs in which the person is accused'),
    crime_groups: col.varchar('JSON object crime group → FIRs'),
    first_offence_at: col.opt.timestamptz('Registration of the first FIR (UTC)'),
    last_offence_at: col.opt.timestamptz('Registration of the last FIR (UTC)'),
    arrest_count: col.integer('Arrests recorded (arrest register; else the accused rows marked arrested)'),
    charge_sheeted_count: col.integer('FIRs now charge-sheeted'),
    pending_count: col.integer('FIRs under investigation'),
    co_accused_count: col.integer('Distinct persons accused together with this one'),
    vehicles: col.varchar(
      'JSON array of vehicles linked through seizures in the FIRs, with the registration (maker and model, owner, whether the owner is this person by name)',
    ),
    vehicle_count: col.integer('Distinct vehicles linked'),
    is_habitual_offender: col.boolean(`Habitual offender: ${habitualRule}`),
    habitual_reason: col.opt.varchar('Which part of the habitual rule the person meets, with the figures'),
    risk_score: col.integer(`Risk score 0-100: ${riskRule}`),
    risk_reasons: col.varchar('JSON array of the reasons behind the risk score, each with its points'),
    input_fingerprint: col.varchar(
      "Digest of everything the person's row is computed from, so a build recomputes only the persons whose inputs changed",
    ),
  }),
});

const sql = loadSql(import.meta.url, 'offender_profiles.sql');

/** How the profiles are built: per bucket of persons, only the persons whose inputs changed (person-builds.ts). */
export const profilesBuild: PerPersonModel = {
  contract: offenderProfiles,
  sql,
  fingerprintSql: loadSql(import.meta.url, 'offender_profiles.fingerprints.sql'),
  // A profile gathers its person's values into ordered lists (names most seen first, vehicles…),
  // aggregates DuckDB holds in memory whole: about 2.5 kB a record at 1M FIRs.
  recordsPerBucket: 250_000,
};

export const offenderProfilesModel: Model = {
  contract: offenderProfiles,
  sql,
  run: async (ctx, staging) => {
    await buildPerPerson(ctx, staging, profilesBuild);
  },
  // The fingerprints are part of the output: a changed digest rebuilds (see person-builds.ts).
  settings: () => ({ fingerprintSql: profilesBuild.fingerprintSql }),
  inputs: [personRecords.name, persons.name, coAccusedEdges.name, firs.name, firAccused.name],
  optionalInputs: optionalInputs(arrests, seizures, vehicles),
};
