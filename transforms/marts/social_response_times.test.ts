import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { socialPosts } from '../../ingestors/social/social_posts.ts';
import { openDuckDb, type DuckDb } from '../../lake/duckdb.ts';
import { inputTable, rowsOf, runModel } from '../../test/util/model-tables.ts';

type Post = Record<string, string | boolean | null>;

const at = (hhmmss: string) => `2024-03-05T${hhmmss}Z`; // 2024-W10 in IST all day (05:30 ahead)

function citizen(post_id: string, kind: string, time: string, text: string, extra: Post = {}): Post {
  return {
    platform: 'x',
    post_id,
    month: '2024-03',
    kind,
    account: 'bihar_police',
    author_id: `u-${post_id}`,
    is_police_account: false,
    text,
    created_at: at(time),
    language: 'en',
    thread_id: post_id,
    ...extra,
  };
}

function police(post_id: string, kind: string, time: string, parent_id: string | null, extra: Post = {}): Post {
  return {
    platform: 'x',
    post_id,
    month: '2024-03',
    kind,
    account: 'bihar_police',
    author_id: '2909431428',
    is_police_account: true,
    text: 'Your complaint has been forwarded to the concerned district.',
    created_at: at(time),
    language: 'en',
    parent_id,
    thread_id: parent_id,
    ...extra,
  };
}

const posts: Post[] = [
  // X mentions: answered in 45.5 min; in exactly 120 min (a later second reply ignored); in 120 min 1 s.
  citizen('c1', 'mention', '04:00:00', '@bihar_police my bike was stolen near थाना लंका, please help'),
  police('r1', 'reply', '04:45:30', 'c1'),
  citizen('c2', 'mention', '05:00:00', '@bihar_police UPI fraud, lost Rs 5000'),
  police('r2b', 'reply', '07:30:00', 'c2'),
  police('r2a', 'reply', '07:00:00', 'c2'),
  citizen('c3', 'mention', '06:00:00', '@bihar_police threat calls every night'),
  police('r3', 'reply', '08:00:01', 'c3'),
  // Not a complaint (no complaint term), though answered.
  citizen('c4', 'mention', '06:10:00', '@bihar_police thanks for the quick response'),
  police('r4', 'reply', '06:20:00', 'c4'),
  // Complaint never answered.
  citizen('c5', 'mention', '06:30:00', '@bihar_police मेरी मोटरसाइकिल चोरी हो गई'),
  // Answered inside the conversation it started, not as a reply to it: 300 min.
  citizen('c6', 'mention', '03:00:00', '@bihar_police illegal liquor sold in our village'),
  citizen('c6b', 'reply', '03:05:00', 'village is Rampur', { parent_id: 'c6', thread_id: 'c6', account: null }),
  police('r6', 'reply', '08:00:00', 'c6b', { thread_id: 'c6' }),
  // Addressed to nobody we know: not ours to answer.
  citizen('c7', 'mention', '06:40:00', 'my phone was stolen', { account: null }),
  // DMs: always complaints; answered by the next police DM in the conversation.
  citizen('d1', 'dm', '02:00:00', 'hello sir', { thread_id: 'T1' }),
  citizen('d1b', 'dm', '02:05:00', 'are you there', { thread_id: 'T1' }),
  police('p1', 'dm', '02:20:00', null, { thread_id: 'T1' }),
  citizen('d2', 'dm', '02:00:00', 'sir please call me', { thread_id: 'T2' }),
  police('p3', 'dm', '01:00:00', null, { thread_id: 'T3' }),
  citizen('d3', 'dm', '02:00:00', 'namaste', { thread_id: 'T3' }),
  // Facebook: a comment answered in 10 min; a citizen's reply to a police comment, answered in 30 min.
  citizen('f1', 'comment', '09:00:00', 'कृपया मदद करें, मेरा पर्स छीन लिया', {
    platform: 'facebook',
    parent_id: 'page_1',
    thread_id: 'page_1',
  }),
  police('fr1', 'reply', '09:10:00', 'f1', { platform: 'facebook', thread_id: 'page_1' }),
  citizen('f2', 'reply', '09:20:00', 'still no action on my complaint', {
    platform: 'facebook',
    parent_id: 'fr1',
    thread_id: 'page_1',
    account: null,
  }),
  police('fr2', 'reply', '09:50:00', 'f2', { platform: 'facebook', thread_id: 'page_1' }),
  // Our own post is no complaint.
  police('own', 'post', '01:00:00', null, { text: 'Beware of UPI fraud calls. Never share your OTP.' }),
];

