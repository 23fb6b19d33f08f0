import { cellToParent, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firs } from '../../ingestors/cctns/firs.ts';
import { tips } from '../../ingestors/tips/tips.ts';
import { loadConfig } from '../../lake/config.ts';
import { openDuckDb, type DuckDb } from '../../lake/duckdb.ts';
import { localLake } from '../../test/util/lakes.ts';
import { inputTable, rowsOf, runModel } from '../../test/util/model-tables.ts';
import { incidentsModel } from './incidents-step.ts';

const cell = '883c164e01fffff';

describe('incidents', () => {
  let db: DuckDb;
  beforeAll(async () => {
    db = await openDuckDb();
    await inputTable(db, firs, [
      // 20:00 UTC on Sunday 9 March is 01:30 IST on Monday 10 March: ISO week 11.
      {
        fir_id: 'a/2025/0001',
        district: 'Varanasi',
        police_station_id: 'varanasi-chowk',
        registered_at: '2025-03-09T20:00:00Z',
        crime_group: 'property',
        crime_head_id: 'theft',
        latitude: 25.31,
        longitude: 83.01,
        h3_cell: cell,
      },
      {
        fir_id: 'a/2025/0002',
        district: 'Varanasi',
        police_station_id: 'varanasi-chowk',
        registered_at: '2025-03-09T18:00:00Z',
        crime_group: null,
        latitude: 25.3,
        longitude: 83.0,
        h3_cell: null,
      },
      {
        fir_id: 'a/2025/0003',
        district: 'Varanasi',
        police_station_id: 'varanasi-chowk',
        registered_at: '2025-03-10T10:00:00Z',
        crime_group: 'violent',
        latitude: null,
        longitude: null,
        h3_cell: null,
      },
    ]);
    await inputTable(db, tips, [
      {
        tip_id: 'T1',
        district: 'Varanasi',
        police_station_id: null,
        category: 'cow_smuggling',
        received_at: '2025-03-12T10:00:00Z',
        latitude: 25.32,
        longitude: 83.02,
        h3_cell: latLngToCell(25.32, 83.02, 8),
      },
      {
        tip_id: 'T2',
        district: 'Varanasi',
        police_station_id: 'varanasi-chowk',
        category: 'other',
        received_at: '2025-03-12T10:00:00Z',
      },
    ]);
  });
  afterAll(() => db.close());

  it('keeps located FIRs and tips with their cell, IST week and group', async () => {
    await runModel(db, 'incidents');
    const rows = await db.all(
      `select source, incident_id, week, week_start::varchar as week_start, crime_group, crime_head_id, h3_cell, h3_resolution
       from incidents order by source, incident_id`,
    );
    expect(rows).toEqual([
      {
        source: 'fir',
        incident_id: 'a/2025/0001',
        week: '2025-W11',
        week_start: '2025-03-10',
        crime_group: 'property',
        crime_head_id: 'theft',
        h3_cell: cell,
        h3_resolution: 8,
      },
      // No cell in the lake: computed from the coordinates (h3-js). Sunday evening IST: week 10.
      {
        source: 'fir',
        incident_id: 'a/2025/0002',
        week: '2025-W10',
        week_start: '2025-03-03',
        crime_group: 'unknown',
        crime_head_id: null,
        h3_cell: latLngToCell(25.3, 83.0, 8),
        h3_resolution: 8,
      },
      {
        source: 'tip',
        incident_id: 'T1',
        week: '2025-W11',
        week_start: '2025-03-10',
        crime_group: 'tip_cow_smuggling',
        crime_head_id: null,
        h3_cell: latLngToCell(25.32, 83.02, 8),
        h3_resolution: 8,
      },
    ]);
    const prints = await db.all<{ week: string; n: number }>(
      'select week, count(distinct input_fingerprint)::integer as n from incidents group by 1 order by 1',
    );
    expect(prints).toEqual([
      { week: '2025-W10', n: 1 },
      { week: '2025-W11', n: 1 },
    ]);
  });

  it('puts the incidents on a coarser grid when the resolution is set', async () => {
    const config = loadConfig({ CRIMELAKE_H3_RESOLUTION: '7' });
    await incidentsModel.run!({ db, lake: localLake().lake, config }, 'incidents_r7');
    const rows = await rowsOf(db, 'incidents_r7', ['incident_id'], ['incident_id', 'h3_cell', 'h3_resolution']);
    expect(rows.find((r) => r.incident_id === 'a/2025/0001')).toEqual({
      incident_id: 'a/2025/0001',
      h3_cell: latLngToCell(25.31, 83.01, 7),
      h3_resolution: 7,
    });
    expect(latLngToCell(25.31, 83.01, 7)).toBe(cellToParent(latLngToCell(25.31, 83.01, 8), 7));
  });
});
