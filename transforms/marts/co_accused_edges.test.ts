import { describe, expect, it } from 'vitest';
import { withDuckDb } from '../../lake/duckdb.ts';
import { coAccusedEdgesModel } from './co_accused_edges.ts';
import { personRecords } from './person_records.ts';
import { tableOf } from './person_records.fixtures.ts';

describe('co_accused_edges', () => {
  it('pairs the persons of each FIR once, counting shared FIRs', async () => {
    const rows = await withDuckDb(undefined, async (db) => {
      const r = (person_id: string, fir_id: string, n: number, at: string) => ({
        record_id: `${fir_id}#${n}`,
        person_id,
        fir_id,
        accused_number: n,
        district: 'Jaunpur',
        month: '2024-01',
        registered_at: at,
        name: person_id,
      });
      await tableOf(db, personRecords, [
        r('PA', 'f1', 1, '2024-01-01T00:00:00Z'),
        r('PB', 'f1', 2, '2024-01-01T00:00:00Z'),
        r('PB', 'f2', 1, '2024-03-01T00:00:00Z'),
        r('PA', 'f2', 2, '2024-03-01T00:00:00Z'),
        r('PC', 'f2', 3, '2024-03-01T00:00:00Z'),
        r('PD', 'f3', 1, '2024-04-01T00:00:00Z'),
      ]);
      return db.all<Record<string, unknown>>(
        `select person_id, co_accused_person_id, fir_count, fir_ids from (${coAccusedEdgesModel.sql}) order by 1, 2`,
      );
    });
    expect(rows).toEqual([
      { person_id: 'PA', co_accused_person_id: 'PB', fir_count: 2, fir_ids: '["f1","f2"]' },
      { person_id: 'PA', co_accused_person_id: 'PC', fir_count: 1, fir_ids: '["f2"]' },
      { person_id: 'PB', co_accused_person_id: 'PC', fir_count: 1, fir_ids: '["f2"]' },
    ]);
  });
});
