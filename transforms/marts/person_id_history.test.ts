import { describe, expect, it } from 'vitest';
import { withDuckDb } from '../../lake/duckdb.ts';
import { localLake } from '../../test/util/lakes.ts';
import { personIdHistory, personIdHistoryModel } from './person_id_history.ts';
import { personRecords } from './person_records.ts';
import { tableOf } from './person_records.fixtures.ts';

describe('person_id_history', () => {
  it('records merges, splits and moves, and keeps the events of earlier builds', async () => {
    const t = localLake();
    const rows = await withDuckDb(undefined, async (db) => {
      const r = (record_id: string, person_id: string, previous_person_id: string | null) => ({
        record_id,
        person_id,
        previous_person_id,
        fir_id: record_id,
        accused_number: 1,
        district: 'Jaunpur',
        month: '2024-01',
        name: 'x',
      });
      await tableOf(db, personRecords, [
        r('a', 'P1', 'P1'),
        r('b', 'P1', 'P2'), // P2 is gone: merged into P1
        r('c', 'P3', 'P3'),
        r('d', 'P9', 'P3'), // a new person split off P3
        r('e', 'P1', 'P3'), // a record of P3 moved to P1
        r('f', 'P4', null), // new record, new person
      ]);
      await tableOf(db, personIdHistory, [
        {
          person_id: 'P0',
          event: 'merged',
          other_person_id: 'P1',
          record_count: 2,
          recorded_at: '2024-01-01T00:00:00Z',
        },
      ]);
      await db.run('create temp table staging as select * from person_id_history where false');
      await personIdHistoryModel.run!({ lake: t.lake, db, config: t.config }, 'staging');
      return db.all<Record<string, unknown>>(
        'select person_id, event, other_person_id, record_count from staging order by person_id, event',
      );
    });
    expect(rows).toEqual([
      { person_id: 'P0', event: 'merged', other_person_id: 'P1', record_count: 2 },
      { person_id: 'P2', event: 'merged', other_person_id: 'P1', record_count: 1 },
      { person_id: 'P3', event: 'moved', other_person_id: 'P1', record_count: 1 },
      { person_id: 'P3', event: 'split', other_person_id: 'P9', record_count: 1 },
    ]);
  });
});
