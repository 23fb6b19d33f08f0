/**
 * Incremental entity resolution (incremental.ts): a new week and a corrected record resolved
 * against the previous persons score as well as a full rebuild, keep every unchanged record's
 * person, re-resolve the corrected record, and compare only the new and changed records.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/index.ts';
import { firIdOf, stationIdentity } from '../../reference/range.ts';
import { accusedHeaders, firHeaders } from '../../schemas/cctns/layout.ts';
import { toCsv } from '../../test/util/cctns-fixtures.ts';
import { localLake, tempDir, type TestLake } from '../../test/util/lakes.ts';
import { blockingRules } from './blocking.ts';
import { assignment, idModels, ingestAndBuild, query, readWithLastWeek, type CsvRow } from './er-lake-fixtures.ts';
import { pairwiseScore, readGroundTruth } from './evaluate.ts';
import { readState, writeState } from './incremental.ts';
import { lastResolveStats } from './person-records-step.ts';
import { defaultResolveOptions, type ResolveStats } from './resolve.ts';

/** Ingests `folder` and builds the id models; the resolver's figures of that build. */
async function ingestAndResolve(t: TestLake, folder: string, full = false): Promise<ResolveStats> {
  await ingestAndBuild(t, folder, idModels, full);
  if (!lastResolveStats) throw new Error('no resolution ran');
  return lastResolveStats;
}

