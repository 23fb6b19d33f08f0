import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { openDuckDb, type DuckDb } from '../lake/duckdb.ts';
import { firNumber } from './cctns/fir-row.ts';
import { sex } from './cctns/child-rows.ts';
import { sqlFieldOf, sqlTrim } from './fields-sql.ts';
import {
  integerIn,
  istDateTime,
  oneOf,
  optionalIntegerIn,
  optionalIstDateTime,
  optionalNumberIn,
  optionalText,
  requiredText,
  text,
  yesNo,
} from './fields.ts';

/**
 * Every field parser with an SQL twin gives the same value and the same error message in SQL as
 * in zod, cell for cell, over ordinary, edge and broken cells.
 */
const cells = [
  '',
  ' ',
  'abc',
  '  padded\t',
  '\u00a0nbsp\u3000',
  '\ufeffbom',
  'x\u0600 ',
  'e\u0301\u2003',
  '\r\n',
  'end\u0301',
  'NA',
  'n/a',
  'Null',
  '-',
  'it\'s "quoted"',
  'राजेश कुमार',
  'bad \uFFFD byte',
  '0',
  '1',
  '+5',
  '-3',
  '007',
  '2024',
  '1949',
  '2100',
  '2101',
  '99999999999999999999',
  '1.5',
  '1.',
  '.5',
  '25.633559',
  ' 83.696767 ',
  '37.6',
  '1e3',
  'y',
  'Yes',
  'N',
  'false',
  'हाँ',
  'नहीं',
  'M',
  'female',
  'महिला',
  'x',
  'Charge Sheet Filed',
  'UNTRACED',
  'fr',
  '0001',
  '1234567',
  '12a',
  '01/01/2023 00:00',
  '01/01/0999 10:00',
  '00/00/0000 00:00',
  '31/12/2099 23:59',
  '01/01/2023  00:00',
  '1/7/2024 9:05',
  '15-07-2024 14:30:05',
  '15.07.2024',
  '31/02/2024 10:00',
  '29/02/2024 23:59',
  '29/02/2023 10:00',
  '15/13/2024 10:00',
  '15/07/2024 24:00',
  '15/07/2024 10:60',
  '15/07/2024 10:5',
  '00/07/2024',
  '2024-07-15 14:30',
  '2024-7-5',
  '2024-07-15T14:30:05',
  '2024-07-15T14:30:05Z',
  '2024-07-15T14:30+05:30',
  '2024-07-15T14:30:00+0530',
  '2024-07-15T14:30:59.5-01:00',
  '2024-07-15T09:00:00.250Z',
  '2024-02-30T10:00Z',
  '2024-07-15T25:00Z',
  '15/07/24 10:00',
  'yesterday',
];

const parsers: Record<string, z.ZodType<unknown, string>> = {
  text,
  requiredText,
  optionalText,
  istDateTime,
  optionalIstDateTime,
  integerIn: integerIn(1950, 2100),
  optionalIntegerIn: optionalIntegerIn(0, 120),
  optionalNumberIn: optionalNumberIn(6, 37.5),
  yesNo,
  oneOf: oneOf({ 'charge sheet filed': 'charge_sheeted', fr: 'final_report', untraced: 'untraced' }),
  optionalOneOf: sex,
  firNumber,
};

let db: DuckDb;
beforeAll(async () => {
  db = await openDuckDb();
  await db.run('create table cells (i integer, cell varchar)');
  for (const [i, c] of cells.entries()) await db.run('insert into cells values ($1, $2)', [i, c]);
});
afterAll(() => db.close());

describe('SQL twins of the field parsers', () => {
  it.each(Object.keys(parsers))('%s gives the same value and message in SQL as in zod', async (name) => {
    const parser = parsers[name]!;
    const twin = sqlFieldOf(parser);
    expect(twin, `${name} has an SQL twin`).toBeDefined();
    const t = sqlTrim('cell');
    const rows = await db.all<{ i: number; v: unknown; e: string | null }>(
      `with trimmed as (select i, ${t} as t from cells),
       typed as (select i, t, ${twin!.value('t')} as v from trimmed)
       select i, v, ${twin!.error('t', 'v')} as e from typed order by i`,
    );
    for (const row of rows) {
      const cell = cells[row.i]!;
      const z = parser.safeParse(cell);
      const label = `${name}(${JSON.stringify(cell)})`;
      if (!z.success) {
        expect(row.e, label).toBe(z.error.issues[0]!.message);
        continue;
      }
      expect(row.e, label).toBeNull();
      const v = row.v instanceof Date ? row.v.getTime() : row.v;
      const expected = z.data instanceof Date ? z.data.getTime() : z.data;
      expect(v, label).toEqual(expected);
    }
  });
});
