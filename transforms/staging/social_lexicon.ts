import { z } from 'zod';
import { col, defineTable } from '../../lake/contract.ts';
import { lexiconFile, lexiconTerms, loadLexicon, matchForm, termLists, type Lexicon } from '../../reference/lexicon.ts';
import type { ModelContext } from '../models.ts';
import { fillStaging } from '../reference-tables.ts';
import type { Model } from '../models.ts';

export const socialLexicon = defineTable({
  name: 'social_lexicon',
  description:
    'Terms the social tables match posts against (communal, hate, rumour, complaint, station words), from reference/lexicon.yaml',
  grain: 'one row per term list and term (match form)',
  key: ['list', 'match_key', 'is_prefix'],
  replaceKey: ['list', 'match_key', 'is_prefix'],
  partitionBy: [],
  schema: z.object({
    list: col.varchar(
      `${termLists.join(', ')} (flag categories of flagged_posts; complaint terms of social_response_times); station_word (words that mark a thana name: थाना, PS) or police_word (police, पुलिस: a weaker mark)`,
    ),
    language: col.varchar('en, hi (Devanagari) or hinglish (Hindi in Latin letters)'),
    term: col.varchar('The term as the lexicon writes it (a trailing * matches words that begin with it)'),
    match_key: col.varchar(
      'The term in match form (lower case, nukta and chandrabindu folded, one space between words), without the *',
    ),
    is_prefix: col.boolean('Whether the last word matches any word that begins with it'),
  }),
});

export type SocialLexiconRow = z.output<typeof socialLexicon.schema>;

export function socialLexiconRows(lexicon: Lexicon): SocialLexiconRow[] {
  const rows: SocialLexiconRow[] = lexiconTerms(lexicon).map((t) => ({
    list: t.list,
    language: t.language,
    term: t.term,
    match_key: t.matchKey,
    is_prefix: t.isPrefix,
  }));
  const seen = new Set<string>();
  const words = [
    ...lexicon.places.stationWords.map((w) => ['station_word', w] as const),
    ...lexicon.places.policeWords.map((w) => ['police_word', w] as const),
  ];
  for (const [list, word] of words) {
    const key = matchForm(word);
    if (key === '' || seen.has(`${list}|${key}`)) continue;
    seen.add(`${list}|${key}`);
    rows.push({
      list,
      language: /[\u0900-\u097f]/.test(word) ? 'hi' : 'en',
      term: word,
      match_key: key,
      is_prefix: false,
    });
  }
  return rows;
}

export function buildSocialLexicon(ctx: ModelContext, staging: string): Promise<void> {
  return fillStaging(ctx, socialLexicon, staging, socialLexiconRows(loadLexicon(lexiconFile(ctx.config))));
}

export const socialLexiconModel: Model = {
  contract: socialLexicon,
  inputs: [],
  run: buildSocialLexicon,
  settings: (config) => socialLexiconRows(loadLexicon(lexiconFile(config))),
};