describe('incremental entity resolution', () => {
  const data = tempDir('er-inc-data');
  const [base, week, all, extra, status] = ['base', 'week', 'all', 'extra', 'status'].map((x) =>
    tempDir(`er-inc-${x}`),
  ) as [string, string, string, string, string];
  let truth: Map<string, string>;
  let corrected: { recordId: string; row: CsvRow };
  let newRecords: number;
  let allRecords: number;

  beforeAll(async () => {
    await generate({ outDir: data, firs: 2500, seed: 11 });
    truth = readGroundTruth(path.join(data, 'ground-truth', 'accused-persons.csv'));
    const { firRows, accusedRows, isNew } = readWithLastWeek(data);
    const oldAccused = accusedRows.filter((r) => !isNew(r));
    // A record of a repeat offender, corrected in the new export: another name, father and age.
    const recordIdOf = (r: CsvRow) => {
      const station = stationIdentity(r.district ?? '', r.police_station ?? '');
      return `${firIdOf(station.police_station_id, Number(r.fir_year), r.fir_number ?? '').fir_id}#${r.accused_number}`;
    };
    const index = oldAccused.findIndex(
      (r) => [...truth.values()].filter((p) => p === truth.get(recordIdOf(r))).length >= 3,
    );
    expect(index).toBeGreaterThanOrEqual(0);
    const row = {
      ...oldAccused[index]!,
      name: 'Zorawar Qasim Jhunjhunwala',
      alias: '',
      father_name: 'Yusuf Jhunjhunwala',
      age: '71',
    };
    corrected = { recordId: recordIdOf(row), row };
    fs.writeFileSync(
      path.join(base, 'firs.csv'),
      toCsv(
        firHeaders,
        firRows.filter((r) => !isNew(r)),
      ),
    );
    fs.writeFileSync(path.join(base, 'accused.csv'), toCsv(accusedHeaders, oldAccused));
    fs.writeFileSync(path.join(week, 'firs.csv'), toCsv(firHeaders, firRows.filter(isNew)));
    fs.writeFileSync(path.join(week, 'accused.csv'), toCsv(accusedHeaders, [...accusedRows.filter(isNew), row]));
    const final = accusedRows.map((r) => (r === oldAccused[index] ? row : r));
    fs.writeFileSync(path.join(all, 'firs.csv'), toCsv(firHeaders, firRows));
    fs.writeFileSync(path.join(all, 'accused.csv'), toCsv(accusedHeaders, final));
    // Another correction of it, later.
    fs.writeFileSync(path.join(extra, 'accused.csv'), toCsv(accusedHeaders, [{ ...row, age: '72' }]));
    // A FIR re-exported with another status: its accused records are as they were.
    const old = firRows.find((r) => !isNew(r) && r.status !== 'Untraced')!;
    fs.writeFileSync(path.join(status, 'firs.csv'), toCsv(firHeaders, [{ ...old, status: 'Untraced' }]));
    newRecords = accusedRows.filter(isNew).length;
    allRecords = accusedRows.length;
    expect(newRecords).toBeGreaterThan(20);
  });

  it('resolves a new week and a corrected record like a full rebuild, comparing only them', async () => {
    const t = localLake();
    const first = await ingestAndResolve(t, base);
    expect(first.records).toBe(allRecords - newRecords);
    const before = await assignment(t);
    const stats = await ingestAndResolve(t, week);
    const after = await assignment(t);
    expect(after.size).toBe(allRecords);

    // Only the seeds (the new records and the corrected one) were scored, against their neighbours.
    const seeds = newRecords + 1;
    expect(stats.records).toBeLessThan(allRecords);
    expect(stats.pairsScored).toBeGreaterThan(0);
    expect(stats.pairsScored).toBeLessThanOrEqual(seeds * blockingRules.length * 2 * defaultResolveOptions.window);
    expect(stats.trainingPairs).toBe(0); // the previous build's m and u, no EM

    // Every unchanged record keeps its person (or the person it merged into, as the history says).
    const history = await query<{ person_id: string; event: string; other_person_id: string }>(
      t,
      'select person_id, event, other_person_id from person_id_history',
    );
    const mergedInto = new Map(
      history.filter((h) => h.event === 'merged').map((h) => [h.person_id, h.other_person_id]),
    );
    for (const [record, id] of before) {
      if (record === corrected.recordId) continue;
      const now = after.get(record);
      expect(now === id || mergedInto.get(id) === now).toBe(true);
    }
    expect(mergedInto.size).toBeLessThanOrEqual(2);

    // The corrected record was resolved again: its old person no longer holds it.
    const [row] = await query<{ person_id: string; previous_person_id: string; linked_record_id: string | null }>(
      t,
      `select person_id, previous_person_id, linked_record_id from person_records where record_id = '${corrected.recordId}'`,
    );
    expect(row!.previous_person_id).toBe(before.get(corrected.recordId));
    expect(row!.person_id).not.toBe(before.get(corrected.recordId));
    expect(row!.linked_record_id).toBeNull();

    // As good as resolving everything from scratch.
    const scratch = localLake();
    const full = await ingestAndResolve(scratch, all);
    expect(full.records).toBe(allRecords);
    const fromScratch = await assignment(scratch);
    const truthNow = new Map([...truth].filter(([r]) => r !== corrected.recordId));
    const without = (m: Map<string, string>) => new Map([...m].filter(([r]) => r !== corrected.recordId));
    const inc = pairwiseScore(without(after), truthNow);
    const ref = pairwiseScore(without(fromScratch), truthNow);
    expect(inc.truePairs).toBeGreaterThan(100);
    expect(Math.abs(inc.precision - ref.precision)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(inc.recall - ref.recall)).toBeLessThanOrEqual(0.01);
    expect(stats.pairsScored).toBeLessThan(full.pairsScored / 5);

    // A FIR changed in nothing the records hold: the build has nothing to resolve, every row stays.
    const none = await ingestAndResolve(t, status);
    expect(none.records).toBe(0);
    expect(none.pairsScored).toBe(0);
    expect(await assignment(t)).toEqual(after);
  });

  it('resolves everything on --full, and when the model state is not that of the table', async () => {
    const t = localLake();
    await ingestAndResolve(t, base);
    const full = await ingestAndResolve(t, week, true);
    expect(full.records).toBe(allRecords);
    expect(full.trainingPairs).toBeGreaterThan(0);

    // A build that wrote its state but failed before its table committed: the state does not match.
    const state = await readState(t.lake);
    await writeState(t.lake, { ...state!, digest: '12345' });
    const again = await ingestAndResolve(t, extra);
    expect(again.records).toBe(allRecords);
    expect(again.trainingPairs).toBeGreaterThan(0);
    expect((await readState(t.lake))!.digest).not.toBe('12345');
  });
});
