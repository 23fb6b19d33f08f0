import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDuckDb, type DuckDb } from '../../lake/duckdb.ts';
import { attachLake } from '../../lake/session.ts';
import { lakeKinds, tempDir, type TestLake } from '../../test/util/lakes.ts';
import { IngestError } from '../batch.ts';
import { loadProfile } from '../profile.ts';
import { ingestVehiclesFile } from './ingest-vehicles.ts';

const samples = path.join(path.dirname(fileURLToPath(import.meta.url)), 'samples');
const sample = (name: string) => path.join(samples, name);
const now = () => new Date('2025-03-01T06:00:00Z');

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
  const p = path.join(tempDir('vehicles'), name);
  fs.writeFileSync(p, text);
  return p;
}

describe.each(lakeKinds)('vehicle ingest on a $kind lake', ({ make }) => {
  it('lands the samples with plates normalised; a repeated ingest adds nothing', async () => {
    const t = make();
    const d = await db();
    const ctx = { lake: t.lake, db: d, now };
    const reg = await ingestVehiclesFile(ctx, sample('registrations.csv'));
    expect(reg).toMatchObject({ rowsIn: 7, rowsLanded: 7, rowsQuarantined: 0 });
    expect(reg.tables.map((x) => [x.table, x.rows])).toEqual([['vehicles', 7]]);
    const stolen = await ingestVehiclesFile(ctx, sample('stolen_vehicles.csv'));
    expect(stolen).toMatchObject({ rowsIn: 4, rowsLanded: 4, rowsQuarantined: 0 });
    const reads = await ingestVehiclesFile(ctx, sample('anpr_reads.csv'));
    expect(reads).toMatchObject({ rowsIn: 7, rowsLanded: 7, rowsQuarantined: 0 });
    expect(reads.tables.map((x) => [x.table, x.rows])).toEqual([
      ['anpr_reads', 7],
      ['cameras', 3],
    ]);
    for (const f of ['registrations.csv', 'stolen_vehicles.csv', 'anpr_reads.csv']) {
      expect((await ingestVehiclesFile(ctx, sample(f))).alreadyIngested).toBe(true);
    }
    expect(
      await query(
        t,
        `select (select count(*) from vehicles)::int as vehicles, (select count(*) from stolen_vehicles)::int as stolen,
                (select count(*) from anpr_reads)::int as reads, (select count(*) from cameras)::int as cameras`,
      ),
    ).toEqual([{ vehicles: 7, stolen: 4, reads: 7, cameras: 3 }]);

    const v = await query(
      t,
      `select registration_number, rto_code, plate_display, is_plate_valid, owner_name, chassis_number,
              registered_on::varchar as registered_on
       from vehicles order by registration_number`,
    );
    expect(v.map((r) => [r.registration_number, r.rto_code, r.plate_display, r.is_plate_valid])).toEqual([
      ['22BH4521AK', 'BH', '22 BH 4521 AK', true],
      ['DL3CAB1234', 'DL3', 'DL 3 CAB 1234', true],
      ['UP61CD0078', 'UP61', 'UP 61 CD 0078', true],
      ['UP62BX0457', 'UP62', 'UP 62 BX 0457', true],
      ['UP65AB1234', 'UP65', 'UP 65 AB 1234', true],
      ['UP67EF9911', 'UP67', 'UP 67 EF 9911', true],
      // A pre-1989 number is kept, flagged, under its compacted text.
      ['URP123', 'unknown', null, false],
    ]);
    expect(v[2]).toMatchObject({ chassis_number: 'MA3EWDE1S00123456', registered_on: '2016-06-15' });
    expect(v[3]!.owner_name).toBe('सुनीता देवी');
    expect(v[6]!.owner_name).toBe('SHARMA, OM PRAKASH');

    const s = await query(
      t,
      `select stolen_report_id, registration_number, plate_text, fir_id, district, police_station_id, is_active,
              recovered_at, month
       from stolen_vehicles order by reported_at`,
    );
    expect(s.map((r) => [r.stolen_report_id, r.plate_text, r.district, r.is_active, r.month])).toEqual([
      ['UP65AB1234|jaunpur-line-bazar/2024/0101', 'UP65 AB 1234', 'Jaunpur', true, '2024-03'],
      ['UP62BX0457|jaunpur-line-bazar/2024/0245', 'UP-62-BX-0457', 'Jaunpur', true, '2024-08'],
      ['UP61CD0078|ghazipur-kotwali/2025/0012', 'UP61CD0078', 'Ghazipur', false, '2025-01'],
      // No FIR given: the report time (10/02/2025 11:00 IST) completes the key.
      ['UP67EF9911|2025-02-10T05:30:00.000Z', 'UP67EF9911', 'Chandauli', true, '2025-02'],
    ]);
    expect((s[2]!.recovered_at as Date).toISOString()).toBe('2025-01-20T10:30:00.000Z');
    expect(s[3]).toMatchObject({ fir_id: null, police_station_id: 'chandauli-mughalsarai' });

    const a = await query(
      t,
      `select camera_id, plate_text, registration_number, is_plate_valid, plate_repaired, confidence, month, h3_cell
       from anpr_reads order by read_at`,
    );
    expect(a.map((r) => [r.plate_text, r.registration_number, r.is_plate_valid, r.plate_repaired, r.month])).toEqual([
      ['UP65AB1234', 'UP65AB1234', true, false, '2024-03'],
      ['UP65A81234', 'UP65AB1234', true, true, '2024-03'],
      // 23:59:30 IST on 31 March is still March in IST, 00:10 IST on 1 April is April.
      ['UP 62 BX 0457', 'UP62BX0457', true, false, '2024-03'],
      ['22BH4521AK', '22BH4521AK', true, false, '2024-04'],
      // Unreadable: kept with the raw text.
      ['#&%1', null, false, false, '2024-04'],
      ['BR01PK5566', 'BR01PK5566', true, false, '2024-04'],
      ['UPG5AB1234', 'UP65AB1234', true, true, '2024-04'],
    ]);
    expect(a[5]!.confidence).toBe(0.88);
    expect(a[5]!.h3_cell).toBeNull();
    expect(a[0]!.h3_cell).toMatch(/^88[0-9a-f]+$/);

    const c = await query(t, `select * from cameras order by camera_id`);
    expect(
      c.map((r) => [r.camera_id, r.district, r.nearest_police_station_id, r.place, r.latitude, r.source_line]),
    ).toEqual([
      ['ANPR-GHA-004', 'Ghazipur', 'ghazipur-saidpur', 'Toll plaza near Saidpur', 25.54, 7],
      ['ANPR-JAU-001', 'Jaunpur', 'jaunpur-line-bazar', 'Line Bazar crossing', 25.7381, 4],
      ['ANPR-VAR-002', 'Varanasi', 'varanasi-lanka', 'Lanka chauraha', 25.277, 8],
    ]);

    // Stolen vehicles sighted by ANPR cameras after the theft was reported: a plain join.
    const sighted = await query(
      t,
      `select s.registration_number, count(*)::int as reads
       from stolen_vehicles as s inner join anpr_reads as r using (registration_number)
       where s.is_active and r.read_at > s.reported_at group by all order by 1`,
    );
    expect(sighted).toEqual([{ registration_number: 'UP65AB1234', reads: 3 }]);
  });

  it('quarantines malformed rows with file, line and field, and lands the good ones', async () => {
    const t = make();
    const d = await db();
    const ctx = { lake: t.lake, db: d, now };
    const reads = writeFile(
      'anpr-bad.csv',
      [
        'camera_id,place,latitude,longitude,read_at,plate_text,confidence',
        'CAM-1,Bypass,25.5,83.1,2024-05-01T10:00:00+05:30,UP61AB0001,0.9', // 2: good
        'CAM-1,Bypass,25.5,83.1,2024-02-30T10:00:00+05:30,UP61AB0002,0.9', // 3: no 30 February
        'CAM-1,Bypass,25.5,83.1,2024-05-01T10:01:00+05:30,,0.9', // 4: no plate text
        ',Bypass,25.5,83.1,2024-05-01T10:02:00+05:30,UP61AB0003,0.9', // 5: no camera
        'CAM-1,Bypass,52.5,83.1,2024-05-01T10:03:00+05:30,UP61AB0004,0.9', // 6: latitude outside India
        'CAM-1,Bypass,25.5,83.1,2024-05-01T10:04:00+05:30,UP61AB0005,high', // 7: confidence not a number
        'CAM-1,Bypass,25.5', // 8: truncated
        'CAM-2,"Station Road",25.6,83.2,01/05/2024 10:05,??,', // 9: good, unreadable plate
      ].join('\n') + '\n',
    );
    const s = await ingestVehiclesFile(ctx, reads);
    expect(s).toMatchObject({ rowsIn: 8, rowsLanded: 2, rowsQuarantined: 6 });
    expect(s.rejects.map((r) => [r.line, r.field])).toEqual([
      [3, 'read_at'],
      [4, 'plate_text'],
      [5, 'camera_id'],
      [6, 'latitude'],
      [7, 'confidence'],
      [8, '(record)'],
    ]);
    expect(s.rejects[0]!.reason).toContain('2024-02-30T10:00:00+05:30');
    expect(s.rejects[5]!.reason).toBe('expected 7 columns, found 3');

    // Latin-1 bytes where UTF-8 was expected, and a bad registration date.
    const reg = writeFile(
      'registrations-bad.csv',
      Buffer.concat([
        Buffer.from(
          'registration_number,owner_name,vehicle_class,maker_model,chassis_number,engine_number,registered_on\n' +
            'UP65AB0001,RAM,Motor Cycle,Hero,,,2020-01-01\n' + // 2: good
            'UP65AB0002,RAM,Motor Cycle,Hero,,,2020-13-01\n' + // 3: no month 13
            ',RAM,Motor Cycle,Hero,,,2020-01-01\n' + // 4: no registration number
            'UP65AB0003,',
        ),
        Buffer.from('JOS\xc9', 'latin1'), // 5: not UTF-8
        Buffer.from(',Motor Car,Maruti,,,2020-01-01\n'),
      ]),
    );
    const r = await ingestVehiclesFile(ctx, reg);
    expect(r).toMatchObject({ rowsIn: 4, rowsLanded: 1, rowsQuarantined: 3 });
    expect(r.rejects.map((x) => [x.line, x.field])).toEqual([
      [3, 'registered_on'],
      [4, 'registration_number'],
      [5, 'owner_name'],
    ]);
    expect(r.rejects[2]!.reason).toContain('UTF-8');

    const q = await query(
      t,
      `select source, source_file, source_line, field from quarantine order by source_file, source_line`,
    );
    expect(q.map((x) => [x.source, x.source_file, x.source_line, x.field])).toEqual([
      ['vehicles', 'anpr-bad.csv', 3, 'read_at'],
      ['vehicles', 'anpr-bad.csv', 4, 'plate_text'],
      ['vehicles', 'anpr-bad.csv', 5, 'camera_id'],
      ['vehicles', 'anpr-bad.csv', 6, 'latitude'],
      ['vehicles', 'anpr-bad.csv', 7, 'confidence'],
      ['vehicles', 'anpr-bad.csv', 8, '(record)'],
      ['vehicles', 'registrations-bad.csv', 3, 'registered_on'],
      ['vehicles', 'registrations-bad.csv', 4, 'registration_number'],
      ['vehicles', 'registrations-bad.csv', 5, 'owner_name'],
    ]);
    expect(await query(t, `select plate_text, is_plate_valid from anpr_reads order by read_at`)).toEqual([
      { plate_text: 'UP61AB0001', is_plate_valid: true },
      { plate_text: '??', is_plate_valid: false },
    ]);
    expect(await query(t, 'select count(*)::int as n from vehicles')).toEqual([{ n: 1 }]);
  });

  it('marks a theft recovered when a later export says so (mapping profile), and replaces a re-exported registration', async () => {
    const t = make();
    const d = await db();
    const ctx = { lake: t.lake, db: d, now };
    await ingestVehiclesFile(ctx, sample('stolen_vehicles.csv'));
    const profile = loadProfile(sample('profile-example.yaml'), 'vehicles');
    const s = await ingestVehiclesFile({ ...ctx, profile }, sample('stolen-register-hindi.csv'));
    expect(s).toMatchObject({ rowsIn: 2, rowsLanded: 2, rowsQuarantined: 0 });
    expect(s.tables[0]).toMatchObject({ table: 'stolen_vehicles', rows: 2, replaced: 1, rowCount: 5 });
    const rows = await query(
      t,
      `select stolen_report_id, is_active, recovered_at, reported_at, police_station, district
       from stolen_vehicles where registration_number in ('UP65AB1234', 'UP65CZ4410') order by reported_at`,
    );
    expect(rows.map((r) => [r.stolen_report_id, r.is_active, r.police_station, r.district])).toEqual([
      ['UP65AB1234|jaunpur-line-bazar/2024/0101', false, 'Line Bazar', 'Jaunpur'],
      ['UP65CZ4410|varanasi-lanka/2024/0077', true, 'Lanka', 'Varanasi'],
    ]);
    // 2024/04/02 12:00 IST, read through the profile's date format.
    expect((rows[0]!.recovered_at as Date).toISOString()).toBe('2024-04-02T06:30:00.000Z');

    // The generator's layout: no status columns, the FIR as number/year.
    const minimal = writeFile(
      'stolen-minimal.csv',
      'registration_number,fir_reference,reported_at,district,police_station\nUP 67 GH 0101,0033/2025,03/02/2025 07:45,Chandauli,Sakaldiha\n',
    );
    await ingestVehiclesFile(ctx, minimal);
    expect(
      await query(
        t,
        `select stolen_report_id, is_active from stolen_vehicles where registration_number = 'UP67GH0101'`,
      ),
    ).toEqual([{ stolen_report_id: 'UP67GH0101|chandauli-sakaldiha/2025/0033', is_active: true }]);

    await ingestVehiclesFile(ctx, sample('registrations.csv'));
    const changed = writeFile(
      'registrations-update.csv',
      'registration_number,owner_name,vehicle_class,maker_model,chassis_number,engine_number,registered_on\n' +
        'UP 65 AB 1234,गीता यादव,Motor Cycle,Hero Splendor Plus,MBLHA10AX7E12345,HA10EA9712345,2019-04-12\n',
    );
    const u = await ingestVehiclesFile(ctx, changed);
    expect(u.tables[0]).toMatchObject({ table: 'vehicles', rows: 1, replaced: 1, rowCount: 7 });
    expect(
      await query(t, `select owner_name, plate_text from vehicles where registration_number = 'UP65AB1234'`),
    ).toEqual([{ owner_name: 'गीता यादव', plate_text: 'UP 65 AB 1234' }]);
  });

  it('refuses files that are no vehicle file or lack a required column', async () => {
    const t = make();
    const ctx = { lake: t.lake, db: await db(), now };
    await expect(ingestVehiclesFile(ctx, writeFile('odd.csv', 'a,b\n1,2\n'))).rejects.toThrow(IngestError);
    await expect(
      ingestVehiclesFile(ctx, writeFile('anpr-no-time.csv', 'camera_id,plate_text\nCAM-1,UP65AB1234\n')),
    ).rejects.toThrow(/read_at: column missing from the header/);
    await expect(ingestVehiclesFile(ctx, writeFile('empty.csv', ''))).rejects.toThrow(/empty/);
  });
});
