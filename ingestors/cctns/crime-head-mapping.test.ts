import { afterAll, describe, expect, it } from 'vitest';
import { openDuckDb, type DuckDb } from '../../lake/duckdb.ts';
import { attachLake } from '../../lake/session.ts';
import { sectionMappings } from '../../reference/crime-heads.ts';
import { fir, writeFirs } from '../../test/util/cctns-fixtures.ts';
import { localLake, tempDir } from '../../test/util/lakes.ts';
import { ingestCctnsFile } from './ingest-cctns.ts';

let db: DuckDb;
afterAll(() => db?.close());

describe('IPC and BNS land on one crime head', () => {
  it('for every IPC row of the mapping table, an IPC FIR (before 1 July 2024) and its BNS FIR (after) get the same head', async () => {
    db = await openDuckDb();
    const t = localLake();
    const ipcRows = sectionMappings.filter((m) => m.act === 'IPC' && m.bnsEquivalent);
    expect(ipcRows.length).toBeGreaterThanOrEqual(40);
    const cite = (m: { section: string; subSection: string | null }) =>
      m.section + (m.subSection ? `(${m.subSection})` : '');
    const rows = ipcRows.flatMap((m, i) => [
      // The act is left implicit ("धारा 379"): the registration date decides IPC or BNS.
      fir({ fir_number: String(2 * i + 1), registered_at: '20/06/2024 10:00', acts_sections: `धारा ${cite(m)}` }),
      fir({
        fir_number: String(2 * i + 2),
        registered_at: '20/07/2024 10:00',
        acts_sections: `BNS ${m.bnsEquivalent}`,
      }),
    ]);
    const s = await ingestCctnsFile({ lake: t.lake, db }, writeFirs(tempDir('map'), 'firs.csv', rows));
    expect(s.rowsQuarantined).toBe(0);
    await attachLake(db, t.lake);
    const got = await db.all<{ fir_number: string; act: string; section: string; crime_head_id: string | null }>(
      `select f.fir_number, s.act, s.section, s.crime_head_id
       from fir_sections as s inner join firs as f using (fir_id)
       where s.section_number = 1 order by f.fir_number`,
    );
    const byNumber = new Map(got.map((g) => [Number(g.fir_number), g]));
    ipcRows.forEach((m, i) => {
      const ipc = byNumber.get(2 * i + 1)!;
      const bns = byNumber.get(2 * i + 2)!;
      expect(ipc.act, cite(m)).toBe('IPC');
      expect(bns.act, m.bnsEquivalent).toBe('BNS');
      expect(ipc.crime_head_id, `IPC ${cite(m)}`).toBe(m.crimeHeadId);
      expect(bns.crime_head_id, `IPC ${cite(m)} → BNS ${m.bnsEquivalent}`).toBe(m.crimeHeadId);
    });
  });
});
