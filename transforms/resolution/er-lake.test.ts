/**
 * Entity resolution end to end on a local lake: the generator's planted repeat offenders and
 * homonyms, a new week ingested on top (ids kept), and the investigator's name search.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/index.ts';
import { withDuckDb } from '../../lake/duckdb.ts';
import { attachLake } from '../../lake/session.ts';
import { accusedHeaders, firHeaders } from '../../schemas/cctns/layout.ts';
import { accused, fir, toCsv, writeAccused, writeFirs } from '../../test/util/cctns-fixtures.ts';
import { localLake, tempDir } from '../../test/util/lakes.ts';
import { assignment, idModels, ingestAndBuild, query, readWithLastWeek } from './er-lake-fixtures.ts';
import { pairwiseScore, readGroundTruth } from './evaluate.ts';
import { lookupTables, searchByFir, searchByName, showPerson } from './lookup.ts';
import { personModels } from './models.ts';

const modelNames = personModels.map((m) => m.contract.name);

interface GroundTruth {
  persons: { homonymPairs: { personIds: [string, string]; name: string }[] };
}

describe('entity resolution on generated CCTNS data', () => {
  const data = tempDir('er-data');
  let truth: Map<string, string>;
  let planted: GroundTruth;

  beforeAll(async () => {
    await generate({ outDir: data, firs: 1500, seed: 11 });
    truth = readGroundTruth(path.join(data, 'ground-truth', 'accused-persons.csv'));
    planted = JSON.parse(fs.readFileSync(path.join(data, 'ground-truth.json'), 'utf8')) as GroundTruth;
  });

  it('links repeat offenders with pairwise precision and recall of at least 0.95, and keeps homonyms apart', async () => {
    const t = localLake();
    await ingestAndBuild(t, path.join(data, 'cctns'), modelNames);
    const predicted = await assignment(t);
    const score = pairwiseScore(predicted, truth);
    expect(score.truePairs).toBeGreaterThan(100);
    expect(score.precision).toBeGreaterThanOrEqual(0.95);
    expect(score.recall).toBeGreaterThanOrEqual(0.95);

    // Homonyms: same name and district, another father and age: never one person.
    const pairs = planted.persons.homonymPairs;
    expect(pairs.length).toBeGreaterThan(0);
    const predictedOf = (truePerson: string) =>
      new Set([...truth].filter(([, p]) => p === truePerson).map(([r]) => predicted.get(r)));
    for (const { personIds } of pairs) {
      const [a, b] = personIds.map(predictedOf) as [Set<string>, Set<string>];
      expect([...a].some((x) => b.has(x))).toBe(false);
    }

    // Every table of the profile is there and consistent.
    const [counts] = await query<{ persons: number; profiles: number; distinct_ids: number }>(
      t,
      `select (select count(*) from persons)::int as persons, (select count(*) from offender_profiles)::int as profiles,
              (select count(distinct person_id) from person_records)::int as distinct_ids`,
    );
    expect(counts!.persons).toBe(counts!.distinct_ids);
    expect(counts!.profiles).toBe(counts!.persons);
  });

  it('keeps every existing person id when a new week of FIRs arrives', async () => {
    const t = localLake();
    const [weekA, weekB] = [tempDir('er-a'), tempDir('er-b')];
    const { firRows, accusedRows, isNew } = readWithLastWeek(data);
    fs.writeFileSync(
      path.join(weekA, 'firs.csv'),
      toCsv(
        firHeaders,
        firRows.filter((r) => !isNew(r)),
      ),
    );
    fs.writeFileSync(
      path.join(weekA, 'accused.csv'),
      toCsv(
        accusedHeaders,
        accusedRows.filter((r) => !isNew(r)),
      ),
    );
    fs.writeFileSync(path.join(weekB, 'firs.csv'), toCsv(firHeaders, firRows.filter(isNew)));
    fs.writeFileSync(path.join(weekB, 'accused.csv'), toCsv(accusedHeaders, accusedRows.filter(isNew)));
    expect(accusedRows.filter(isNew).length).toBeGreaterThan(0);

    await ingestAndBuild(t, weekA, idModels);
    const before = await assignment(t);
    await ingestAndBuild(t, weekB, idModels);
    const after = await assignment(t);

    expect(after.size).toBe(accusedRows.length);
    const history = await query<{ person_id: string; event: string; other_person_id: string }>(
      t,
      'select person_id, event, other_person_id from person_id_history',
    );
    const mergedInto = new Map(
      history.filter((h) => h.event === 'merged').map((h) => [h.person_id, h.other_person_id]),
    );
    const afterIds = new Set(after.values());
    for (const [record, id] of before) {
      const now = after.get(record);
      // Kept, or merged into another existing person (with the history saying so).
      expect(now === id || mergedInto.get(id) === now).toBe(true);
    }
    for (const id of new Set(before.values())) expect(afterIds.has(id) || mergedInto.has(id)).toBe(true);
    // Merges are rare; most weeks have none.
    expect(mergedInto.size).toBeLessThanOrEqual(2);
  });
});

describe('investigator search', () => {
  it('finds the person recorded as "Rajesh Kumar Yadav" and "Rajesh Yadav s/o Ram Prasad" by "राजेश कुमार यादव"', async () => {
    const t = localLake();
    const dir = tempDir('er-search');
    const firs = [
      fir({ fir_number: '0101', registered_at: '15/03/2024 10:30' }),
      fir({ fir_number: '0245', registered_at: '10/08/2024 18:05', acts_sections: 'BNS 303(2)' }),
      fir({ fir_number: '0300', registered_at: '12/09/2024 11:00', acts_sections: 'BNS 303(2)' }),
    ];
    const rows = [
      accused({
        fir_number: '0101',
        registered_at: '15/03/2024 10:30',
        name: 'Rajesh Kumar Yadav',
        alias: '',
        father_name: 'Ram Prasad Yadav',
        age: '32',
        address: 'Gram Sihipur, Thana Line Bazar, Jaunpur',
      }),
      accused({
        fir_number: '0245',
        registered_at: '10/08/2024 18:05',
        name: 'Rajesh Yadav s/o Ram Prasad',
        alias: 'Raju',
        father_name: '',
        age: '33',
        address: 'R/o Sihipur, Line Bazar, Jaunpur',
      }),
      // A namesake: same name and district, another father and age.
      accused({
        fir_number: '0300',
        registered_at: '12/09/2024 11:00',
        name: 'Rajesh Kumar Yadav',
        alias: '',
        father_name: 'Shiv Shankar Yadav',
        age: '51',
        address: 'Gram Madhopur, Thana Kerakat, Jaunpur',
      }),
    ];
    writeFirs(dir, 'firs.csv', firs);
    writeAccused(dir, 'accused.csv', rows);
    await ingestAndBuild(t, dir, modelNames);

    await withDuckDb(t.config, async (db) => {
      await attachLake(db, t.lake, { mentionedIn: lookupTables.join(' ') });
      const hits = await searchByName(db, 'राजेश कुमार यादव');
      expect(hits.length).toBe(2);
      const top = hits.find((h) => Number(h.fir_count) === 2);
      expect(top).toBeDefined();
      const view = await showPerson(db, String(top!.person_id));
      expect(view!.timeline.map((r) => r.recorded_name)).toEqual(['Rajesh Kumar Yadav', 'Rajesh Yadav s/o Ram Prasad']);
      expect(JSON.parse(String(view!.profile.aliases))).toEqual(['Raju']);

      const byFir = await searchByFir(db, {
        district: 'Jaunpur',
        policeStation: 'Line Bazar',
        firNumber: '245',
        firYear: 2024,
      });
      expect(byFir.map((r) => r.person_id)).toEqual([top!.person_id]);
      const withFather = await searchByName(db, 'Rajesh Yadav s/o Shiv Shankar');
      expect(withFather[0]!.person_id).not.toBe(top!.person_id);
    });
  });
});
