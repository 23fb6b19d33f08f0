import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDuckDb, type DuckDb } from '../../lake/duckdb.ts';
import { attachLake } from '../../lake/session.ts';
import { lakeKinds, tempDir } from '../../test/util/lakes.ts';
import { ingestPath } from '../index.ts';
import { loadProfile } from '../profile.ts';
import { ingestCctnsFile } from './ingest-cctns.ts';

const samples = path.join(import.meta.dirname, 'samples');
const dbs: DuckDb[] = [];
async function db(): Promise<DuckDb> {
  const d = await openDuckDb();
  dbs.push(d);
  return d;
}
afterAll(() => dbs.forEach((d) => d.close()));

describe.each(lakeKinds)('CCTNS samples on a $kind lake', ({ make }) => {
  it('ingests every sample extract and the JSON export with exact counts and values', async () => {
    const t = make();
    const summaries = await ingestPath({ lake: t.lake, db: await db() }, 'cctns', samples);
    // The variant/ folder needs its profile: it is ingested below, not here.
    expect(summaries.map((s) => [s.file, s.rowsIn, s.rowsLanded, s.rowsQuarantined])).toEqual([
      ['accused.csv', 4, 4, 0],
      ['arrests.csv', 2, 2, 0],
      ['export.json', 9, 9, 0],
      ['final_reports.csv', 3, 3, 0],
      ['firs.csv', 5, 5, 0],
      ['seizures.csv', 2, 2, 0],
      ['victims.csv', 3, 3, 0],
    ]);
    const reader = await db();
    await attachLake(reader, t.lake);
    const counts = await reader.all(
      `select (select count(*) from firs)::int as firs, (select count(*) from fir_sections)::int as sections,
              (select count(*) from fir_accused)::int as accused, (select count(*) from fir_victims)::int as victims,
              (select count(*) from arrests)::int as arrests, (select count(*) from seizures)::int as seizures,
              (select count(*) from final_reports)::int as reports`,
    );
    expect(counts).toEqual([{ firs: 7, sections: 11, accused: 6, victims: 4, arrests: 3, seizures: 4, reports: 4 }]);
    const json = await reader.all(
      `select f.fir_id, f.crime_head_id, f.registered_at, f.place, a.name, a.arrested_at, s.value_inr
       from firs as f
       inner join fir_accused as a using (fir_id)
       inner join seizures as s using (fir_id)
       where f.source_file = 'export.json' order by f.fir_id`,
    );
    expect(json).toEqual([
      {
        fir_id: 'ghazipur-zamania/2024/0201',
        crime_head_id: expect.any(String),
        registered_at: new Date('2024-05-03T11:10:00Z'),
        place: 'Zamania station road',
        name: 'Shahid Ansari',
        arrested_at: new Date('2024-05-03T10:30:00Z'),
        value_inr: 6000,
      },
      {
        fir_id: 'jaunpur-shahganj/2025/0058',
        crime_head_id: expect.any(String),
        registered_at: new Date('2025-02-10T05:50:00Z'),
        place: 'मोहल्ला बाजार, शाहगंज',
        name: 'Pappu Bind',
        arrested_at: new Date('2025-02-20T02:30:00Z'),
        value_inr: 8500,
      },
    ]);
    const seizure = await reader.all(
      `select property_type, registration_number from seizures where property_type = 'vehicle'`,
    );
    expect(seizure).toEqual([{ property_type: 'vehicle', registration_number: 'UP65 CK 4321' }]);
    const cs = await reader.all(`select report_type, count(*)::int as n from final_reports group by 1 order by 1`);
    expect(cs).toEqual([
      { report_type: 'charge_sheet', n: 3 },
      { report_type: 'final_report', n: 1 },
    ]);
  });

  it('reads an export variant through its mapping profile', async () => {
    const t = make();
    const profile = loadProfile(path.join(samples, 'variant/profile-example.yaml'), 'cctns');
    const s = await ingestCctnsFile(
      { lake: t.lake, db: await db(), profile },
      path.join(samples, 'variant/firs-variant.csv'),
    );
    expect([s.rowsIn, s.rowsLanded, s.rowsQuarantined]).toEqual([2, 2, 0]);
    const reader = await db();
    await attachLake(reader, t.lake);
    expect(await reader.all(`select fir_id, status, registered_at, crime_head_id from firs order by fir_id`)).toEqual([
      {
        fir_id: 'varanasi-cantt/2024/0912',
        status: 'charge_sheeted',
        registered_at: new Date('2024-10-22T08:30:00Z'),
        crime_head_id: expect.any(String),
      },
      {
        fir_id: 'varanasi-sigra/2024/0911',
        status: 'under_investigation',
        registered_at: new Date('2024-10-21T03:45:00Z'),
        crime_head_id: 'cheating',
      },
    ]);
  });
});

