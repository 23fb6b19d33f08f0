import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDuckDb, type DuckDb } from '../../lake/duckdb.ts';
import { attachLake } from '../../lake/session.ts';
import { lakeKinds, tempDir, type TestLake } from '../../test/util/lakes.ts';
import { IngestError } from '../batch.ts';
import { loadProfile } from '../profile.ts';
import { ingestGroupsFile } from './ingest-groups.ts';

const samples = path.join(path.dirname(fileURLToPath(import.meta.url)), 'samples');
const sample = (name: string) => path.join(samples, name);
const now = () => new Date('2025-07-01T06:00:00Z');
const header = 'group_name,level,district,police_station,member_count,is_womens_group,as_of_date';

const dbs: DuckDb[] = [];
async function db(): Promise<DuckDb> {
  const d = await openDuckDb();
  dbs.push(d);
  return d;
}
afterAll(() => dbs.forEach((d) => d.close()));

async function query(t: TestLake, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await db();
  await attachLake(reader, t.lake);
  return reader.all(sql);
}

function writeFile(name: string, text: string | Buffer): string {
  const p = path.join(tempDir('groups'), name);
  fs.writeFileSync(p, text);
  return p;
}

describe.each(lakeKinds)('cyber volunteer group ingest on a $kind lake', ({ make }) => {
  it('lands the sample roster with levels, places and flags normalised; a repeated ingest adds nothing', async () => {
    const t = make();
    const ctx = { lake: t.lake, db: await db(), now };
    const s = await ingestGroupsFile(ctx, sample('volunteer_groups.csv'));
    expect(s).toMatchObject({ rowsIn: 11, rowsLanded: 11, rowsQuarantined: 0, alreadyIngested: false });
    expect(s.tables.map((x) => [x.table, x.rows])).toEqual([['volunteer_groups', 11]]);
    expect((await ingestGroupsFile(ctx, sample('volunteer_groups.csv'))).alreadyIngested).toBe(true);
    expect(await query(t, 'select count(*)::int as n from volunteer_groups')).toEqual([{ n: 11 }]);

    const rows = await query(
      t,
      `select volunteer_group_id, group_name, level, district, police_station, police_station_id, member_count,
              is_womens_group, as_of_date::varchar as as_of_date, month
       from volunteer_groups order by source_line`,
    );
    expect(rows.map((r) => [r.level, r.district, r.police_station_id, r.member_count, r.is_womens_group])).toEqual([
      ['hq', null, null, 1010, false],
      ['zone', null, null, 980, false],
      ['range', null, null, 610, true],
      ['district', 'Jaunpur', null, 870, false],
      // No flag in the roster: read from the name.
      ['district', 'Jaunpur', null, 420, true],
      ['sub_division', 'Jaunpur', null, 180, false],
      ['thana', 'Jaunpur', 'jaunpur-line-bazar', 245, false],
      ['thana', 'Jaunpur', 'jaunpur-kotwali', 150, false],
      ['thana', 'Ghazipur', 'ghazipur-kotwali', 310, false],
      ['outpost', 'Jaunpur', 'jaunpur-line-bazar', 95, false],
      // A spelling the reference does not know: kept, without a police_station_id.
      ['outpost', 'Jaunpur', null, 120, false],
    ]);
    expect(rows[2]!.group_name).toBe('साइबर वॉलंटियर्स वाराणसी परिक्षेत्र (महिला)');
    expect(rows[8]).toMatchObject({
      volunteer_group_id: 'ghazipur|ghazipur-kotwali|साइबर वॉलंटियर्स थाना कोतवाली',
      police_station: 'Kotwali',
      as_of_date: '2025-06-29',
      month: '2025-06',
    });
    expect(rows[10]!.police_station).toBe('Keraakat');
    expect(rows[0]!.volunteer_group_id).toBe('||up police cyber volunteers - hq lucknow');
  });

  it('quarantines malformed rows with file, line and field, and lands the good ones', async () => {
    const t = make();
    const ctx = { lake: t.lake, db: await db(), now };
    const file = writeFile(
      'roster-bad.csv',
      Buffer.concat([
        Buffer.from(
          [
            header,
            'Cyber Volunteers PS Sigra (Varanasi),thana,Varanasi,Sigra,230,N,2025-06-29', // 2: good
            'Cyber Volunteers 5th Battalion,battalion,Varanasi,,300,N,2025-06-29', // 3: no such level
            'Cyber Volunteers PS Lanka (Varanasi),thana,Varanasi,Lanka,two hundred,N,2025-06-29', // 4: not a number
            'Cyber Volunteers PS Unknown,thana,Varanasi,,200,N,2025-06-29', // 5: thana without police station
            'Cyber Volunteers Cholapur Circle,sub-division,,,210,N,2025-06-29', // 6: no district
            'Cyber Volunteers PS Sarnath (Varanasi),thana,Varanasi,Sarnath,210,N,31/06/2025', // 7: no 31 June
            ',district,Varanasi,,500,N,2025-06-29', // 8: no name
            'Cyber Volunteers PS Chowk (Varanasi),thana,Varanasi', // 9: truncated
            'Cyber Volunteers PS Cantt (Varanasi),thana,Varanasi,Cantt,210,maybe,2025-06-29', // 10: bad flag
          ].join('\n') + '\n',
        ),
        Buffer.from('Cyber Volunteers PS Luxa (Varanasi),thana,Varanasi,', 'utf8'),
        Buffer.from('Lux\xe4', 'latin1'), // 11: not UTF-8
        Buffer.from(',200,N,2025-06-29\n'),
        Buffer.from('Cyber Volunteers PS Chetganj (Varanasi),Thana,Varanasi,Chetganj,199,N,2025-06-29\n'), // 12: good
      ]),
    );
    const s = await ingestGroupsFile(ctx, file);
    expect(s).toMatchObject({ rowsIn: 11, rowsLanded: 2, rowsQuarantined: 9 });
    expect(s.rowsLanded + s.rowsQuarantined).toBe(s.rowsIn);
    expect(s.rejects.map((r) => [r.line, r.field])).toEqual([
      [3, 'level'],
      [4, 'member_count'],
      [5, 'police_station'],
      [6, 'district'],
      [7, 'as_of_date'],
      [8, 'group_name'],
      [9, '(record)'],
      [10, 'is_womens_group'],
      [11, 'police_station'],
    ]);
    expect(s.rejects[0]!.reason).toContain('"battalion"');
    expect(s.rejects[2]!.reason).toBe('required for a thana group, but empty');
    expect(s.rejects[8]!.reason).toContain('UTF-8');
    const q = await query(
      t,
      `select source, source_file, source_line, field, raw from quarantine order by source_line`,
    );
    expect(q.map((r) => [r.source, r.source_file, r.source_line, r.field])).toEqual(
      s.rejects.map((r) => ['groups', 'roster-bad.csv', r.line, r.field]),
    );
    expect(q[6]!.raw).toBe('Cyber Volunteers PS Chowk (Varanasi),thana,Varanasi');
    expect(await query(t, 'select police_station_id, member_count from volunteer_groups order by source_line')).toEqual(
      [
        { police_station_id: 'varanasi-sigra', member_count: 230 },
        { police_station_id: 'varanasi-chetganj', member_count: 199 },
      ],
    );
  });

  it('replaces a group re-exported for the same date, keeps other dates, and reads a Hindi roster through a profile', async () => {
    const t = make();
    const ctx = { lake: t.lake, db: await db(), now };
    await ingestGroupsFile(ctx, sample('volunteer_groups.csv'));
    const corrected = writeFile(
      'roster-corrected.csv',
      [
        header,
        'Cyber Volunteers PS  line bazar (Jaunpur),thana,Jaunpur,Line Bazar,262,N,2025-06-29', // same group, same date
        'Cyber Volunteers PS Line Bazar (Jaunpur),thana,Jaunpur,Line Bazar,270,N,2025-07-06', // next week's roster
      ].join('\n') + '\n',
    );
    const s = await ingestGroupsFile(ctx, corrected);
    expect(s.tables[0]).toMatchObject({ table: 'volunteer_groups', rows: 2, replaced: 1, rowCount: 12 });
    expect(
      await query(
        t,
        `select as_of_date::varchar as as_of_date, member_count, group_name from volunteer_groups
         where police_station_id = 'jaunpur-line-bazar' and level = 'thana' order by as_of_date`,
      ),
    ).toEqual([
      { as_of_date: '2025-06-29', member_count: 262, group_name: 'Cyber Volunteers PS  line bazar (Jaunpur)' },
      { as_of_date: '2025-07-06', member_count: 270, group_name: 'Cyber Volunteers PS Line Bazar (Jaunpur)' },
    ]);

    const profile = loadProfile(sample('profile-example.yaml'), 'groups');
    const h = await ingestGroupsFile({ ...ctx, profile }, sample('roster-hindi.csv'));
    expect(h).toMatchObject({ rowsIn: 4, rowsLanded: 4, rowsQuarantined: 0 });
    expect(
      await query(
        t,
        `select level, district, police_station_id, member_count, is_womens_group, as_of_date::varchar as as_of_date
         from volunteer_groups where district = 'Chandauli' order by source_line`,
      ),
    ).toEqual([
      {
        level: 'district',
        district: 'Chandauli',
        police_station_id: null,
        member_count: 640,
        is_womens_group: false,
        as_of_date: '2025-07-15',
      },
      {
        level: 'district',
        district: 'Chandauli',
        police_station_id: null,
        member_count: 300,
        is_womens_group: true,
        as_of_date: '2025-07-15',
      },
      {
        level: 'thana',
        district: 'Chandauli',
        police_station_id: 'chandauli-mughalsarai',
        member_count: 212,
        is_womens_group: false,
        as_of_date: '2025-07-15',
      },
      {
        level: 'outpost',
        district: 'Chandauli',
        police_station_id: 'chandauli-mughalsarai',
        member_count: 88,
        is_womens_group: false,
        as_of_date: '2025-07-15',
      },
    ]);
  });

  it('uses the roster group id as the key when there is one, and refuses a file that is no roster', async () => {
    const t = make();
    const ctx = { lake: t.lake, db: await db(), now };
    const withId = writeFile(
      'roster-ids.csv',
      `group_id,${header}\nG-0042,Cyber Volunteers PS Sigra,thana,Varanasi,Sigra,230,N,2025-06-29\nG-0042,Cyber Volunteers Sigra (renamed),thana,Varanasi,Sigra,240,N,2025-06-29\n`,
    );
    const s = await ingestGroupsFile(ctx, withId);
    expect(s).toMatchObject({ rowsIn: 2, rowsLanded: 2 });
    // One group: the later line of the same key wins.
    expect(await query(t, 'select volunteer_group_id, group_name, member_count from volunteer_groups')).toEqual([
      { volunteer_group_id: 'G-0042', group_name: 'Cyber Volunteers Sigra (renamed)', member_count: 240 },
    ]);
    await expect(ingestGroupsFile(ctx, writeFile('odd.csv', 'name,members\nX,3\n'))).rejects.toThrow(IngestError);
    await expect(ingestGroupsFile(ctx, writeFile('odd.csv', 'name,members\nX,3\n'))).rejects.toThrow(/group_name/);
  });
});