describe('social_response_times', () => {
  let db: DuckDb;
  beforeEach(async () => {
    db = await openDuckDb();
    await inputTable(db, socialPosts, posts);
    for (const m of ['social_lexicon', 'place_names', 'social_post_matches', 'post_places', 'social_response_times'])
      await runModel(db, m);
  });
  afterEach(() => db.close());

  it('pairs each complaint with its first police answer, to the second', async () => {
    const rows = await rowsOf(
      db,
      'social_response_times',
      ['platform', 'post_id'],
      [
        'platform',
        'post_id',
        'kind',
        'first_reply_id',
        'response_minutes',
        'is_answered',
        'is_answered_within_2h',
        'week',
        'police_station_id',
      ],
    );
    const r = (
      platform: string,
      post_id: string,
      kind: string,
      reply: string | null,
      minutes: number | null,
      within: boolean,
      ps: string | null = null,
    ) => ({
      platform,
      post_id,
      kind,
      first_reply_id: reply,
      response_minutes: minutes,
      is_answered: reply !== null,
      is_answered_within_2h: within,
      week: '2024-W10',
      police_station_id: ps,
    });
    expect(rows).toEqual([
      r('facebook', 'f1', 'comment', 'fr1', 10, true),
      r('facebook', 'f2', 'reply', 'fr2', 30, true),
      r('x', 'c1', 'mention', 'r1', 45.5, true, 'varanasi-lanka'),
      r('x', 'c2', 'mention', 'r2a', 120, true),
      r('x', 'c3', 'mention', 'r3', 120 + 1 / 60, false),
      r('x', 'c5', 'mention', null, null, false),
      r('x', 'c6', 'mention', 'r6', 300, false),
      r('x', 'd1', 'dm', 'p1', 20, true),
      r('x', 'd1b', 'dm', 'p1', 15, true),
      r('x', 'd2', 'dm', null, null, false),
      r('x', 'd3', 'dm', null, null, false),
    ]);
  });

  it('keeps the complaint terms that made an item a complaint', async () => {
    const rows = await rowsOf<{ post_id: string; complaint_terms: string | null }>(
      db,
      'social_response_times',
      ['post_id'],
      ['post_id', 'complaint_terms'],
    );
    expect(Object.fromEntries(rows.map((r) => [r.post_id, r.complaint_terms]))).toMatchObject({
      c1: 'help; stolen',
      c2: 'fraud',
      c3: 'threat*',
      c5: 'चोरी',
      f1: 'मदद',
      f2: 'complaint; no action',
      d1: null,
    });
  });

  it('gives per week and platform the median, 90th percentile and share within 2 hours', async () => {
    await runModel(db, 'social_response_times_weekly');
    const rows = await rowsOf(db, 'social_response_times_weekly', ['platform', 'week']);
    // quantile_cont: the value at position (n − 1)·q of the sorted delays, interpolated linearly.
    const x = [15, 20, 45.5, 120, 120 + 1 / 60, 300]; // answered X complaints, sorted
    const all = [10, 15, 20, 30, 45.5, 120, 120 + 1 / 60, 300];
    const expected = [
      {
        platform: 'all',
        complaint_count: 11,
        answered_count: 8,
        answered_within_2h_count: 6,
        unanswered_count: 3,
        share: 6 / 11,
        median: (all[3]! + all[4]!) / 2,
        p90: all[6]! + 0.3 * (all[7]! - all[6]!),
      },
      {
        platform: 'facebook',
        complaint_count: 2,
        answered_count: 2,
        answered_within_2h_count: 2,
        unanswered_count: 0,
        share: 1,
        median: 20,
        p90: 10 + 0.9 * (30 - 10),
      },
      {
        platform: 'x',
        complaint_count: 9,
        answered_count: 6,
        answered_within_2h_count: 4,
        unanswered_count: 3,
        share: 4 / 9,
        median: (x[2]! + x[3]!) / 2,
        p90: x[4]! + 0.5 * (x[5]! - x[4]!),
      },
    ];
    expect(rows).toHaveLength(3);
    rows.forEach((row, i) => {
      const e = expected[i]!;
      expect(row).toMatchObject({
        platform: e.platform,
        week: '2024-W10',
        complaint_count: e.complaint_count,
        answered_count: e.answered_count,
        answered_within_2h_count: e.answered_within_2h_count,
        unanswered_count: e.unanswered_count,
      });
      expect(row['share_answered_within_2h']).toBeCloseTo(e.share, 12);
      expect(row['median_response_minutes']).toBeCloseTo(e.median, 9);
      expect(row['p90_response_minutes']).toBeCloseTo(e.p90, 9);
    });
  });
});
