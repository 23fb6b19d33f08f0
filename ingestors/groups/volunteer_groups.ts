import { z } from 'zod';
import { col, defineTable, lineageColumns } from '../../lake/contract.ts';
import { groupLevels } from '../../schemas/groups/group-row.ts';

export const volunteerGroups = defineTable({
  name: 'volunteer_groups',
  description: 'Cyber volunteer WhatsApp groups from HQ down to every thana and outpost, as of each roster date',
  grain: 'one row per group and roster date',
  key: ['volunteer_group_id', 'as_of_date'],
  replaceKey: ['volunteer_group_id', 'as_of_date'],
  partitionBy: ['month'],
  schema: z.object({
    volunteer_group_id: col.varchar(
      "The roster's group id when it has one, else <district id>|<police station id>|<group name in lower case, single spaces>",
    ),
    as_of_date: col.date('Date of the roster'),
    month: col.varchar('Month of the roster date, YYYY-MM; Hive partition'),
    group_name: col.varchar('Group name as in the roster (Devanagari or Latin)'),
    level: col.varchar(`Level of the group: ${groupLevels.join(', ')}`),
    district: col.opt.varchar('District (English name when known); null above district level'),
    district_id: col.opt.varchar('District id from the reference data, when the district matched'),
    police_station: col.opt.varchar('Police station (English name when known); for outposts their parent thana'),
    police_station_id: col.opt.varchar('Police station id from the reference data, when the police station matched'),
    member_count: col.integer('Members of the group on the roster date'),
    is_womens_group: col.boolean(
      "Whether it is a women's group (from the roster, else from the name: mahila / महिला / women)",
    ),
    ...lineageColumns,
  }),
});
