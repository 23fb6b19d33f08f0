import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDuckDb, type DuckDb } from '../../lake/duckdb.ts';
import { attachLake } from '../../lake/session.ts';
import { localLake, tempDir, type TestLake } from '../../test/util/lakes.ts';
import { IngestError } from '../batch.ts';
import { ingestEventsFile } from './ingest-events.ts';

const sample = path.join(path.dirname(fileURLToPath(import.meta.url)), 'samples', 'events.csv');
const now = () => new Date('2025-07-01T06:00:00Z');
const header = 'start_date,end_date,district,police_station,kind,name';

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

function writeFile(dir: string, name: string, text: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

describe('events calendar ingest', () => {
  it('lands the sample calendar with places, kinds and dates normalised; a repeated ingest adds nothing', async () => {
    const t = localLake();
    const ctx = { lake: t.lake, db: await db(), now };
    const s = await ingestEventsFile(ctx, sample);
    expect(s).toMatchObject({ rowsIn: 8, rowsLanded: 8, rowsQuarantined: 0, alreadyIngested: false });
    expect((await ingestEventsFile(ctx, sample)).alreadyIngested).toBe(true);
    const rows = await query(
      t,
      `select event_id, name, kind, start_date::varchar as start_date, end_date::varchar as end_date, district,
              district_id, police_station, police_station_id
       from events order by source_line`,
    );
    expect(rows).toEqual([
      {
        event_id: '2024-03-25|varanasi|*|holi',
        name: 'Holi',
        kind: 'festival',
        start_date: '2024-03-25',
        end_date: '2024-03-25',
        district: 'Varanasi',
        district_id: 'varanasi',
        police_station: null,
        police_station_id: null,
      },
      {
        event_id: '2025-03-14|varanasi|*|holi',
        name: 'Holi',
        kind: 'festival',
        start_date: '2025-03-14',
        end_date: '2025-03-15',
        district: 'Varanasi',
        district_id: 'varanasi',
        police_station: null,
        police_station_id: null,
      },
      {
        event_id: '2024-07-17|jaunpur|jaunpur-kotwali|muharram',
        name: 'Muharram',
        kind: 'festival',
        start_date: '2024-07-17',
        end_date: '2024-07-17',
        district: 'Jaunpur',
        district_id: 'jaunpur',
        police_station: 'Kotwali',
        police_station_id: 'jaunpur-kotwali',
      },
      {
        event_id: '2025-07-06|jaunpur|jaunpur-kotwali|muharram',
        name: 'Muharram',
        kind: 'festival',
        start_date: '2025-07-06',
        end_date: '2025-07-06',
        district: 'Jaunpur',
        district_id: 'jaunpur',
        police_station: 'Kotwali',
        police_station_id: 'jaunpur-kotwali',
      },
      // No district: the whole range.
      {
        event_id: '2024-11-01|*|*|diwali',
        name: 'Diwali',
        kind: 'festival',
        start_date: '2024-11-01',
        end_date: '2024-11-01',
        district: null,
        district_id: null,
        police_station: null,
        police_station_id: null,
      },
      // No end date: one day.
      {
        event_id: '2024-06-01|varanasi|*|lok sabha poll (phase 7)',
        name: 'Lok Sabha poll (phase 7)',
        kind: 'election',
        start_date: '2024-06-01',
        end_date: '2024-06-01',
        district: 'Varanasi',
        district_id: 'varanasi',
        police_station: null,
        police_station_id: null,
      },
      // Hindi kind, DD/MM/YYYY dates.
      {
        event_id: '2024-10-14|ghazipur|ghazipur-zamania|दशहरा',
        name: 'दशहरा',
        kind: 'festival',
        start_date: '2024-10-14',
        end_date: '2024-10-15',
        district: 'Ghazipur',
        district_id: 'ghazipur',
        police_station: 'Zamania',
        police_station_id: 'ghazipur-zamania',
      },
      {
        event_id: '2025-02-26|chandauli|*|mahashivratri mela',
        name: 'Mahashivratri mela',
        kind: 'other',
        start_date: '2025-02-26',
        end_date: '2025-02-26',
        district: 'Chandauli',
        district_id: 'chandauli',
        police_station: null,
        police_station_id: null,
      },
    ]);
  });

  it('replaces what an earlier version of the same calendar file landed', async () => {
    const t = localLake();
    const ctx = { lake: t.lake, db: await db(), now };
    const v1 = tempDir('events-v1');
    const v2 = tempDir('events-v2');
    await ingestEventsFile(
      ctx,
      writeFile(
        v1,
        'calendar.csv',
        `${header}\n2025-03-14,,Varanasi,,festival,Holi\n2025-04-06,,Varanasi,,festival,Ram Navami\n`,
      ),
    );
    await ingestEventsFile(ctx, writeFile(v2, 'calendar.csv', `${header}\n2025-03-15,,Varanasi,,festival,Holi\n`));
    expect(await query(t, 'select event_id from events')).toEqual([{ event_id: '2025-03-15|varanasi|*|holi' }]);
  });

  it('quarantines bad rows with line and field, and rejects a file that is no calendar', async () => {
    const t = localLake();
    const ctx = { lake: t.lake, db: await db(), now };
    const dir = tempDir('events-bad');
    const s = await ingestEventsFile(
      ctx,
      writeFile(
        dir,
        'bad.csv',
        `${header}\n2025-03-14,2025-03-10,Varanasi,,festival,Holi\n2025-03-14,,,Chowk,festival,Holi\n2025-03-14,,Varanasi,,mela,Holi\n2025-03-14,,Varanasi,,other,Ganga Dussehra\n`,
      ),
    );
    expect(s).toMatchObject({ rowsIn: 4, rowsLanded: 1, rowsQuarantined: 3 });
    expect(s.rejects.map((r) => [r.line, r.field])).toEqual([
      [2, 'end_date'],
      [3, 'district'],
      [4, 'kind'],
    ]);
    await expect(ingestEventsFile(ctx, writeFile(dir, 'x.csv', 'date,what\n2025-01-01,x\n'))).rejects.toThrow(
      IngestError,
    );
  });
});
