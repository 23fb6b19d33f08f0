import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../../ingestors/events/events.ts';
import { ingestEventsFile } from '../../ingestors/events/ingest-events.ts';
import { firSections } from '../../ingestors/cctns/fir_sections.ts';
import { firs } from '../../ingestors/cctns/firs.ts';
import { ingestTipsFile } from '../../ingestors/tips/ingest-tips.ts';
import { tips } from '../../ingestors/tips/tips.ts';
import { openDuckDb, withDuckDb, type DuckDb } from '../../lake/duckdb.ts';
import { attachLake } from '../../lake/session.ts';
import { tempDir, type TestLake } from '../../test/util/lakes.ts';
import { inputTable, rowsOf, runModel } from '../../test/util/model-tables.ts';
import { buildModels } from '../build.ts';
import { incidents } from '../intermediate/incidents.ts';
import { emergingHotspots } from './emerging_hotspots.ts';
import { flaggedPosts } from './flagged_posts.ts';
import { fixtureInformantKey, generateData, lakeWith } from './hotspot-fixtures.ts';
import { hotspotCells } from './hotspot_cells.ts';
import { parseSensitivitySettings } from './sensitivity_assessment.settings.ts';

interface Assessment {
  police_station_id: string;
  week: string;
  score: number;
  level: string;
  factors: string;
  reason: string;
}

const factorNames = (a: Assessment) => (JSON.parse(a.factors) as { factor: string }[]).map((f) => f.factor);

