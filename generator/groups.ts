/**
 * Cyber volunteer WhatsApp group rosters, HQ down to every thana and outpost. Planted gaps:
 * thana groups under the mandated 200 members, outpost groups under 100, and one district
 * without a women's group; all listed in the ground truth.
 */
import { join } from 'node:path';
import type { StationInfo } from './geo.ts';
import { StreamFile } from './output.ts';
import type { Rng } from './random.ts';
import { isoDay } from './time.ts';

export const thanaMinimum = 200;
export const outpostMinimum = 100;

export interface GroupsResult {
  groups: number;
  members: number;
  thanaGroupsBelowMinimum: { groupName: string; district: string; policeStation: string; memberCount: number }[];
  outpostGroupsBelowMinimum: { groupName: string; district: string; policeStation: string; memberCount: number }[];
  districtsWithoutWomensGroup: string[];
  file: { path: string; rows: number };
}

const outpostNames = ['Bazar', 'Station Road', 'Bypass', 'Chauraha', 'Ghat', 'Mandi', 'Tiraha', 'Kasba'];

export async function writeGroups(input: {
  rng: Rng;
  outDir: string;
  endDay: number;
  stations: readonly StationInfo[];
  districtNames: readonly string[];
}): Promise<GroupsResult> {
  const { rng, stations } = input;
  const file = await StreamFile.open(join(input.outDir, 'groups', 'volunteer_groups.csv'));
  file.write('group_name,level,district,police_station,member_count,is_womens_group,as_of_date\n');
  const asOf = isoDay(input.endDay);
  const result: GroupsResult = {
    groups: 0,
    members: 0,
    thanaGroupsBelowMinimum: [],
    outpostGroupsBelowMinimum: [],
    districtsWithoutWomensGroup: [],
    file: { path: file.path, rows: 0 },
  };
  const add = (name: string, level: string, district: string, ps: string, members: number, womens: boolean): void => {
    const m = Math.max(5, Math.min(1024, Math.round(members)));
    file.row([name, level, district, ps, m, womens ? 'Y' : 'N', asOf]);
    result.groups++;
    result.members += m;
  };

  add('UP Police Cyber Volunteers - HQ Lucknow', 'HQ', '', '', 1010, false);
  add('Cyber Volunteers Varanasi Zone', 'zone', '', '', 980, false);
  add('Cyber Volunteers Varanasi Range', 'range', '', '', 950, false);
  add('साइबर वॉलंटियर्स वाराणसी परिक्षेत्र (महिला)', 'range', '', '', 610, true);

  const noWomen = rng.int(0, input.districtNames.length - 1);
  input.districtNames.forEach((district, di) => {
    add(`Cyber Volunteers ${district} District`, 'district', district, '', rng.int(700, 1000), false);
    if (di === noWomen) result.districtsWithoutWomensGroup.push(district);
    else add(`${district} Mahila Cyber Volunteers`, 'district', district, '', rng.int(250, 700), true);

    // Sub-divisions (circles): the district's thanas in groups of about four, west to east.
    const own = stations
      .filter((s) => s.districtIndex === di)
      .sort((a, b) => a.station.longitude - b.station.longitude);
    for (let i = 0; i < own.length; i += 4) {
      const chunk = own.slice(i, i + 4);
      const lead = chunk.reduce((best, s) => (s.station.population > best.station.population ? s : best));
      add(
        `Cyber Volunteers ${lead.nameEn} Circle (${district})`,
        'sub-division',
        district,
        '',
        rng.int(150, 600),
        false,
      );
    }

    for (const s of own) {
      const below = rng.chance(0.15);
      const thanaMembers = below ? rng.int(60, thanaMinimum - 1) : rng.int(thanaMinimum, 650);
      const name = rng.chance(0.3)
        ? `साइबर वॉलंटियर्स थाना ${s.nameHi}`
        : `Cyber Volunteers PS ${s.nameEn} (${district})`;
      add(name, 'thana', district, s.nameEn, thanaMembers, false);
      if (below)
        result.thanaGroupsBelowMinimum.push({
          groupName: name,
          district,
          policeStation: s.nameEn,
          memberCount: thanaMembers,
        });
      const outposts = rng.int(1, 3);
      const used = new Set<string>();
      for (let o = 0; o < outposts; o++) {
        let label = rng.pick(outpostNames);
        while (used.has(label)) label = rng.pick(outpostNames);
        used.add(label);
        const belowO = rng.chance(0.15);
        const members = belowO ? rng.int(20, outpostMinimum - 1) : rng.int(outpostMinimum, 320);
        const oname = `Cyber Volunteers ${s.nameEn} ${label} Outpost (${district})`;
        add(oname, 'outpost', district, s.nameEn, members, false);
        if (belowO)
          result.outpostGroupsBelowMinimum.push({
            groupName: oname,
            district,
            policeStation: s.nameEn,
            memberCount: members,
          });
      }
    }
  });
  await file.close();
  result.file = { path: file.path, rows: file.rows };
  return result;
}
