import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestPath } from '../../ingestors/index.ts';
import { anprReads } from '../../ingestors/vehicles/anpr_reads.ts';
import { cameras } from '../../ingestors/vehicles/cameras.ts';
import { stolenVehicles } from '../../ingestors/vehicles/stolen_vehicles.ts';
import { openDuckDb, type DuckDb } from '../../lake/duckdb.ts';
import { normalisePlate } from '../../reference/plates.ts';
import { attachLake } from '../../lake/session.ts';
import { buildModels } from '../build.ts';
import { localLake, tempDir } from '../../test/util/lakes.ts';
import { inputTable, rowsOf, runModel } from '../../test/util/model-tables.ts';

const stolenCsv = `registration_number,fir_reference,reported_at,district,police_station,status,recovered_at
UP65 AB 1204,0101/2024,15/03/2024 10:30,Jaunpur,Line Bazar,stolen,
UP-62-BX-0457,0102/2024,01/03/2024 09:00,Jaunpur,Line Bazar,recovered,20/03/2024 12:00
UP65CD7777,0103/2024,01/03/2024 09:00,Jaunpur,Kerakat,recovered,
`;

const anprCsv = `camera_id,place,latitude,longitude,read_at,plate_text,confidence
ANPR-JAU-001,Line Bazar crossing,25.738100,82.675300,2024-03-20T08:15:07+05:30,UP65AB12O4,0.71
ANPR-JAU-001,Line Bazar crossing,25.738100,82.675300,2024-03-20T09:00:00+05:30,UP 65 AB 1204,0.97
ANPR-JAU-001,Line Bazar crossing,25.738100,82.675300,2024-03-10T08:00:00+05:30,UP65AB1204,0.96
ANPR-JAU-002,Kerakat bypass,25.635000,82.915000,2024-03-15T10:00:00+05:30,UP62BX0457,0.93
ANPR-JAU-002,Kerakat bypass,25.635000,82.915000,2024-03-25T10:00:00+05:30,UP62BX0457,0.94
ANPR-JAU-002,Kerakat bypass,25.635000,82.915000,2024-03-25T11:00:00+05:30,UP65AB1205,0.95
ANPR-JAU-002,Kerakat bypass,25.635000,82.915000,2024-03-25T12:00:00+05:30,UP65CD7777,0.95
`;

describe('stolen_vehicle_sightings', () => {
  let db: DuckDb;
  beforeEach(async () => {
    db = await openDuckDb();
  });
  afterEach(() => db.close());

  it('finds reads of stolen vehicles between report and recovery, an O/0 confusion included', async () => {
    const { lake } = localLake();
    const dir = tempDir('vehicles');
    fs.writeFileSync(path.join(dir, 'stolen_vehicles.csv'), stolenCsv);
    fs.writeFileSync(path.join(dir, 'anpr_reads.csv'), anprCsv);
    await ingestPath({ lake, db }, 'vehicles', dir);
    await buildModels(lake, db, ['stolen_vehicle_sightings']);
    await attachLake(db, lake);
    const rows = await db.all(
      `select camera_id, strftime(read_at, '%Y-%m-%dT%H:%M:%SZ') as read_at, plate_text, registration_number,
              plate_repaired, place, camera_district, fir_id, police_station_id, hours_since_report, is_still_missing
       from stolen_vehicle_sightings order by read_at`,
    );
    expect(rows).toEqual([
      {
        camera_id: 'ANPR-JAU-002',
        read_at: '2024-03-15T04:30:00Z',
        plate_text: 'UP62BX0457',
        registration_number: 'UP62BX0457',
        plate_repaired: false,
        place: 'Kerakat bypass',
        camera_district: 'Jaunpur',
        fir_id: 'jaunpur-line-bazar/2024/0102',
        police_station_id: 'jaunpur-line-bazar',
        hours_since_report: 14 * 24 + 1, // 01/03 09:00 → 15/03 10:00 IST
        is_still_missing: false,
      },
      {
        camera_id: 'ANPR-JAU-001',
        read_at: '2024-03-20T02:45:07Z',
        plate_text: 'UP65AB12O4',
        registration_number: 'UP65AB1204',
        plate_repaired: true,
        place: 'Line Bazar crossing',
        camera_district: 'Jaunpur',
        fir_id: 'jaunpur-line-bazar/2024/0101',
        police_station_id: 'jaunpur-line-bazar',
        hours_since_report: 4 * 24 + 21 + 45 / 60 + 7 / 3600, // 15/03 10:30 → 20/03 08:15:07 IST
        is_still_missing: true,
      },
      {
        camera_id: 'ANPR-JAU-001',
        read_at: '2024-03-20T03:30:00Z',
        plate_text: 'UP 65 AB 1204',
        registration_number: 'UP65AB1204',
        plate_repaired: false,
        place: 'Line Bazar crossing',
        camera_district: 'Jaunpur',
        fir_id: 'jaunpur-line-bazar/2024/0101',
        police_station_id: 'jaunpur-line-bazar',
        hours_since_report: 4 * 24 + 22.5,
        is_still_missing: true,
      },
    ]);
  });

  it('does not take one letter for another: a read of UP65AO1234 is no sighting of the stolen UP65AD1234', async () => {
    await inputTable(db, stolenVehicles, [
      {
        stolen_report_id: 'UP65AD1234|x',
        month: '2024-03',
        registration_number: 'UP65AD1234',
        plate_text: 'UP65AD1234',
        is_plate_valid: true,
        plate_repaired: false,
        is_known_police_station: true,
        reported_at: '2024-03-01T00:00:00Z',
        is_active: true,
      },
    ]);
    // The camera read 0 where the series has a letter; the ingest made it O, not D.
    await inputTable(db, anprReads, [
      {
        camera_id: 'C1',
        read_at: '2024-03-02T00:00:00Z',
        month: '2024-03',
        plate_text: 'UP65A01234',
        registration_number: normalisePlate('UP65A01234').registrationNumber,
        is_plate_valid: true,
        plate_repaired: true,
      },
    ]);
    await inputTable(db, cameras, [{ camera_id: 'C1', district: 'Jaunpur' }]);
    await runModel(db, 'stolen_vehicle_sightings');
    expect(await rowsOf(db, 'stolen_vehicle_sightings', ['read_at'])).toEqual([]);
  });
});