describe('sensitivity_assessment on hand-written rows', () => {
  let db: DuckDb;
  let rows: Assessment[];
  const of = (station: string, week: string) => rows.find((r) => r.police_station_id === station && r.week === week)!;

  beforeAll(async () => {
    db = await openDuckDb();
    // Weeks 2024-W51 (16 December) to 2025-W12 (17 March), from the incidents.
    await inputTable(db, incidents, [
      {
        source: 'fir',
        incident_id: 'f0',
        week: '2024-W51',
        week_start: '2024-12-16',
        police_station_id: 'varanasi-sigra',
        h3_cell: '883c164e01fffff',
        crime_group: 'property',
      },
      {
        source: 'fir',
        incident_id: 'f1',
        week: '2025-W10',
        week_start: '2025-03-03',
        police_station_id: 'varanasi-sigra',
        h3_cell: '883c164e01fffff',
        crime_group: 'property',
      },
      {
        source: 'fir',
        incident_id: 'f2',
        week: '2025-W11',
        week_start: '2025-03-10',
        police_station_id: 'varanasi-sigra',
        h3_cell: '883c164e03fffff',
        crime_group: 'property',
      },
      {
        source: 'fir',
        incident_id: 'f3',
        week: '2025-W12',
        week_start: '2025-03-17',
        police_station_id: 'varanasi-sigra',
        h3_cell: '883c164e01fffff',
        crime_group: 'property',
      },
    ]);
    // Chowk: a surge of communal-risk tips in W11 (5: 3 cow smuggling, 2 conversion).
    const tip = (id: string, station: string, category: string, at: string) => ({
      tip_id: id,
      district: 'Varanasi',
      month: at.slice(0, 7),
      police_station_id: station,
      category,
      received_at: at,
    });
    await inputTable(db, tips, [
      tip('t1', 'varanasi-chowk', 'cow_smuggling', '2025-03-10T05:00:00Z'),
      tip('t2', 'varanasi-chowk', 'cow_smuggling', '2025-03-11T05:00:00Z'),
      tip('t3', 'varanasi-chowk', 'cow_smuggling', '2025-03-12T05:00:00Z'),
      tip('t4', 'varanasi-chowk', 'forced_religious_conversion', '2025-03-13T05:00:00Z'),
      tip('t5', 'varanasi-chowk', 'forced_religious_conversion', '2025-03-16T12:00:00Z'),
      tip('t6', 'varanasi-cantt', 'illegal_arms', '2025-03-12T05:00:00Z'),
      tip('t7', 'varanasi-chowk', 'liquor_smuggling', '2025-03-12T05:00:00Z'),
    ]);
    // Cantt: a riot FIR in W11; Chowk: a riot FIR during Holi last year. Lanka: two riot FIRs
    // every week from W51 to W11, then ten in W12.
    const lanka = Array.from({ length: 14 }, (_, week) => week).flatMap((week) =>
      Array.from({ length: week === 13 ? 10 : 2 }, (_, i) => ({
        fir_id: `varanasi-lanka/${week}/${i}`,
        district: 'Varanasi',
        police_station_id: 'varanasi-lanka',
        police_station: 'Lanka',
        registered_at: new Date(Date.UTC(2024, 11, 17 + 7 * week, 6)).toISOString(),
      })),
    );
    await inputTable(db, firs, [
      ...lanka,
      {
        fir_id: 'varanasi-cantt/2025/0042',
        district: 'Varanasi',
        police_station_id: 'varanasi-cantt',
        police_station: 'Cantt',
        registered_at: '2025-03-11T08:00:00Z',
      },
      {
        fir_id: 'varanasi-chowk/2024/0310',
        district: 'Varanasi',
        police_station_id: 'varanasi-chowk',
        police_station: 'Chowk',
        registered_at: '2024-03-25T10:00:00Z',
      },
    ]);
    await inputTable(db, firSections, [
      ...lanka.map((f) => ({ fir_id: f.fir_id, act: 'BNS', section: '191', crime_head_id: 'rioting' })),
      { fir_id: 'varanasi-cantt/2025/0042', act: 'BNS', section: '191', crime_head_id: 'rioting' },
      { fir_id: 'varanasi-chowk/2024/0310', act: 'IPC', section: '153A', crime_head_id: 'promoting_enmity' },
    ]);
    // Sigra: two hot cells in W11 and an intensifying one in the window ending W12.
    await inputTable(db, hotspotCells, [
      { week: '2025-W11', week_start: '2025-03-10', crime_group: 'property', h3_cell: '883c164e01fffff', bin: 3 },
      { week: '2025-W11', week_start: '2025-03-10', crime_group: 'all', h3_cell: '883c164e03fffff', bin: 2 },
      { week: '2025-W11', week_start: '2025-03-10', crime_group: 'violent', h3_cell: '883c164e05fffff', bin: 1 },
    ]);
    await inputTable(db, emergingHotspots, [
      {
        crime_group: 'property',
        h3_cell: '883c164e01fffff',
        window_end_week_start: '2025-03-17',
        weeks: 12,
        pattern: 'intensifying_hot_spot',
      },
      {
        crime_group: 'all',
        h3_cell: '883c164e03fffff',
        window_end_week_start: '2025-03-17',
        weeks: 12,
        pattern: 'sporadic_hot_spot',
      },
    ]);
    // Holi in Varanasi district on 19-20 March 2025 (W12), and last year on 25 March.
    const event = (id: string, name: string, start: string, end: string) => ({
      event_id: id,
      name,
      kind: 'festival',
      start_date: start,
      end_date: end,
      district: 'Varanasi',
      district_id: 'varanasi',
    });
    await inputTable(db, events, [
      event('e1', 'Holi', '2025-03-19', '2025-03-20'),
      event('e0', 'Holi', '2024-03-25', '2024-03-25'),
    ]);
    await inputTable(db, flaggedPosts, [
      { platform: 'x', post_id: 'p1', police_station_id: 'jaunpur-kotwali', created_at: '2025-03-12T10:00:00Z' },
      { platform: 'x', post_id: 'p2', police_station_id: 'jaunpur-kotwali', created_at: '2025-03-14T10:00:00Z' },
    ]);
    await runModel(db, 'sensitivity_assessment');
    rows = await rowsOf<Assessment>(db, 'sensitivity_assessment', ['police_station_id', 'week']);
  });
  afterAll(() => db.close());

  it('assesses every thana in every week', () => {
    expect(rows.length).toBe(91 * 14);
    expect(new Set(rows.map((r) => r.week)).size).toBe(14);
    expect(rows[0]!.week).toBe('2024-W51');
  });

  it('makes the thana with a surge of communal-risk tips and a festival next week hyper-sensitive, naming those factors', () => {
    const a = of('varanasi-chowk', '2025-W11');
    // 5 communal tips capped at 4 × 2 = 8, Holi next week 3, one riot FIR during Holi last year 1.5.
    expect(a).toMatchObject({ score: 12.5, level: 'hyper-sensitive' });
    expect(JSON.parse(a.factors)).toEqual([
      {
        factor: 'communal_tips',
        count: 5,
        points: 8,
        detail: '5 communal-risk tips (cow smuggling, forced religious conversion) in the last 2 weeks',
      },
      {
        factor: 'upcoming_events',
        count: 1,
        points: 3,
        detail: 'coming in the next 2 weeks: festival Holi from 2025-03-19',
      },
      {
        factor: 'last_year_incidents',
        count: 1,
        points: 1.5,
        detail: '1 riot or communal incident during Holi last year',
      },
    ]);
    expect(a.reason).toBe(
      'Hyper-sensitive (score 12.5): 5 communal-risk tips (cow smuggling, forced religious conversion) in the last 2 weeks; ' +
        'coming in the next 2 weeks: festival Holi from 2025-03-19; 1 riot or communal incident during Holi last year.',
    );
  });

  it('keeps counting the tips over the lookback, and the festival from two weeks ahead', () => {
    // W12: the tips of W11 still count (8), Holi runs this week, not after it: 8 → sensitive.
    expect(of('varanasi-chowk', '2025-W12')).toMatchObject({ score: 8, level: 'sensitive' });
    // W10: no tips yet; Holi is in the coming two weeks (3) with last year's incident (1.5).
    expect(of('varanasi-chowk', '2025-W10')).toMatchObject({ score: 4.5, level: 'sensitive' });
  });

  it('scores riot FIRs, arms tips, hot and emerging cells and flagged posts', () => {
    const cantt = of('varanasi-cantt', '2025-W11');
    expect(cantt).toMatchObject({ score: 3 + 1 + 3, level: 'sensitive' });
    expect(factorNames(cantt)).toEqual(['riot_firs', 'upcoming_events', 'arms_tips']);
    // Sigra: 2 cells hot at 95% in W11 (the 90% cell does not count), + Holi.
    expect(of('varanasi-sigra', '2025-W11')).toMatchObject({ score: 2 + 3 });
    // W12: the intensifying cell (emerging status counts in the window's last week only).
    expect(factorNames(of('varanasi-sigra', '2025-W12'))).toEqual(['emerging_hotspot_cells']);
    expect(of('jaunpur-kotwali', '2025-W11')).toMatchObject({ score: 2, level: 'normal' });
  });

  it("counts only what goes beyond the thana's usual level", () => {
    // W11: 4 riot FIRs in two weeks, usual 4 + 2·√4 = 8 (11 baseline weeks of 2): nothing beyond.
    const steady = of('varanasi-lanka', '2025-W11');
    expect(steady).toMatchObject({ score: 3, level: 'normal' }); // Holi next week only
    expect(factorNames(steady)).toEqual(['upcoming_events']);
    // W12: 2 + 10 = 12, usual 8: 4 beyond, capped at 3 × 3 points.
    const surge = of('varanasi-lanka', '2025-W12');
    expect(surge).toMatchObject({ score: 9, level: 'sensitive' });
    expect(JSON.parse(surge.factors)).toEqual([
      {
        factor: 'riot_firs',
        count: 12,
        points: 9,
        detail: '12 FIRs under rioting or communal sections in the last 2 weeks (usual up to 8.0)',
      },
    ]);
  });

  it('leaves a quiet thana normal with no factor', () => {
    expect(of('ghazipur-zamania', '2025-W11')).toMatchObject({
      score: 0,
      level: 'normal',
      factors: '[]',
      reason: 'Normal (score 0.0): no risk factor.',
    });
  });
});

