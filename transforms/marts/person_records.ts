import { z } from 'zod';
import { col, defineTable } from '../../lake/contract.ts';
import { firAccused } from '../../ingestors/cctns/fir_accused.ts';
import { firs } from '../../ingestors/cctns/firs.ts';
import type { Model } from '../models.ts';
import { resolvePersonRecords } from '../resolution/person-records-step.ts';
import { defaultResolveOptions, resolutionVersion } from '../resolution/resolve.ts';

export const personRecords = defineTable({
  name: 'person_records',
  description:
    'Accused records of FIRs resolved into persons (entity resolution across spellings, scripts, aliases), each with the link that put it there',
  grain: 'one row per FIR and accused number (a fir_accused row)',
  key: ['record_id'],
  replaceKey: ['record_id'],
  partitionBy: ['district'],
  schema: z.object({
    record_id: col.varchar('Record: <fir_id>#<accused_number>'),
    person_id: col.varchar('Resolved person (joins persons, offender_profiles); stable across rebuilds'),
    fir_id: col.varchar('FIR (joins firs)'),
    accused_number: col.integer('Accused number within the FIR'),
    district: col.varchar('District of the FIR; Hive partition'),
    month: col.varchar('Month of FIR registration in IST, YYYY-MM'),
    registered_at: col.opt.timestamptz('When the FIR was registered (UTC)'),
    name: col.varchar('Name as recorded (Devanagari or Latin); personal data'),
    name_latin: col.opt.varchar(
      'Name in plain Latin: Devanagari transliterated, honorifics dropped, "Mohd."/"Kr." expanded, a "s/o …" or "alias …" tail moved out',
    ),
    name_key: col.opt.varchar(
      'Folded name: the Latin name with spelling variants folded (vowel length, aspirates, v/w/b, sh/s, z/j, a trailing a) and a middle "Kumar" dropped; what search and resolution compare',
    ),
    alias: col.opt.varchar('Alias as recorded, or taken from the name ("X alias Y", "X उर्फ Y"); personal data'),
    father_name: col.opt.varchar('Father\'s name as recorded, or taken from the name ("X s/o Y"); personal data'),
    father_name_latin: col.opt.varchar("Father's name in plain Latin"),
    father_key: col.opt.varchar("Father's given names folded (without the family surname the accused shares)"),
    alias_key: col.opt.varchar('Alias folded'),
    sex: col.opt.varchar('M, F or T'),
    age: col.opt.integer('Age recorded in this FIR'),
    birth_year: col.opt.integer('Year of the FIR minus the age'),
    address: col.opt.varchar('Address as recorded; personal data'),
    place: col.opt.varchar('Village or mohalla of the address, in Latin'),
    home_police_station_id: col.opt.varchar('Police station named in the address (reference id), when known'),
    home_district: col.opt.varchar('District named in the address (reference id), when known'),
    linked_record_id: col.opt.varchar(
      'The record this one is linked to by its strongest accepted link (null: no link, a person of one record)',
    ),
    link_weight: col.opt.double('Match weight of that link: log2 of the odds that the two are one person'),
    link_probability: col.opt.double('Match probability of that link, 0-1 (a link needs 0.95)'),
    link_fields: col.opt.varchar('Fields that agreed in that link (positive weight), comma-separated'),
    link_reasons: col.opt.varchar('JSON array of {field, level, weight} for every field compared in that link'),
    previous_person_id: col.opt.varchar('Person of this record in the previous build (null: a new record)'),
    source_hash: col.bigint(
      "Hash of the record's source fields (fir_accused and the FIR's year and time): the next build re-resolves only records whose hash changed",
    ),
  }),
});

export const personRecordsModel: Model = {
  contract: personRecords,
  inputs: [firAccused.name, firs.name],
  run: (ctx, staging) => resolvePersonRecords(ctx, staging),
  // The resolution's code lives in transforms/resolution: a change of its settings or version rebuilds.
  settings: () => ({ ...defaultResolveOptions, version: resolutionVersion }),
};
