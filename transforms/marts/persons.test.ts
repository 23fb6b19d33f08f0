import { describe, expect, it } from 'vitest';
import { withDuckDb } from '../../lake/duckdb.ts';
import { personRecords } from './person_records.ts';
import { personsModel } from './persons.ts';
import { tableOf } from './person_records.fixtures.ts';

describe('persons', () => {
  it('names a person by the Latin spelling recorded most, keeping a Devanagari one beside it', async () => {
    const rows = await withDuckDb(undefined, async (db) => {
      const base = { person_id: 'P1', district: 'Varanasi', month: '2024-01', sex: 'M' };
      await tableOf(db, personRecords, [
        {
          ...base,
          record_id: 'f1#1',
          fir_id: 'f1',
          accused_number: 1,
          registered_at: '2024-01-05T00:00:00Z',
          name: 'राजेश कुमार यादव',
          name_latin: 'rajesh kumar yadav',
          father_name: 'राम प्रसाद यादव',
          father_name_latin: 'ram prasad yadav',
          birth_year: 1990,
          home_district: 'varanasi',
        },
        {
          ...base,
          record_id: 'f2#1',
          fir_id: 'f2',
          accused_number: 1,
          registered_at: '2024-06-05T00:00:00Z',
          name: 'Rajesh Yadav s/o Ram Prasad',
          name_latin: 'rajesh yadav',
          father_name: 'ram prasad',
          father_name_latin: 'ram prasad',
          birth_year: 1991,
        },
        {
          ...base,
          record_id: 'f3#1',
          fir_id: 'f3',
          accused_number: 1,
          registered_at: '2024-09-05T00:00:00Z',
          name: 'Rajesh Kumar Yadav',
          name_latin: 'rajesh kumar yadav',
          father_name: 'Ram Prasad Yadav',
          father_name_latin: 'ram prasad yadav',
          birth_year: 1992,
          home_district: 'varanasi',
        },
      ]);
      return db.all<Record<string, unknown>>(`select * from (${personsModel.sql})`);
    });
    expect(rows).toEqual([
      {
        person_id: 'P1',
        name: 'Rajesh Kumar Yadav',
        name_devanagari: 'राजेश कुमार यादव',
        father_name: 'Ram Prasad Yadav',
        sex: 'M',
        birth_year: 1991,
        home_district: 'varanasi',
        record_count: 3,
        fir_count: 3,
        first_registered_at: new Date('2024-01-05T00:00:00Z'),
        last_registered_at: new Date('2024-09-05T00:00:00Z'),
      },
    ]);
  });
});
