/**
 * The build's incremental mechanics on a small lake (the CCTNS sample extract): a table stored
 * with an older layout of its contract is rebuilt whole, and an unchanged lake is not planned again.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestCctnsFile } from '../ingestors/cctns/ingest-cctns.ts';
import { currentSnapshot } from '../lake/catalog.ts';
import { defineTable } from '../lake/contract.ts';
import { withDuckDb } from '../lake/duckdb.ts';
import { attachLake } from '../lake/session.ts';
import { writeTable } from '../lake/table-writer.ts';
import { localLake, type TestLake } from '../test/util/lakes.ts';
import { buildModels } from './build.ts';
import { crimeMonthly } from './marts/crime_monthly.ts';

const samples = path.join(import.meta.dirname, '..', 'ingestors', 'cctns', 'samples');

describe('incremental builds', () => {
  let t: TestLake;
  beforeAll(async () => {
    t = localLake();
    await withDuckDb(t.config, (db) => ingestCctnsFile({ lake: t.lake, db }, path.join(samples, 'firs.csv')));
  });

  it('rebuilds a table stored with an older layout whole, then skips while nothing changes', async () => {
    // crime_monthly as an earlier version stored it: partitioned by district, no fingerprints.
    const older = defineTable({
      ...crimeMonthly,
      key: ['police_station_id', 'month', 'crime_head_id'],
      replaceKey: ['police_station_id', 'month', 'crime_head_id'],
      partitionBy: ['district'],
      schema: crimeMonthly.schema.omit({ input_fingerprint: true }),
    });
    await withDuckDb(t.config, async (db) => {
      await attachLake(db, t.lake);
      await db.run(
        `create table old_rows as select district, police_station_id, police_station, month, 'x' as crime_group,
                'x' as crime_head_id, 1 as fir_count, 0 as charge_sheeted_count, 0 as located_count
         from firs limit 1`,
      );
      await writeTable({ lake: t.lake, db, contract: older, incoming: 'old_rows', batchId: 'old', replaceAll: true });
    });
    const [rebuilt] = await withDuckDb(t.config, (db) => buildModels(t.lake, db, ['crime_monthly']));
    expect(rebuilt!.scope).toMatchObject({ column: 'month', full: true });
    const snap = await currentSnapshot(t.lake.storage, 'crime_monthly');
    expect(snap!.partitionBy).toEqual(['month']);
    expect(snap!.columns.map((c) => c.name)).toContain('input_fingerprint');
    const rows = await withDuckDb(t.config, async (db) => {
      await attachLake(db, t.lake);
      return db.all<{ n: number; firs: number; bad: number }>(
        `select sum(fir_count)::integer as n, (select count(*) from firs)::integer as firs,
                count(*) filter (where crime_head_id = 'x' or input_fingerprint is null)::integer as bad
         from crime_monthly`,
      );
    });
    expect(rows[0]!.n).toBe(rows[0]!.firs);
    expect(rows[0]!.bad).toBe(0);
    const [again] = await withDuckDb(t.config, (db) => buildModels(t.lake, db, ['crime_monthly']));
    expect(again).toMatchObject({ skipped: true, version: snap!.version });
    expect(again!.scope).toBeUndefined(); // the inputs digest matched: no fingerprints worked out
  });
});
