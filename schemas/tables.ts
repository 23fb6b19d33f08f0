import type { TableDef } from '../lake/contract.ts';
import { quarantine } from '../lake/quarantine.ts';
import { audit } from '../lake/access-audit.ts';
import { cctnsTables } from '../ingestors/cctns/kinds.ts';
import { eventTables } from '../ingestors/events/tables.ts';
import { groupTables } from '../ingestors/groups/tables.ts';
import { socialTables } from '../ingestors/social/tables.ts';
import { tipsTables } from '../ingestors/tips/tables.ts';
import { vehicleTables } from '../ingestors/vehicles/tables.ts';
import { crimeMonthly } from '../transforms/marts/crime_monthly.ts';
import { emergingHotspots } from '../transforms/marts/emerging_hotspots.ts';
import { hotspotCells } from '../transforms/marts/hotspot_cells.ts';
import { sensitivityAssessment } from '../transforms/marts/sensitivity_assessment.ts';
import { incidents } from '../transforms/intermediate/incidents.ts';
import { flaggedPosts } from '../transforms/marts/flagged_posts.ts';
import { postPlaces } from '../transforms/marts/post_places.ts';
import { socialRankings } from '../transforms/marts/social_rankings.ts';
import { socialResponseTimes } from '../transforms/marts/social_response_times.ts';
import { socialResponseTimesWeekly } from '../transforms/marts/social_response_times_weekly.ts';
import { stationComparison } from '../transforms/marts/station_comparison.ts';
import { stolenVehicleSightings } from '../transforms/marts/stolen_vehicle_sightings.ts';
import { volunteerCoverage } from '../transforms/marts/volunteer_coverage.ts';
import { volunteerCoverageDistricts } from '../transforms/marts/volunteer_coverage_districts.ts';
import { socialPostMatches } from '../transforms/intermediate/social_post_matches.ts';
import { placeNames } from '../transforms/staging/place_names.ts';
import { policeStations } from '../transforms/staging/police_stations.ts';
import { socialLexicon } from '../transforms/staging/social_lexicon.ts';
import { socialWatchList } from '../transforms/staging/social_watch_list.ts';
import { personContracts } from '../transforms/resolution/models.ts';

/** Every table contract of the lake, for `crimelake tables` and the README's catalogue. */
export const tableContracts: readonly TableDef[] = [
  ...cctnsTables,
  ...socialTables,
  ...tipsTables,
  ...vehicleTables,
  ...groupTables,
  ...eventTables,
  quarantine,
  audit,
  crimeMonthly,
  policeStations,
  placeNames,
  socialLexicon,
  socialWatchList,
  socialPostMatches,
  postPlaces,
  flaggedPosts,
  socialResponseTimes,
  socialResponseTimesWeekly,
  socialRankings,
  stolenVehicleSightings,
  volunteerCoverage,
  volunteerCoverageDistricts,
  stationComparison,
  incidents,
  hotspotCells,
  emergingHotspots,
  sensitivityAssessment,
  ...personContracts,
];

export function contractOf(name: string): TableDef | undefined {
  return tableContracts.find((t) => t.name === name);
}
