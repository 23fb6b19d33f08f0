import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestCctnsFile } from '../ingestors/cctns/ingest-cctns.ts';
import { fir, threeFirs, writeFirs } from '../test/util/cctns-fixtures.ts';
import { lakeKinds, localLake, tempDir } from '../test/util/lakes.ts';
import { currentSnapshot } from './catalog.ts';
import { openDuckDb, type DuckDb } from './duckdb.ts';
import { InjectedFailure } from './table-writer.ts';
import { attachLake } from './session.ts';

const dbs: DuckDb[] = [];
async function db(): Promise<DuckDb> {
  const d = await openDuckDb();
  dbs.push(d);
  return d;
}
afterAll(() => dbs.forEach((d) => d.close()));

describe.each(lakeKinds)('commit on a $kind lake', ({ make }) => {
  it('a commit killed between writing files and committing leaves readers on the old table; a retry completes it', async () => {
    const t = make();
    const dir = tempDir('commit');
    await ingestCctnsFile({ lake: t.lake, db: await db() }, writeFirs(dir, 'week1.csv', threeFirs()));
    const before = await currentSnapshot(t.lake.storage, 'firs');

    const week2 = writeFirs(dir, 'week2.csv', [
      fir({ status: 'Charge Sheet Filed' }), // replaces an FIR of week 1
      fir({ fir_number: '0777', registered_at: '20/03/2024 08:00' }), // a new FIR
    ]);
    await expect(
      ingestCctnsFile({ lake: t.lake, db: await db(), failAfterUpload: true }, week2),
    ).rejects.toBeInstanceOf(InjectedFailure);

    // Readers see the table exactly as before: same snapshot, same rows, same status.
    expect(await currentSnapshot(t.lake.storage, 'firs')).toEqual(before);
    const reader = await db();
    await attachLake(reader, t.lake);
    expect(
      await reader.all(`select count(*)::int as n, count(*) filter (where status = 'charge_sheeted')::int as cs from firs`),
    ).toEqual([{ n: 3, cs: 1 }]);

    // The retry (same file, same batch) completes the commit, with no duplicate rows.
    const retried = await ingestCctnsFile({ lake: t.lake, db: await db() }, week2);
    expect(retried.tables.find((x) => x.table === 'firs')).toMatchObject({ rows: 2, replaced: 1, rowCount: 4 });
    const after = await db();
    await attachLake(after, t.lake);
    expect(
      await after.all(
        `select count(*)::int as n, count(distinct fir_id)::int as ids,
                count(*) filter (where status = 'charge_sheeted')::int as cs from firs`,
      ),
    ).toEqual([{ n: 4, ids: 4, cs: 2 }]);

    // Nothing stray is left under tables/: every Parquet file there is a live one.
    const live = new Set((await currentSnapshot(t.lake.storage, 'firs'))!.files.map((f) => f.key));
    const stored: string[] = [];
    for await (const o of t.lake.storage.list('tables/firs/')) stored.push(o.key);
    expect(stored.sort()).toEqual([...live].sort());
  });
});

describe('plain Parquet', () => {
  it('tables/firs/ reads as Hive-partitioned Parquet in a DuckDB that knows nothing of crimelake', async () => {
    const t = localLake();
    const dir = tempDir('plain');
    await ingestCctnsFile({ lake: t.lake, db: await db() }, writeFirs(dir, 'firs.csv', threeFirs()));
    const root = t.lake.storage.localPath('tables/firs')!;
    const files = (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.parquet'));
    expect(files.every((f) => /^district=[A-Za-z]+\/month=\d{4}-\d{2}\/part-[0-9a-f]{16}-\d+\.parquet$/.test(f.split(path.sep).join('/')))).toBe(true);

    const plain = await db(); // no views, no catalog: just the files
    const rows = await plain.all<{ district: string; month: string; n: bigint }>(
      `select district, month, count(*) as n
       from read_parquet('${root}/**/*.parquet', hive_partitioning = true)
       group by all order by all`,
    );
    expect(rows.map((r) => [r.district, r.month, Number(r.n)])).toEqual([
      ['Ghazipur', '2025-01', 1],
      ['Jaunpur', '2024-03', 1],
      ['Jaunpur', '2024-08', 1],
    ]);
    const meta = await plain.all<{ compression: string }>(
      `select distinct compression from parquet_metadata('${root}/**/*.parquet')`,
    );
    expect(meta.map((m) => m.compression)).toEqual(['ZSTD']);
  });
});

describe('unpartitioned tables', () => {
  it('upserts by key into a single file', async () => {
    const { z } = await import('zod');
    const { col, defineTable } = await import('./contract.ts');
    const { StagingTable } = await import('./staging.ts');
    const { writeTable } = await import('./table-writer.ts');
    const things = defineTable({
      name: 'things',
      description: 'test',
      grain: 'one row per thing',
      key: ['thing_id'],
      replaceKey: ['thing_id'],
      partitionBy: [],
      schema: z.object({ thing_id: col.varchar('id'), label: col.varchar('label') }),
    });
    const t = localLake();
    const d = await db();
    for (const [batch, rows] of [
      ['b1', [{ thing_id: 'a', label: 'one' }, { thing_id: 'b', label: 'two' }]],
      ['b2', [{ thing_id: 'b', label: 'TWO' }, { thing_id: 'c', label: 'three' }]],
    ] as const) {
      const st = await StagingTable.create(d, things);
      for (const r of rows) st.append(r);
      st.close();
      await writeTable({ lake: t.lake, db: d, contract: things, incoming: st.name, batchId: batch });
    }
    const snap = await currentSnapshot(t.lake.storage, 'things');
    expect(snap?.files.map((f) => f.key)).toEqual(['tables/things/part-b2-0.parquet']);
    // A rebuild to no rows of a partitioned table commits an empty table.
    const { crimeMonthly } = await import('../transforms/marts/crime_monthly.ts');
    const empty = await StagingTable.create(d, crimeMonthly);
    empty.close();
    const r = await writeTable({ lake: t.lake, db: d, contract: crimeMonthly, incoming: empty.name, batchId: 'e1', replaceAll: true });
    expect([r.rowCount, r.filesAdded]).toEqual([0, 0]);
    await attachLake(d, t.lake);
    expect(await d.all('select * from things order by thing_id')).toEqual([
      { thing_id: 'a', label: 'one' },
      { thing_id: 'b', label: 'TWO' },
      { thing_id: 'c', label: 'three' },
    ]);
  });
});
