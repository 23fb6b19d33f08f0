import { z } from 'zod';
import { col, defineTable } from '../../lake/contract.ts';
import { loadSql } from '../../lake/duckdb.ts';
import type { Model } from '../models.ts';
import { optionalInputs } from '../reference-tables.ts';
import { volunteerGroups } from '../../ingestors/groups/volunteer_groups.ts';

export const volunteerCoverageDistricts = defineTable({
  name: 'volunteer_coverage_districts',
  description:
    "Cyber volunteer coverage per district: thana and outpost groups under the mandated minimum, the members still needed, and whether the district has a women's group. Rebuilt whole by every build: a snapshot of the latest rosters, one row per district",
  grain: 'one row per district (of the range, or named by a roster)',
  key: ['district'],
  replaceKey: ['district'],
  partitionBy: [],
  schema: z.object({
    district: col.varchar('District (English name)'),
    district_id: col.opt.varchar('District id, for the districts of the range'),
    as_of_date: col.opt.date("Date of the district's latest roster"),
    thana_count: col.integer('Thanas of the district in the reference data (police_stations)'),
    thanas_with_group: col.integer('Thanas with a thana-level group'),
    thanas_without_group: col.integer('Thanas with no thana-level group'),
    thana_group_count: col.integer('Thana-level groups'),
    thana_groups_below_minimum: col.integer('Thana-level groups under 200 members'),
    outpost_group_count: col.integer('Outpost-level groups'),
    outpost_groups_below_minimum: col.integer('Outpost-level groups under 100 members'),
    member_gap: col.integer(
      'Members needed to bring every thana and outpost group (and every missing thana group) to the minimum',
    ),
    group_count: col.integer('Groups of the district at every level (district, sub-division, thana, outpost)'),
    member_count: col.integer('Members of those groups'),
    has_womens_group: col.boolean("Whether the district has a women's group (ordered: one per district)"),
    womens_group_count: col.integer("Women's groups in the district"),
    womens_group_members: col.integer("Members of the district's women's groups"),
  }),
});

/**
 * Not incremental, on purpose: one row per district, summed from volunteer_coverage (a snapshot
 * with no period in its grain, see there); a full rebuild of a dozen rows is the cheapest build.
 */
export const volunteerCoverageDistrictsModel: Model = {
  contract: volunteerCoverageDistricts,
  sql: loadSql(import.meta.url, 'volunteer_coverage_districts.sql'),
  inputs: ['volunteer_coverage', 'police_stations'],
  optionalInputs: optionalInputs(volunteerGroups),
};
