import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPath } from '../../ingestors/index.ts';
import { openDuckDb, type DuckDb } from '../../lake/duckdb.ts';
import { attachLake } from '../../lake/session.ts';
import { policeStations } from '../../reference/range.ts';
import { buildModels } from '../build.ts';
import { localLake, tempDir } from '../../test/util/lakes.ts';

// Chandauli's roster of 1 July, and an older one of 1 June naming a group since dissolved.
const roster = `group_name,level,district,police_station,member_count,is_womens_group,as_of_date
UP Police Cyber Volunteers - HQ Lucknow,HQ,,,1010,N,2025-07-01
Cyber Volunteers Chandauli District,District,Chandauli,,640,N,2025-07-01
Chandauli Mahila Cyber Volunteers,district,Chandauli,,300,Y,2025-07-01
Cyber Volunteers PS Chandauli,Thana,Chandauli,Chandauli,190,N,2025-07-01
साइबर वॉलंटियर्स थाना मुगलसराय,थाना,चंदौली,मुगलसराय,250,N,2025-07-01
Cyber Volunteers Mughalsarai Station Road Outpost,outpost,Chandauli,Mughalsarai,99,N,2025-07-01
Cyber Volunteers Chakia Bazar Outpost,chowki,Chandauli,Chakia,100,N,2025-07-01
Cyber Volunteers PS Chandauli,Thana,Chandauli,Chandauli,150,N,2025-06-01
Cyber Volunteers PS Sakaldiha,Thana,Chandauli,Sakaldiha,230,N,2025-06-01
`;

const thanasOf = (districtId: string) => policeStations.filter((s) => s.districtId === districtId).length;

describe('volunteer_coverage', () => {
  let db: DuckDb;
  beforeAll(async () => {
    db = await openDuckDb();
    const { lake } = localLake();
    const dir = tempDir('groups');
    fs.writeFileSync(path.join(dir, 'volunteer_groups.csv'), roster);
    await ingestPath({ lake, db }, 'groups', dir);
    await buildModels(lake, db, ['police_stations', 'volunteer_coverage', 'volunteer_coverage_districts']);
    await attachLake(db, lake);
  });
  afterAll(() => db.close());

  it('sets each thana and outpost group of the latest roster against its minimum, and lists thanas without a group', async () => {
    const groups = await db.all(
      `select police_station_id, level, group_name, member_count, minimum_members, member_gap, is_below_minimum, has_group
       from volunteer_coverage where has_group order by police_station_id, level`,
    );
    expect(groups).toEqual([
      {
        police_station_id: 'chandauli-chakia',
        level: 'outpost',
        group_name: 'Cyber Volunteers Chakia Bazar Outpost',
        member_count: 100,
        minimum_members: 100,
        member_gap: 0,
        is_below_minimum: false,
        has_group: true,
      },
      {
        police_station_id: 'chandauli-chandauli',
        level: 'thana',
        group_name: 'Cyber Volunteers PS Chandauli',
        member_count: 190,
        minimum_members: 200,
        member_gap: 10,
        is_below_minimum: true,
        has_group: true,
      },
      {
        police_station_id: 'chandauli-mughalsarai',
        level: 'outpost',
        group_name: 'Cyber Volunteers Mughalsarai Station Road Outpost',
        member_count: 99,
        minimum_members: 100,
        member_gap: 1,
        is_below_minimum: true,
        has_group: true,
      },
      {
        police_station_id: 'chandauli-mughalsarai',
        level: 'thana',
        group_name: 'साइबर वॉलंटियर्स थाना मुगलसराय',
        member_count: 250,
        minimum_members: 200,
        member_gap: 0,
        is_below_minimum: false,
        has_group: true,
      },
    ]);
    const missing = await db.all<{ police_station_id: string; member_gap: number }>(
      `select police_station_id, member_gap from volunteer_coverage where not has_group and district = 'Chandauli' order by 1`,
    );
    expect(missing).toHaveLength(thanasOf('chandauli') - 2);
    expect(missing.every((m) => m.member_gap === 200)).toBe(true);
    // Sakaldiha's group was on June's roster only: dissolved. Chakia has an outpost group but no thana group.
    expect(missing.map((m) => m.police_station_id)).toEqual(
      expect.arrayContaining(['chandauli-sakaldiha', 'chandauli-chakia']),
    );
  });

  it("sums the gaps per district and says whether it has a women's group", async () => {
    const rows = await db.all(
      `select district, strftime(as_of_date, '%Y-%m-%d') as as_of_date, thana_count, thanas_with_group, thanas_without_group,
              thana_groups_below_minimum, outpost_group_count, outpost_groups_below_minimum, member_gap, group_count, member_count,
              has_womens_group, womens_group_members
       from volunteer_coverage_districts where district in ('Chandauli', 'Ghazipur') order by district`,
    );
    expect(rows).toEqual([
      {
        district: 'Chandauli',
        as_of_date: '2025-07-01',
        thana_count: thanasOf('chandauli'),
        thanas_with_group: 2,
        thanas_without_group: thanasOf('chandauli') - 2,
        thana_groups_below_minimum: 1,
        outpost_group_count: 2,
        outpost_groups_below_minimum: 1,
        member_gap: 10 + 1 + (thanasOf('chandauli') - 2) * 200,
        group_count: 6,
        member_count: 640 + 300 + 190 + 250 + 99 + 100,
        has_womens_group: true,
        womens_group_members: 300,
      },
      {
        district: 'Ghazipur',
        as_of_date: null,
        thana_count: thanasOf('ghazipur'),
        thanas_with_group: 0,
        thanas_without_group: thanasOf('ghazipur'),
        thana_groups_below_minimum: 0,
        outpost_group_count: 0,
        outpost_groups_below_minimum: 0,
        member_gap: thanasOf('ghazipur') * 200,
        group_count: 0,
        member_count: 0,
        has_womens_group: false,
        womens_group_members: 0,
      },
    ]);
  });
});
