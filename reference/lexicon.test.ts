import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { socialPosts } from '../ingestors/social/social_posts.ts';
import { openDuckDb, type DuckDb } from '../lake/duckdb.ts';
import { inputTable, runModel } from '../test/util/model-tables.ts';
import { tempDir } from '../test/util/lakes.ts';
import {
  defaultLexiconPath,
  LexiconError,
  lexiconFile,
  lexiconTerms,
  loadLexicon,
  matchForm,
  parseLexicon,
} from './lexicon.ts';
import { districts, policeStations } from './range.ts';

const lexicon = loadLexicon();
const terms = lexiconTerms(lexicon);

describe('the lexicon', () => {
  it('has Hindi and English terms in every flag category, and complaint terms', () => {
    for (const list of ['communal', 'hate', 'rumour', 'complaint'] as const) {
      expect(terms.some((t) => t.list === list && t.language === 'hi')).toBe(true);
      expect(terms.some((t) => t.list === list && t.language === 'en')).toBe(true);
    }
  });

  it('compares in one normal form: case, nukta, chandrabindu and punctuation do not matter', () => {
    expect(matchForm('  #LoveJihad!!  RIOTS…')).toBe('lovejihad riots');
    expect(matchForm('बाज़ार')).toBe(matchForm('बाजार'));
    expect(matchForm('बा\u095cार')).toBe(matchForm('बाडार')); // precomposed ड़
    expect(matchForm('गाँव')).toBe(matchForm('गांव'));
    expect(matchForm('लाइन-बाजार')).toBe('लाइन बाजार');
  });

  it('refuses a term listed twice in one list, and a watch-list entry naming nobody', () => {
    const base = { flagTerms: { communal: { en: ['riot*', 'Riot*'] }, hate: {}, rumour: {} }, complaintTerms: {} };
    expect(() => lexiconTerms(parseLexicon(base))).toThrow(/"Riot\*" is the same as "riot\*" in the communal list/);
    expect(() => parseLexicon({ ...base, watchList: [{ platform: 'x', reason: 'spam' }] })).toThrow(LexiconError);
  });

  it('is the shipped file unless CRIMELAKE_LEXICON names another', () => {
    expect(lexiconFile({})).toBe(defaultLexiconPath);
    expect(lexiconFile({ CRIMELAKE_LEXICON: '/etc/crimelake/lexicon.yaml' })).toBe('/etc/crimelake/lexicon.yaml');
  });

  it('names the file and the field of a bad lexicon', () => {
    const file = path.join(tempDir('lexicon'), 'lexicon.yaml');
    fs.writeFileSync(
      file,
      'flagTerms:\n  communal: {en: [riot]}\n  hate: {}\n  rumour: {}\ncomplaintTerms: {}\nwatchList:\n  - {platform: myspace, handle: x}\n',
    );
    expect(() => loadLexicon(file)).toThrow(/lexicon\.yaml: watchList\.0\.platform/);
  });
});

describe('matching posts against the lexicon and the place names (SQL)', () => {
  let db: DuckDb;
  beforeAll(async () => {
    db = await openDuckDb();
    const termPosts = terms.map((t, i) => ({
      post_id: `term-${i}`,
      // A prefix term is written with a longer last word; punctuation and case around it.
      text: `Sir!! ${t.isPrefix ? t.term.replace(/\*$/, 'ing') : t.term.toUpperCase()}, (forwarded)`,
    }));
    const stationPosts = policeStations.flatMap((s) =>
      [s.nameEn, s.nameHi, ...s.aliases].map((name, i) => ({
        post_id: `ps-${s.policeStationId}-${i}`,
        text: `थाना ${name}, ${districts.find((d) => d.districtId === s.districtId)?.nameEn ?? ''} में घटना`,
      })),
    );
    await inputTable(
      db,
      socialPosts,
      [...termPosts, ...stationPosts].map((p) => ({
        platform: 'x',
        month: '2024-03',
        kind: 'mention',
        is_police_account: false,
        created_at: '2024-03-05T04:00:00Z',
        language: 'en',
        ...p,
      })),
    );
    for (const m of ['social_lexicon', 'place_names', 'social_post_matches', 'post_places']) await runModel(db, m);
  });
  afterAll(() => db.close());

  it('finds every term of the lexicon in a post that contains it (the SQL normal form is matchForm)', async () => {
    const found = await db.all<{ post_id: string; list: string; term: string }>(
      `select post_id, list, term from social_post_matches where match_kind = 'term'`,
    );
    const missed = terms.filter(
      (t, i) => !found.some((f) => f.post_id === `term-${i}` && f.list === t.list && f.term === t.term),
    );
    expect(missed).toEqual([]);
  });

  it('attributes "थाना <name>, <district>" to that thana for every spelling of every thana', async () => {
    const rows = await db.all<{ post_id: string; police_station_id: string | null }>(
      `select post_id, police_station_id from post_places where post_id like 'ps-%'`,
    );
    const wrong = rows.filter((r) => !r.post_id.startsWith(`ps-${r.police_station_id}-`));
    expect(wrong).toEqual([]);
    expect(rows).toHaveLength(policeStations.reduce((n, s) => n + 2 + s.aliases.length, 0));
  });
});
