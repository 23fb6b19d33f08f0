import { describe, expect, it } from 'vitest';
import { firAccused } from '../../ingestors/cctns/fir_accused.ts';
import { firs } from '../../ingestors/cctns/firs.ts';
import { createTableSql } from '../../lake/contract.ts';
import { withDuckDb, type DuckDb } from '../../lake/duckdb.ts';
import { localLake } from '../../test/util/lakes.ts';
import { personIdOf } from '../resolution/ids.ts';
import { personIdHistory } from './person_id_history.ts';
import { personRecords, personRecordsModel } from './person_records.ts';
import { tableOf, type PlainRow } from './person_records.fixtures.ts';

const t = localLake();

function accused(fir_id: string, name: string, extra: PlainRow = {}): PlainRow {
  return {
    fir_id,
    accused_number: 1,
    district: 'Jaunpur',
    month: '2024-03',
    name,
    father_name: 'Ram Prasad Yadav',
    sex: 'M',
    age: 32,
    address: 'Gram Rampur, Thana Line Bazar, Jaunpur',
    is_arrested: false,
    batch_id: 'b',
    source_file: 'accused.csv',
    ingested_at: '2024-04-01T00:00:00Z',
    ...extra,
  };
}

async function build(db: DuckDb): Promise<Record<string, unknown>[]> {
  await db.run('drop table if exists staging');
  await db.run(createTableSql('staging', personRecords));
  await personRecordsModel.run!({ lake: t.lake, db, config: t.config }, 'staging');
  return db.all('select * from staging order by record_id');
}

describe('person_records', () => {
  it('resolves the accused rows into persons, each link with its score and reasons, and keeps ids on a rebuild', async () => {
    await withDuckDb(undefined, async (db) => {
      await tableOf(db, firs, []);
      await tableOf(db, firAccused, [
        accused('jaunpur-line-bazar/2024/0001', 'Rajesh Kumar Yadav'),
        accused('jaunpur-line-bazar/2024/0002', 'राजेश यादव', {
          father_name: 'राम प्रसाद यादव',
          age: 33,
          address: 'ग्राम रामपुर, थाना लाइन बाजार, जनपद जौनपुर',
        }),
        accused('jaunpur-line-bazar/2024/0003', 'Sonu Pal', { father_name: 'Bhola Pal', age: 20 }),
      ]);
      const first = await build(db);
      expect(first.map((r) => [r.record_id, r.name_key, r.birth_year, r.home_police_station_id])).toEqual([
        ['jaunpur-line-bazar/2024/0001#1', 'rajes jadab', 1992, 'jaunpur-line-bazar'],
        ['jaunpur-line-bazar/2024/0002#1', 'rajes jadab', 1991, 'jaunpur-line-bazar'],
        ['jaunpur-line-bazar/2024/0003#1', 'sonu pal', 2004, 'jaunpur-line-bazar'],
      ]);
      const [a, b, c] = first;
      // A new person's id comes from its earliest record: `P` + base32 of its anchor's SHA-256.
      expect(a!.person_id).toBe(personIdOf('2024|jaunpur-line-bazar/2024/0001#1'));
      expect(c!.person_id).toBe(personIdOf('2024|jaunpur-line-bazar/2024/0003#1'));
      expect(a!.person_id).toBe(b!.person_id);
      expect(c!.person_id).not.toBe(a!.person_id);
      expect(a!.linked_record_id).toBe(b!.record_id);
      expect(Number(a!.link_probability)).toBeGreaterThanOrEqual(0.95);
      expect(String(a!.link_fields).split(',')).toEqual(expect.arrayContaining(['father_name', 'age', 'address']));
      expect(JSON.parse(String(a!.link_reasons))[0]).toEqual(expect.objectContaining({ field: 'first_name' }));
      expect(c!.linked_record_id).toBeNull();

      // The previous build is the memory: ids stay, previous_person_id says where each was.
      await db.run('create table person_records as select * from staging');
      await db.run(
        `insert into fir_accused by name select * replace ('jaunpur-line-bazar/2024/0004' as fir_id, 'Rajesh Yadav' as name) from fir_accused where fir_id like '%0001'`,
      );
      const second = await build(db);
      expect(second.slice(0, 3).map((r) => r.person_id)).toEqual(first.map((r) => r.person_id));
      expect(second.slice(0, 3).map((r) => r.previous_person_id)).toEqual(first.map((r) => r.person_id));
      expect(second[3]!.person_id).toBe(a!.person_id);
      expect(second[0]!.linked_record_id).not.toBeNull(); // previous persons keep their links' explanations
      expect(second[3]!.previous_person_id).toBeNull();
    });
  });

  it('never hands out an id used before: a taken id is derived again from its anchor', async () => {
    await withDuckDb(undefined, async (db) => {
      await tableOf(db, firs, []);
      await tableOf(db, firAccused, [
        accused('jaunpur-line-bazar/2024/0001', 'Sonu Pal', { father_name: 'Bhola Pal' }),
      ]);
      const taken = personIdOf('2024|jaunpur-line-bazar/2024/0001#1');
      await tableOf(db, personIdHistory, [
        {
          person_id: taken,
          event: 'merged',
          other_person_id: 'P0000000000',
          record_count: 1,
          recorded_at: '2024-01-01T00:00:00Z',
        },
      ]);
      const [row] = await build(db);
      expect(row!.person_id).toBe(personIdOf('2024|jaunpur-line-bazar/2024/0001#1#1'));
    });
  });
});
