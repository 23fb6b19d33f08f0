import { z } from 'zod';
import { col, defineTable } from '../../lake/contract.ts';
import { lexiconFile, loadLexicon, matchForm, type Lexicon } from '../../reference/lexicon.ts';
import { districts, findDistrict, findPoliceStation, policeStations } from '../../reference/range.ts';
import type { ModelContext } from '../models.ts';
import { fillStaging } from '../reference-tables.ts';
import type { Model } from '../models.ts';

export const placeKinds = ['district', 'police_station', 'locality'] as const;

export const placeNames = defineTable({
  name: 'place_names',
  description:
    'Spellings of district, thana and locality names (Devanagari and Latin) that posts are attributed by, from reference/range.ts and reference/lexicon.yaml',
  grain: 'one row per place and spelling (match key)',
  key: ['place_kind', 'place_id', 'match_key'],
  replaceKey: ['place_kind', 'place_id', 'match_key'],
  partitionBy: [],
  schema: z.object({
    place_kind: col.varchar(`What the name names: ${placeKinds.join(', ')} (a locality lies within one thana)`),
    place_id: col.varchar(
      'district_id of a district; police_station_id of a thana; <police_station_id>|<name> of a locality',
    ),
    name: col.varchar('The name as the reference data writes it'),
    match_key: col.varchar(
      'The name in match form (lower case, nukta and chandrabindu folded) with spaces removed: a post matches when consecutive words of its text, joined, equal it',
    ),
    district: col.varchar('District (English name)'),
    district_id: col.varchar('District id'),
    police_station_id: col.opt.varchar('Police station the name places a post in (null for a district)'),
    police_station: col.opt.varchar('That police station in English'),
    needs_context: col.boolean(
      "Whether the name is an everyday word or common elsewhere (lexicon places.contextOnly): it counts only beside a station or police word (थाना, PS, police) or when the post also names the thana's district",
    ),
  }),
});

export type PlaceNameRow = z.output<typeof placeNames.schema>;

export class PlaceNamesError extends Error {
  constructor(field: string, message: string) {
    super(`reference/lexicon.yaml: ${field}: ${message}`);
    this.name = 'PlaceNamesError';
  }
}

const keyOf = (name: string) => matchForm(name).replaceAll(' ', '');

/** Every spelling of every district, thana and locality, keyed by match form. */
export function placeNameRows(lexicon: Lexicon): PlaceNameRow[] {
  const contextOnly = new Set(lexicon.places.contextOnly.map(keyOf));
  const districtName = new Map(districts.map((d) => [d.districtId, d.nameEn]));
  const rows = new Map<string, PlaceNameRow>();
  const add = (row: Omit<PlaceNameRow, 'match_key' | 'needs_context'>, isStation: boolean) => {
    const match_key = keyOf(row.name);
    if (match_key === '') return;
    const id = `${row.place_kind}|${row.place_id}|${match_key}`;
    if (rows.has(id)) return; // the same spelling twice (English name = alias)
    rows.set(id, { ...row, match_key, needs_context: isStation && contextOnly.has(match_key) });
  };
  for (const d of districts) {
    for (const name of [d.nameEn, d.nameHi]) {
      add(
        {
          place_kind: 'district',
          place_id: d.districtId,
          name,
          district: d.nameEn,
          district_id: d.districtId,
          police_station_id: null,
          police_station: null,
        },
        false,
      );
    }
  }
  lexicon.places.districtNames.forEach((entry, i) => {
    const d = findDistrict(entry.district);
    if (!d)
      throw new PlaceNamesError(
        `places.districtNames.${i}.district`,
        `no district "${entry.district}" in reference/range.ts`,
      );
    for (const name of entry.names) {
      add(
        {
          place_kind: 'district',
          place_id: d.districtId,
          name,
          district: d.nameEn,
          district_id: d.districtId,
          police_station_id: null,
          police_station: null,
        },
        false,
      );
    }
  });
  for (const s of policeStations) {
    const district = districtName.get(s.districtId) ?? s.districtId;
    for (const name of [s.nameEn, s.nameHi, ...s.aliases]) {
      add(
        {
          place_kind: 'police_station',
          place_id: s.policeStationId,
          name,
          district,
          district_id: s.districtId,
          police_station_id: s.policeStationId,
          police_station: s.nameEn,
        },
        true,
      );
    }
  }
  lexicon.places.localities.forEach((entry, i) => {
    const s = findPoliceStation(entry.district, entry.policeStation);
    if (!s)
      throw new PlaceNamesError(
        `places.localities.${i}`,
        `no police station "${entry.policeStation}" in district "${entry.district}" in reference/range.ts`,
      );
    for (const name of entry.names) {
      add(
        {
          place_kind: 'locality',
          place_id: `${s.policeStationId}|${entry.names[0]}`,
          name,
          district: districtName.get(s.districtId) ?? s.districtId,
          district_id: s.districtId,
          police_station_id: s.policeStationId,
          police_station: s.nameEn,
        },
        false,
      );
    }
  });
  return [...rows.values()];
}

export function buildPlaceNames(ctx: ModelContext, staging: string): Promise<void> {
  return fillStaging(ctx, placeNames, staging, placeNameRows(loadLexicon(lexiconFile(ctx.config))));
}

export const placeNamesModel: Model = {
  contract: placeNames,
  inputs: [],
  run: buildPlaceNames,
  settings: (config) => placeNameRows(loadLexicon(lexiconFile(config))),
};
