import { z } from 'zod';
import { col, defineTable } from '../../lake/contract.ts';
import { districts, policeStations as referenceStations } from '../../reference/range.ts';
import type { ModelContext } from '../models.ts';
import { fillStaging } from '../reference-tables.ts';
import type { Model } from '../models.ts';

export const policeStations = defineTable({
  name: 'police_stations',
  description: 'Police stations (thanas) of the range with their populations, from reference/range.ts',
  grain: 'one row per police station of the reference data',
  key: ['police_station_id'],
  replaceKey: ['police_station_id'],
  partitionBy: [],
  schema: z.object({
    police_station_id: col.varchar('Police station id (joins firs.police_station_id)'),
    district: col.varchar('District (English name, as in firs.district)'),
    district_id: col.varchar('District id'),
    police_station: col.varchar('Police station name in English'),
    police_station_hi: col.varchar('Police station name in Hindi'),
    population: col.integer(
      'Approximate population of its jurisdiction (a share of the 2011 census district total), for rates per 100,000',
    ),
    latitude: col.double('Latitude of the place the thana is named after (WGS84, approximate)'),
    longitude: col.double('Longitude of the place the thana is named after (WGS84, approximate)'),
  }),
});

export type PoliceStationRow = z.output<typeof policeStations.schema>;

export function policeStationRows(): PoliceStationRow[] {
  const districtName = new Map(districts.map((d) => [d.districtId, d.nameEn]));
  return referenceStations.map((s) => ({
    police_station_id: s.policeStationId,
    district: districtName.get(s.districtId) ?? s.districtId,
    district_id: s.districtId,
    police_station: s.nameEn,
    police_station_hi: s.nameHi,
    population: s.population,
    latitude: s.latitude,
    longitude: s.longitude,
  }));
}

export function buildPoliceStations(ctx: ModelContext, staging: string): Promise<void> {
  return fillStaging(ctx, policeStations, staging, policeStationRows());
}

export const policeStationsModel: Model = {
  contract: policeStations,
  inputs: [],
  run: buildPoliceStations,
  settings: () => policeStationRows(),
};
