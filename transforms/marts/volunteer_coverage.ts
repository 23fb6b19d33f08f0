import { z } from 'zod';
import { col, defineTable } from '../../lake/contract.ts';
import { loadSql } from '../../lake/duckdb.ts';
import type { Model } from '../models.ts';
import { optionalInputs } from '../reference-tables.ts';
import { volunteerGroups } from '../../ingestors/groups/volunteer_groups.ts';

export const volunteerCoverage = defineTable({
  name: 'volunteer_coverage',
  description:
    "Cyber volunteer coverage per thana: each thana and outpost group's members against the mandated minimum (200 per thana group, 100 per outpost group) and the gap; thanas without a group. Rebuilt whole by every build: a snapshot of the latest rosters, with no period to rebuild by",
  grain:
    "one row per thana- or outpost-level group on its district's latest roster, and one per thana of the range (police_stations) with no thana-level group",
  key: ['coverage_id'],
  replaceKey: ['coverage_id'],
  partitionBy: [],
  schema: z.object({
    coverage_id: col.varchar(
      'The group (volunteer_group_id), or missing|<police_station_id> for a thana without a group',
    ),
    district: col.opt.varchar('District (English name)'),
    district_id: col.opt.varchar('District id, when known'),
    police_station_id: col.opt.varchar(
      "The thana (an outpost group's parent thana); null when the roster's thana is unknown",
    ),
    police_station: col.opt.varchar('The thana in English'),
    level: col.varchar('thana or outpost'),
    volunteer_group_id: col.opt.varchar('The group (joins volunteer_groups); null for a thana without a group'),
    group_name: col.opt.varchar('Group name as in the roster'),
    has_group: col.boolean('Whether the thana has this group (false: no thana-level group at all)'),
    is_womens_group: col.boolean("Whether it is a women's group"),
    as_of_date: col.opt.date("Date of the district's latest roster (the group's figures are as of this day)"),
    member_count: col.integer('Members (0 for a missing group)'),
    minimum_members: col.integer('Mandated minimum: 200 for a thana group, 100 for an outpost group'),
    member_gap: col.integer('Members still needed to reach the minimum (0 when met)'),
    is_below_minimum: col.boolean('Whether members are under the minimum (a missing group is)'),
    district_has_womens_group: col.boolean("Whether the group's district has a women's group (at any level within it)"),
  }),
});

/**
 * Not incremental, on purpose: the table is a snapshot of each district's latest roster (no week
 * or month in its grain: a new roster replaces the district's groups, a dissolved group drops
 * out, and every row carries whether its district has a women's group), a few hundred rows
 * computed from a table of the same size. A full rebuild costs less than working out what
 * changed, and an unchanged roster already skips the build (same inputs, same build id).
 */
export const volunteerCoverageModel: Model = {
  contract: volunteerCoverage,
  sql: loadSql(import.meta.url, 'volunteer_coverage.sql'),
  inputs: ['police_stations'],
  optionalInputs: optionalInputs(volunteerGroups),
};
