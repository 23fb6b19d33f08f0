import { afterAll, describe, expect, it } from 'vitest';
import { openDuckDb, type DuckDb } from '../../lake/duckdb.ts';
import { attachLake } from '../../lake/session.ts';
import { firHeaders } from '../../schemas/cctns/layout.ts';
import { accused, fir, threeFirs, toCsv, writeAccused, writeFirs } from '../../test/util/cctns-fixtures.ts';
import { lakeKinds, tempDir, type TestLake } from '../../test/util/lakes.ts';
import { ingestCctnsFile } from './ingest-cctns.ts';

const dbs: DuckDb[] = [];
async function db(): Promise<DuckDb> {
  const d = await openDuckDb();
  dbs.push(d);
  return d;
}
afterAll(() => dbs.forEach((d) => d.close()));

async function count(t: TestLake, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await db();
  await attachLake(reader, t.lake);
  return reader.all(sql);
}

describe.each(lakeKinds)('CCTNS ingest on a $kind lake', ({ make }) => {
  it('lands FIRs, sections and accused; a repeated ingest adds nothing', async () => {
    const t = make();
    const dir = tempDir('cctns');
    const firFile = writeFirs(dir, 'firs.csv', threeFirs());
    const accFile = writeAccused(dir, 'accused.csv', [
      accused(),
      accused({ accused_number: '2', name: 'मोहम्मद सलीम', alias: '', father_name: 'अब्दुल रशीद', age: '41' }),
    ]);
    const d = await db();
    const s1 = await ingestCctnsFile({ lake: t.lake, db: d }, firFile);
    expect(s1).toMatchObject({ rowsIn: 3, rowsLanded: 3, rowsQuarantined: 0, alreadyIngested: false });
    expect(s1.tables.map((x) => [x.table, x.rows])).toEqual([
      ['firs', 3],
      ['fir_sections', 5],
    ]);
    await ingestCctnsFile({ lake: t.lake, db: d }, accFile);

    const again = await ingestCctnsFile({ lake: t.lake, db: d }, firFile);
    expect(again.alreadyIngested).toBe(true);

    const counts = await count(
      t,
      `select (select count(*) from firs)::int as firs, (select count(*) from fir_sections)::int as sections,
              (select count(*) from fir_accused)::int as accused`,
    );
    expect(counts).toEqual([{ firs: 3, sections: 5, accused: 2 }]);

    const rows = await count(
      t,
      `select fir_id, district, month, police_station_id, crime_head_id, crime_group, status, registered_at, h3_cell, brief_facts
       from firs order by registered_at`,
    );
    expect(rows.map((r) => [r.fir_id, r.district, r.month, r.crime_head_id, r.status])).toEqual([
      ['jaunpur-line-bazar/2024/0101', 'Jaunpur', '2024-03', 'theft', 'under_investigation'],
      ['jaunpur-line-bazar/2024/0245', 'Jaunpur', '2024-08', 'theft', 'under_investigation'],
      ['ghazipur-kotwali/2025/0012', 'Ghazipur', '2025-01', 'murder', 'charge_sheeted'],
    ]);
    // 15/03/2024 10:30 IST is 05:00 UTC.
    expect((rows[0]!.registered_at as Date).toISOString()).toBe('2024-03-15T05:00:00.000Z');
    expect(rows[0]!.h3_cell).toMatch(/^88[0-9a-f]+$/);
    // Devanagari round-trips unchanged.
    expect(rows[2]!.brief_facts).toBe('पुरानी रंजिश में धारदार हथियार से हत्या');
    const names = await count(t, `select name, father_name from fir_accused order by accused_number`);
    expect(names).toEqual([
      { name: 'Rajesh Kumar Yadav', father_name: 'Ram Prasad Yadav' },
      { name: 'मोहम्मद सलीम', father_name: 'अब्दुल रशीद' },
    ]);
  });

  it('replaces an FIR re-exported with a new status, and its sections with it', async () => {
    const t = make();
    const dir = tempDir('cctns');
    const d = await db();
    await ingestCctnsFile({ lake: t.lake, db: d }, writeFirs(dir, 'firs-week1.csv', threeFirs()));
    const updated = fir({
      status: 'Charge Sheet Filed',
      acts_sections: 'IPC 379',
      last_updated_at: '01/05/2024 11:00',
    });
    const s2 = await ingestCctnsFile({ lake: t.lake, db: d }, writeFirs(dir, 'firs-week2.csv', [updated]));
    expect(s2.tables.find((x) => x.table === 'firs')).toMatchObject({ rows: 1, replaced: 1, rowCount: 3 });
    const rows = await count(
      t,
      `select f.status, (select count(*) from fir_sections s where s.fir_id = f.fir_id)::int as sections,
              (select count(*) from firs)::int as total
       from firs f where fir_id = 'jaunpur-line-bazar/2024/0101'`,
    );
    expect(rows).toEqual([{ status: 'charge_sheeted', sections: 1, total: 3 }]);
  });

  it('quarantines malformed rows with file, line and field, and lands the good ones', async () => {
    const t = make();
    const dir = tempDir('cctns');
    const good = threeFirs();
    const header = firHeaders.join(',');
    const line = (f: Record<string, string>) => toCsv(firHeaders, [f]).split('\n')[1]!;
    const text = [
      header,
      line(good[0]!), // line 2
      line({ ...good[1]!, registered_at: '31/02/2024 10:00' }), // line 3: bad date
      line({ ...good[1]!, fir_number: '' }), // line 4: missing FIR number
      'Jaunpur,Line Bazar,0300,2024,15/03/2024 10:30', // line 5: wrong column count
      line({ ...good[2]!, place: 'ग्राम सिखड़ी' }), // line 6
    ].join('\n');
    const p = `${dir}/firs-bad.csv`;
    (await import('node:fs')).writeFileSync(p, text + '\n');
    const s = await ingestCctnsFile({ lake: t.lake, db: await db() }, p);
    expect(s.rowsIn).toBe(5);
    expect(s.rowsLanded + s.rowsQuarantined).toBe(s.rowsIn);
    expect(s.rowsLanded).toBe(2);
    expect(s.rejects.map((r) => [r.line, r.field])).toEqual([
      [3, 'registered_at'],
      [4, 'fir_number'],
      [5, '(record)'],
    ]);
    expect(s.rejects[0]!.reason).toContain('31/02/2024 10:00');
    expect(s.rejects[2]!.reason).toBe('expected 15 columns, found 5');
    const q = await count(
      t,
      `select source, source_file, source_line, field, raw from quarantine order by source_line`,
    );
    expect(q.map((r) => [r.source, r.source_file, r.source_line, r.field])).toEqual([
      ['cctns', 'firs-bad.csv', 3, 'registered_at'],
      ['cctns', 'firs-bad.csv', 4, 'fir_number'],
      ['cctns', 'firs-bad.csv', 5, '(record)'],
    ]);
    expect(q[2]!.raw).toBe('Jaunpur,Line Bazar,0300,2024,15/03/2024 10:30');
    expect(await count(t, 'select count(*)::int as n from firs')).toEqual([{ n: 2 }]);
  });
});
