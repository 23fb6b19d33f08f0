/**
 * The social, vehicle and volunteer tables on generated data: every truth the generator plants
 * and lists in ground-truth.json (complaints and their answers, the published Bihar ranks,
 * rumours and suspicious accounts, stolen plates read by ANPR cameras, groups under the mandate)
 * comes out of the tables exactly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/index.ts';
import { ingestPath, sourceNames } from '../../ingestors/index.ts';
import { openDuckDb, type DuckDb } from '../../lake/duckdb.ts';
import { attachLake } from '../../lake/session.ts';
import { localLake, tempDir } from '../../test/util/lakes.ts';
import { runModel } from '../../test/util/model-tables.ts';
import { buildModels } from '../build.ts';
import { fillStaging } from '../reference-tables.ts';
import { socialWatchList } from '../staging/social_watch_list.ts';

type Platform = 'facebook' | 'x' | 'instagram' | 'youtube';
interface Answered {
  complaints: number;
  answeredWithin2h: number;
  answeredLater: number;
  unanswered: number;
}
interface Truth {
  counts: { firs: number; firsPerDistrict: Record<string, number> };
  tips: { tips: number; actioned: number };
  social: {
    window: { from: string; to: string; days: number };
    bihar: { ranks: Record<Platform, number>; newFollowersInWindow: number; followers: Record<Platform, number> };
    ranks: Record<Platform, { state: string; followers: number; rank: number }[]>;
    x: Answered & { rumours: number };
    facebook: Answered;
    suspiciousAccounts: { userId: string; username: string; tweets: number }[];
  };
  vehicles: { plantedStolenReads: number; plantedStolenReadsWithOcrConfusion: number };
  groups: {
    thanaGroupsBelowMinimum: { district: string; policeStation: string; memberCount: number }[];
    outpostGroupsBelowMinimum: { groupName: string; memberCount: number }[];
    districtsWithoutWomensGroup: string[];
  };
}

const myModels = [
  'police_stations',
  'place_names',
  'social_lexicon',
  'social_watch_list',
  'social_post_matches',
  'post_places',
  'flagged_posts',
  'social_response_times',
  'social_response_times_weekly',
  'social_rankings',
  'stolen_vehicle_sightings',
  'volunteer_coverage',
  'volunteer_coverage_districts',
  'station_comparison',
];

describe('social, vehicle and volunteer tables on generated data', () => {
  let db: DuckDb;
  let truth: Truth;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = tempDir('generated');
    await generate({ outDir: dataDir, firs: 1000, seed: 7, start: '2024-01-01' });
    truth = JSON.parse(fs.readFileSync(path.join(dataDir, 'ground-truth.json'), 'utf8')) as Truth;
    const { lake } = localLake();
    db = await openDuckDb();
    for (const source of sourceNames) {
      const folder = path.join(dataDir, source);
      if (fs.existsSync(folder))
        await ingestPath({ lake, db, informantKey: 'test-informant-key-0123456789' }, source, folder);
    }
    await buildModels(lake, db, myModels);
    await attachLake(db, lake);
  });
  afterAll(() => db.close());

  it('measures every planted complaint, with its answer', async () => {
    const rows = await db.all<{
      platform: string;
      complaints: number;
      answered: number;
      unanswered: number;
      within: number;
      withinMinutes: number;
    }>(
      `select platform, count(*)::integer as complaints, count(*) filter (where is_answered)::integer as answered,
              count(*) filter (where not is_answered)::integer as unanswered,
              count(*) filter (where is_answered_within_2h)::integer as within,
              -- the generator times answers in whole minutes and then adds random seconds to both instants
              count(*) filter (where date_diff('minute', created_at, first_reply_at) <= 120)::integer as withinMinutes
       from social_response_times group by platform order by platform`,
    );
    const expected = (platform: 'facebook' | 'x') => {
      const t = truth.social[platform];
      return {
        platform,
        complaints: t.complaints,
        answered: t.answeredWithin2h + t.answeredLater,
        unanswered: t.unanswered,
        withinMinutes: t.answeredWithin2h,
      };
    };
    expect(rows).toMatchObject([expected('facebook'), expected('x')]);
    // Within 2 hours to the second: those answered at minute 120 with more seconds than the complaint are late.
    const edge = await db.all<{ n: number }>(
      `select count(*)::integer as n from social_response_times
       where date_diff('minute', created_at, first_reply_at) = 120 and response_minutes > 120`,
    );
    expect(rows.reduce((s, r) => s + r.within, 0)).toBe(
      truth.social.x.answeredWithin2h + truth.social.facebook.answeredWithin2h - edge[0]!.n,
    );
  });

  it("ranks Bihar's police 3rd on Facebook and 7th on X and Instagram, with 1.8 lakh new followers in two months", async () => {
    const last = truth.social.window.to;
    const rows = await db.all<{ platform: Platform; state: string; followers: number; rank: number; gained: number }>(
      `select platform, state, followers, rank, new_followers_two_months as gained
       from social_rankings where date = $1::date order by platform, rank, state`,
      [last],
    );
    const bihar = Object.fromEntries(rows.filter((r) => r.state === 'Bihar').map((r) => [r.platform, r.rank]));
    expect(bihar).toMatchObject({ facebook: 3, x: 7, instagram: 7 });
    expect(bihar).toEqual(truth.social.bihar.ranks);
    for (const platform of ['facebook', 'x', 'instagram', 'youtube'] as const) {
      expect(
        rows.filter((r) => r.platform === platform).map(({ state, followers, rank }) => ({ state, followers, rank })),
      ).toEqual(truth.social.ranks[platform]);
    }
    expect(rows.filter((r) => r.state === 'Bihar').reduce((s, r) => s + r.gained, 0)).toBe(
      truth.social.bihar.newFollowersInWindow,
    );
  });

  it('flags every planted rumour, and every post of the suspicious accounts once watch-listed', async () => {
    const [{ rumours }] = await db.all<{ rumours: number }>(
      `select count(*)::integer as rumours from flagged_posts where platform = 'x' and is_rumour`,
    );
    expect(rumours).toBe(truth.social.x.rumours);
    const [{ others }] = await db.all<{ others: number }>(
      `select count(*)::integer as others from flagged_posts where platform = 'x' and not is_rumour`,
    );
    expect(others).toBe(0);

    await db.run('drop view social_watch_list');
    await fillStaging(
      { db },
      socialWatchList,
      'social_watch_list',
      truth.social.suspiciousAccounts.map((a) => ({
        platform: 'x',
        watch_id: a.userId,
        author_id: a.userId,
        handle: a.username,
        reason: 'suspicious: new account, few followers, rumour bursts',
      })),
    );
    await runModel(db, 'flagged_posts');
    const watched = await db.all<{ author_id: string; n: number }>(
      `select author_id, count(*)::integer as n from flagged_posts where is_watch_listed_author group by 1 order by 1`,
    );
    expect(watched).toEqual(
      truth.social.suspiciousAccounts
        .map((a) => ({ author_id: a.userId, n: a.tweets }))
        .sort((a, b) => a.author_id.localeCompare(b.author_id)),
    );
  });

  it('finds exactly the planted ANPR reads of stolen vehicles, OCR confusions included', async () => {
    const planted = parse(fs.readFileSync(path.join(dataDir, 'ground-truth', 'anpr-stolen-reads.csv')), {
      columns: true,
    }) as {
      camera_id: string;
      read_at: string;
      plate_text: string;
      registration_number: string;
      ocr_confusion: string;
    }[];
    expect(planted).toHaveLength(truth.vehicles.plantedStolenReads);
    expect(planted.filter((p) => p.ocr_confusion !== '')).toHaveLength(
      truth.vehicles.plantedStolenReadsWithOcrConfusion,
    );
    expect(truth.vehicles.plantedStolenReadsWithOcrConfusion).toBeGreaterThan(0);
    const found = await db.all<{ camera_id: string; read_at: Date; plate_text: string; registration_number: string }>(
      `select camera_id, read_at, plate_text, registration_number from stolen_vehicle_sightings order by read_at, camera_id`,
    );
    const key = (r: { camera_id: string; read_at: string | Date; plate_text: string; registration_number: string }) =>
      `${r.camera_id}|${new Date(r.read_at).toISOString()}|${r.plate_text}|${r.registration_number}`;
    expect(found.map(key).sort()).toEqual(planted.map(key).sort());
  });

  it('lists exactly the planted groups under the mandated minimum, and the district without a women’s group', async () => {
    const thana = await db.all<{ district: string; police_station: string; member_count: number }>(
      `select district, police_station, member_count from volunteer_coverage
       where level = 'thana' and has_group and is_below_minimum order by 1, 2`,
    );
    expect(thana).toEqual(
      truth.groups.thanaGroupsBelowMinimum
        .map((g) => ({ district: g.district, police_station: g.policeStation, member_count: g.memberCount }))
        .sort((a, b) => a.district.localeCompare(b.district) || a.police_station.localeCompare(b.police_station)),
    );
    const outposts = await db.all<{ group_name: string; member_gap: number }>(
      `select group_name, member_gap from volunteer_coverage where level = 'outpost' and is_below_minimum order by 1`,
    );
    expect(outposts).toEqual(
      truth.groups.outpostGroupsBelowMinimum
        .map((g) => ({ group_name: g.groupName, member_gap: 100 - g.memberCount }))
        .sort((a, b) => a.group_name.localeCompare(b.group_name)),
    );
    const [{ missing }] = await db.all<{ missing: number }>(
      `select count(*)::integer as missing from volunteer_coverage where not has_group`,
    );
    expect(missing).toBe(0);
    const noWomen = await db.all<{ district: string }>(
      `select district from volunteer_coverage_districts where not has_womens_group order by 1`,
    );
    expect(noWomen.map((r) => r.district)).toEqual(truth.groups.districtsWithoutWomensGroup);
  });

  it('compares thanas over every FIR and tip of the range', async () => {
    const perDistrict = await db.all<{ district: string; firs: number }>(
      `select district, sum(fir_count)::integer as firs from station_comparison
       where period_kind = 'month' and crime_group = 'all' group by 1 order by 1`,
    );
    expect(Object.fromEntries(perDistrict.map((r) => [r.district, r.firs]))).toEqual(truth.counts.firsPerDistrict);
    const [weeks] = await db.all<{ firs: number; tips: number; actioned: number }>(
      `select sum(fir_count)::integer as firs, sum(tips_received)::integer as tips, sum(tips_actioned)::integer as actioned
       from station_comparison where period_kind = 'week' and crime_group = 'all'`,
    );
    expect(weeks).toEqual({ firs: truth.counts.firs, tips: truth.tips.tips, actioned: truth.tips.actioned });
  });
});