describe('sensitivity_assessment settings', () => {
  it('has the documented YAML defaults, and reads overrides', () => {
    const yaml = fs.readFileSync(
      path.join(path.dirname(fileURLToPath(import.meta.url)), 'sensitivity_assessment.yaml'),
      'utf8',
    );
    expect(parseSensitivitySettings(yaml)).toEqual(parseSensitivitySettings(''));
    const s = parseSensitivitySettings('thresholds: { hyper_sensitive: 15 }\nfactors:\n  riot_firs: { points: 5 }\n');
    expect(s.thresholds).toEqual({ sensitive: 4, hyper_sensitive: 15 });
    expect(s.factors.riot_firs).toEqual({ points: 5, cap: 3 });
    expect(() => parseSensitivitySettings('factors: { riots: { points: 1 } }')).toThrow(/factors/);
    expect(() => parseSensitivitySettings('thresholds: { sensitive: 12 }')).toThrow(/hyper_sensitive/);
  });
});

describe('sensitivity_assessment on generated data with a planted surge', () => {
  let t: TestLake;
  let rows: Assessment[];
  const surgeStation = 'chandauli-naugarh';

  beforeAll(async () => {
    const gen = await generateData({ firs: 1500, start: '2025-01-06', seed: 11 });
    t = await lakeWith(gen.dataDir, [path.join(gen.dataDir, 'cctns', 'firs.csv')]);
    // The last generated week is 2025-W26 (23-29 June); a festival runs in Naugarh on 2 July.
    const dir = tempDir('surge');
    const header =
      'tip_id,received_at,district,police_station,category,language,media_kinds,text,latitude,longitude,' +
      'forwarded_sp_at,forwarded_dig_at,action_taken_at,action_note,informant_notified_at';
    const surge = [
      ['SURGE-1', '2025-06-23T20:10:00+05:30', 'cow smuggling'],
      ['SURGE-2', '2025-06-24T21:40:00+05:30', 'cow smuggling'],
      ['SURGE-3', '2025-06-26T08:05:00+05:30', 'forced religious conversion'],
      ['SURGE-4', '2025-06-27T19:30:00+05:30', 'cow smuggling'],
      ['SURGE-5', '2025-06-28T22:15:00+05:30', 'forced religious conversion'],
    ].map(([id, at, category]) => `${id},${at},Chandauli,Naugarh,${category},hi,text,सूचना,,,,,,,`);
    fs.writeFileSync(path.join(dir, 'surge.csv'), [header, ...surge].join('\n') + '\n');
    fs.writeFileSync(
      path.join(dir, 'events.csv'),
      'start_date,end_date,district,police_station,kind,name\n2025-07-02,2025-07-02,Chandauli,Naugarh,festival,Kanwar Yatra\n',
    );
    await withDuckDb(t.config, async (db) => {
      await ingestTipsFile({ lake: t.lake, db, informantKey: fixtureInformantKey }, path.join(dir, 'surge.csv'));
      await ingestEventsFile({ lake: t.lake, db }, path.join(dir, 'events.csv'));
      await buildModels(t.lake, db, ['incidents', 'hotspot_cells', 'emerging_hotspots', 'sensitivity_assessment'], {
        config: t.config,
      });
      await attachLake(db, t.lake);
      rows = await db.all<Assessment>(
        `select police_station_id, week, score, level, factors, reason from sensitivity_assessment where week = '2025-W26'`,
      );
    });
  });

  it('makes the surging thana hyper-sensitive with the tips and the festival named', () => {
    const a = rows.find((r) => r.police_station_id === surgeStation)!;
    expect(a.level).toBe('hyper-sensitive');
    expect(factorNames(a).slice(0, 2)).toEqual(['communal_tips', 'upcoming_events']);
    expect(a.reason).toContain('5 communal-risk tips (cow smuggling, forced religious conversion) in the last 2 weeks');
    expect(a.reason).toContain('festival Kanwar Yatra from 2025-07-02');
  });

  it('leaves a quiet thana normal', async () => {
    // The thana with the fewest FIRs of the whole run, other than the planted surge.
    const [quiet] = await withDuckDb(t.config, async (db) => {
      await attachLake(db, t.lake);
      return db.all<{ police_station_id: string }>(
        `select police_station_id from firs where police_station_id <> $1
         group by 1 order by count(*), police_station_id limit 1`,
        [surgeStation],
      );
    });
    expect(rows.find((r) => r.police_station_id === quiet!.police_station_id)).toMatchObject({ level: 'normal' });
    expect(rows.filter((r) => r.level === 'hyper-sensitive').map((r) => r.police_station_id)).toEqual([surgeStation]);
  });
});