describe('broken CCTNS exports', () => {
  it('a truncated JSON export fails with file and line, and leaves nothing in the lake', async () => {
    const t = lakeKinds[0].make();
    const dir = tempDir('json');
    const text = fs.readFileSync(path.join(samples, 'export.json'), 'utf8');
    const file = path.join(dir, 'export-truncated.json');
    fs.writeFileSync(file, text.slice(0, Math.floor(text.length / 2)));
    await expect(ingestCctnsFile({ lake: t.lake, db: await db() }, file)).rejects.toThrow(
      /^export-truncated\.json:\d+: not valid JSON .*nothing from this file was ingested$/,
    );
    const keys: string[] = [];
    for await (const o of t.lake.storage.list('')) keys.push(o.key);
    expect(keys).toEqual([]);
  });

  it('quarantines JSONL records with wrong types, missing keys, bad dates and truncated lines', async () => {
    const t = lakeKinds[0].make();
    const dir = tempDir('jsonl');
    const doc = JSON.parse(fs.readFileSync(path.join(samples, 'export.json'), 'utf8')) as {
      firs: Record<string, unknown>[];
    };
    const [a, b] = doc.firs;
    const lines = [
      JSON.stringify(a), // 1: good (FIR + 4 children)
      JSON.stringify({ ...b, fir_year: 'twenty' }), // 2: wrong type → FIR and its 3 children quarantined
      JSON.stringify({
        ...b,
        fir_number: '0202',
        registered_at: '2024-02-30T10:00:00+05:30',
        accused: [],
        seizures: [],
        final_reports: [],
      }), // 3: bad date
      JSON.stringify({ ...b, fir_number: '0203', accused: [{ accused_number: 1 }], seizures: [], final_reports: [] }), // 4: good FIR, accused without a name
      JSON.stringify(b).slice(0, 80), // 5: truncated
    ];
    const file = path.join(dir, 'firs.jsonl');
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const s = await ingestCctnsFile({ lake: t.lake, db: await db() }, file);
    expect(s.rowsLanded + s.rowsQuarantined).toBe(s.rowsIn);
    expect(s.rejects.map((r) => [r.line, r.field])).toEqual([
      [2, 'fir.fir_year'],
      [2, 'fir.accused[0]'],
      [2, 'fir.seizures[0]'],
      [2, 'fir.final_reports[0]'],
      [3, 'fir.registered_at'],
      [4, 'fir.accused[0].name'],
      [5, '(record)'],
    ]);
    expect(s.rowsLanded).toBe(5 + 1);
  });

  it('quarantines a CSV line that is not UTF-8, naming the field', async () => {
    const t = lakeKinds[0].make();
    const dir = tempDir('enc');
    const csv = fs.readFileSync(path.join(samples, 'firs.csv'));
    // Line 3 with a Windows-1252 "é" (0xE9) in the place: not valid UTF-8.
    const [before, after] = csv.toString('utf8').split('Jaunpur railway station');
    const bad = Buffer.concat([
      Buffer.from(before + 'Caf'),
      Buffer.from([0xe9]),
      Buffer.from(' near the station' + after),
    ]);
    const file = path.join(dir, 'firs-latin1.csv');
    fs.writeFileSync(file, bad);
    const s = await ingestCctnsFile({ lake: t.lake, db: await db() }, file);
    expect(s.rejects.map((r) => [r.line, r.field, r.reason])).toEqual([
      [3, 'place', 'not valid UTF-8 (is the file in another encoding?)'],
    ]);
    expect(s.rowsLanded).toBe(4);
  });
});
