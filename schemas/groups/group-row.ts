import { z } from 'zod';
import { calendarDate, integerIn, oneOf, optionalOneOf, optionalText, requiredText } from '../fields.ts';

export const groupLevels = ['hq', 'zone', 'range', 'district', 'sub_division', 'thana', 'outpost'] as const;
export type GroupLevel = (typeof groupLevels)[number];

/** Levels at which a group belongs to one district, and those that belong to one thana. */
const districtLevels: readonly GroupLevel[] = ['district', 'sub_division', 'thana', 'outpost'];
const stationLevels: readonly GroupLevel[] = ['thana', 'outpost'];

/** Spellings of the levels seen in rosters (matched case-insensitively). */
const levelValues = {
  hq: 'hq',
  headquarters: 'hq',
  'state hq': 'hq',
  'state level': 'hq',
  state: 'hq',
  phq: 'hq',
  'police headquarters': 'hq',
  मुख्यालय: 'hq',
  'पुलिस मुख्यालय': 'hq',
  zone: 'zone',
  zonal: 'zone',
  'zone level': 'zone',
  जोन: 'zone',
  ज़ोन: 'zone',
  range: 'range',
  'range level': 'range',
  परिक्षेत्र: 'range',
  रेंज: 'range',
  district: 'district',
  dist: 'district',
  'dist.': 'district',
  'district level': 'district',
  जिला: 'district',
  ज़िला: 'district',
  जनपद: 'district',
  'sub-division': 'sub_division',
  'sub division': 'sub_division',
  subdivision: 'sub_division',
  sub_division: 'sub_division',
  'sub-divisional': 'sub_division',
  circle: 'sub_division',
  'co circle': 'sub_division',
  sdpo: 'sub_division',
  सर्किल: 'sub_division',
  क्षेत्राधिकारी: 'sub_division',
  अनुमंडल: 'sub_division',
  उपखंड: 'sub_division',
  'उप-खंड': 'sub_division',
  thana: 'thana',
  'thana level': 'thana',
  'police station': 'thana',
  ps: 'thana',
  'p.s.': 'thana',
  थाना: 'thana',
  outpost: 'outpost',
  'out post': 'outpost',
  'out-post': 'outpost',
  chowki: 'outpost',
  chauki: 'outpost',
  'police chowki': 'outpost',
  'police post': 'outpost',
  चौकी: 'outpost',
  'पुलिस चौकी': 'outpost',
} as const satisfies Record<string, GroupLevel>;

/** One line of a cyber volunteer group roster (see layout.ts), validated and typed. */
export const groupRow = z
  .object({
    group_id: optionalText,
    group_name: requiredText,
    level: oneOf(levelValues),
    district: optionalText,
    police_station: optionalText,
    member_count: integerIn(0, 100_000),
    is_womens_group: optionalOneOf({
      y: 'yes',
      yes: 'yes',
      true: 'yes',
      '1': 'yes',
      हाँ: 'yes',
      हां: 'yes',
      n: 'no',
      no: 'no',
      false: 'no',
      '0': 'no',
      नहीं: 'no',
    }),
    as_of_date: calendarDate,
  })
  .superRefine((r, ctx) => {
    if (districtLevels.includes(r.level) && r.district === null) {
      ctx.addIssue({ code: 'custom', path: ['district'], message: `required for a ${r.level} group, but empty` });
    }
    if (stationLevels.includes(r.level) && r.police_station === null) {
      ctx.addIssue({ code: 'custom', path: ['police_station'], message: `required for a ${r.level} group, but empty` });
    }
  });
export type GroupRow = z.output<typeof groupRow>;
