import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { socialPosts } from '../../ingestors/social/social_posts.ts';
import { openDuckDb, type DuckDb } from '../../lake/duckdb.ts';
import { inputTable, rowsOf, runModel } from '../../test/util/model-tables.ts';

const texts: Record<string, string> = {
  locality: 'Chain snatching near Godowlia, Varanasi!!',
  nukta: 'थाना लाइन बाज़ार क्षेत्र में रात को चोरी',
  kotwaliAlone: 'Kotwali police not responding',
  kotwaliJaunpur: 'Kotwali Jaunpur mein roz jhagda',
  chowk: 'Chowk par bahut bheed hai',
  district: 'Chandauli mein aaj bazar band',
  districtPolice: 'Chandauli police zindabad',
  thanaOfDistrictName: 'थाना चंदौली में शिकायत',
  twoThanas: 'Sigra aur Lanka thana dono jagah chori',
  twoWords: 'मुंगरा बादशाहपुर में पथराव',
  joined: 'Problem at #LineBazar since morning',
  alias: 'Banaras me tension',
  twoDistricts: 'Ghazipur se Jaunpur tak jam',
  nothing: 'Great work by the police team, thank you!',
  rampur: 'Rampur gaon me sab theek',
};

describe('post_places', () => {
  let db: DuckDb;
  beforeAll(async () => {
    db = await openDuckDb();
    await inputTable(
      db,
      socialPosts,
      Object.entries(texts).map(([post_id, text]) => ({
        platform: 'x',
        post_id,
        month: '2024-03',
        kind: 'mention',
        is_police_account: false,
        text,
        created_at: '2024-03-05T04:00:00Z',
        language: 'en',
      })),
    );
    for (const m of ['social_lexicon', 'place_names', 'social_post_matches', 'post_places']) await runModel(db, m);
  });
  afterAll(() => db.close());

  it('attributes a post to the district and thana it names, in either script, keeping the words that matched', async () => {
    const rows = await rowsOf(
      db,
      'post_places',
      ['post_id'],
      ['post_id', 'district', 'police_station_id', 'matched_terms', 'candidate_police_station_ids', 'is_ambiguous'],
    );
    const row = (
      post_id: string,
      district: string | null,
      ps: string | null,
      terms: string,
      candidates: string | null = null,
      ambiguous = candidates !== null,
    ) => ({
      post_id,
      district,
      police_station_id: ps,
      matched_terms: terms,
      candidate_police_station_ids: candidates,
      is_ambiguous: ambiguous,
    });
    expect(rows).toEqual([
      row('alias', 'Varanasi', null, 'banaras'),
      // The district's own name names the district, not the thana called Chandauli.
      row('district', 'Chandauli', null, 'chandauli'),
      row('districtPolice', 'Chandauli', null, 'chandauli'),
      row('joined', 'Jaunpur', 'jaunpur-line-bazar', 'linebazar'),
      // Kotwali beside "police" counts, but four districts have one.
      row(
        'kotwaliAlone',
        null,
        null,
        'kotwali',
        'chandauli-chandauli, ghazipur-kotwali, jaunpur-kotwali, varanasi-kotwali',
      ),
      row('kotwaliJaunpur', 'Jaunpur', 'jaunpur-kotwali', 'kotwali; jaunpur'),
      row('locality', 'Varanasi', 'varanasi-dashashwamedh', 'godowlia; varanasi'),
      row('nukta', 'Jaunpur', 'jaunpur-line-bazar', 'लाइन बाजार'),
      // ... but beside थाना it is the thana.
      row('thanaOfDistrictName', 'Chandauli', 'chandauli-chandauli', 'चंदौली'),
      // Two districts and no thana: neither.
      row('twoDistricts', null, null, 'ghazipur; jaunpur', null, true),
      row('twoThanas', 'Varanasi', null, 'sigra; lanka', 'varanasi-lanka, varanasi-sigra'),
      row('twoWords', 'Jaunpur', 'jaunpur-mungra-badshahpur', 'मुंगरा बादशाहपुर'),
    ]);
  });

  it('ignores everyday words that are also thana names when nothing says they are one', async () => {
    const ids = (await rowsOf<{ post_id: string }>(db, 'post_places', ['post_id'], ['post_id'])).map((r) => r.post_id);
    expect(ids).not.toContain('chowk');
    expect(ids).not.toContain('rampur');
    expect(ids).not.toContain('nothing');
  });
});
