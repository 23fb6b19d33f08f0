import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { socialPosts } from '../../ingestors/social/social_posts.ts';
import { openDuckDb, type DuckDb } from '../../lake/duckdb.ts';
import { fillStaging } from '../reference-tables.ts';
import { socialWatchList } from '../staging/social_watch_list.ts';
import { inputTable, rowsOf, runModel } from '../../test/util/model-tables.ts';

const posts: [string, string, boolean?, string?][] = [
  ['rumour', 'BREAKING: child lifters gang active in the district, police hiding it! Share fast'],
  ['riots', 'RIOTS near the mandi, shops burnt'],
  ['patriot', 'A true patriot salutes the police'],
  ['lovejihad_hi', 'यह लव जिहाद का मामला है'],
  ['hashtag', 'Wake up #LoveJihad'],
  ['hate_hi', 'इन सबको मार डालो'],
  ['nukta', 'कल से सभी बाज़ार बंद रहेंगे'],
  ['placed', 'थाना लंका क्षेत्र में पथराव, फॉरवर्ड करें'],
  ['police_rebuttal', 'बच्चा चोर की अफवाह झूठी है, कृपया अफवाह न फैलाएं', true],
  ['watched', 'Good morning everyone', false, 'Sach_325FC0'],
  ['plain', 'My mobile was snatched near the bus stand, please help'],
];

describe('flagged_posts', () => {
  let db: DuckDb;
  beforeAll(async () => {
    db = await openDuckDb();
    await inputTable(
      db,
      socialPosts,
      posts.map(([post_id, text, isPolice = false, handle]) => ({
        platform: 'x',
        post_id,
        month: '2024-03',
        kind: isPolice ? 'post' : 'mention',
        is_police_account: isPolice,
        author_id: isPolice ? '2909431428' : `u-${post_id}`,
        author_handle: handle ?? null,
        text,
        created_at: '2024-03-05T04:00:00Z',
        language: 'en',
      })),
    );
    for (const m of ['social_lexicon', 'place_names', 'social_post_matches', 'post_places']) await runModel(db, m);
    await fillStaging({ db }, socialWatchList, 'social_watch_list', [
      {
        platform: 'x',
        watch_id: '@sach_325fc0',
        author_id: null,
        handle: 'sach_325fc0',
        reason: 'rumour bursts, new account',
      },
    ]);
    await runModel(db, 'flagged_posts');
  });
  afterAll(() => db.close());

  it('flags posts matching the Hindi and English lexicon, with the terms that matched', async () => {
    const rows = await rowsOf(
      db,
      'flagged_posts',
      ['post_id'],
      ['post_id', 'categories', 'matched_terms', 'is_watch_listed_author', 'police_station_id'],
    );
    expect(rows).toEqual([
      {
        post_id: 'hashtag',
        categories: 'communal',
        matched_terms: 'communal:lovejihad',
        is_watch_listed_author: false,
        police_station_id: null,
      },
      {
        post_id: 'hate_hi',
        categories: 'hate',
        matched_terms: 'hate:मार डालो',
        is_watch_listed_author: false,
        police_station_id: null,
      },
      {
        post_id: 'lovejihad_hi',
        categories: 'communal',
        matched_terms: 'communal:लव जिहाद',
        is_watch_listed_author: false,
        police_station_id: null,
      },
      {
        post_id: 'nukta',
        categories: 'rumour',
        matched_terms: 'rumour:बाजार बंद',
        is_watch_listed_author: false,
        police_station_id: null,
      },
      {
        post_id: 'placed',
        categories: 'communal, rumour',
        matched_terms: 'communal:पथराव; rumour:फॉरवर्ड करें',
        is_watch_listed_author: false,
        police_station_id: 'varanasi-lanka',
      },
      {
        post_id: 'riots',
        categories: 'communal',
        matched_terms: 'communal:riot*',
        is_watch_listed_author: false,
        police_station_id: null,
      },
      {
        post_id: 'rumour',
        categories: 'rumour',
        matched_terms: 'rumour:child lifter*; rumour:police hiding; rumour:share fast',
        is_watch_listed_author: false,
        police_station_id: null,
      },
      {
        post_id: 'watched',
        categories: null,
        matched_terms: null,
        is_watch_listed_author: true,
        police_station_id: null,
      },
    ]);
  });

  it("never flags our own accounts' posts, nor words that merely contain a term", async () => {
    const ids = (await rowsOf<{ post_id: string }>(db, 'flagged_posts', ['post_id'], ['post_id'])).map(
      (r) => r.post_id,
    );
    expect(ids).not.toContain('police_rebuttal');
    expect(ids).not.toContain('patriot');
    expect(ids).not.toContain('plain');
  });
});
