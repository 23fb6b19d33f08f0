import { z } from 'zod';
import { col, defineTable } from '../../lake/contract.ts';
import { loadSql } from '../../lake/duckdb.ts';
import type { Model, ModelContext } from '../models.ts';
import { combineFingerprints, partitionFingerprints, tableFingerprint } from '../scope.ts';
import { optionalInputs } from '../reference-tables.ts';
import { socialPosts } from '../../ingestors/social/social_posts.ts';

export const socialPostMatches = defineTable({
  name: 'social_post_matches',
  description:
    'Lexicon terms (communal, hate, rumour, complaint) and place names (district, thana, locality) found in the text of social posts',
  grain: 'one row per post and term found, or per post, place and position where a place name was found',
  key: ['platform', 'post_id', 'match_kind', 'list', 'match_ref'],
  replaceKey: ['month'],
  partitionBy: ['month'],
  schema: z.object({
    platform: col.varchar('x, facebook, instagram or youtube'),
    post_id: col.varchar('The post (joins social_posts)'),
    month: col.varchar('Month the post was posted in IST, YYYY-MM (social_posts.month); Hive partition'),
    match_kind: col.varchar('term (a social_lexicon term) or place (a place_names name)'),
    list: col.varchar(
      'Terms: communal, hate, rumour or complaint (social_lexicon.list). Places: district, police_station or locality (place_names.place_kind)',
    ),
    term: col.varchar('The term or place name as the lexicon or reference data writes it'),
    match_ref: col.varchar(
      'Identifies the match within the post: term:<term>, or <place_id>@<word position>+<word count>',
    ),
    matched_text: col.varchar(
      'What matched, in match form (lower case, nukta folded): the term, or the words of the text',
    ),
    word_position: col.opt.integer('Places: position of the first matched word in the text (from 1)'),
    word_count: col.opt.integer('Places: number of words matched'),
    place_id: col.opt.varchar('Places: place_names.place_id'),
    district: col.opt.varchar('Places: district of the place (English name)'),
    district_id: col.opt.varchar('Places: district id'),
    police_station_id: col.opt.varchar('Places: the thana the name places the post in (null for a district)'),
    police_station: col.opt.varchar('Places: that thana in English'),
    needs_context: col.opt.boolean('Places: whether the name counts only with context (place_names.needs_context)'),
    has_station_word: col.opt.boolean('Places: whether a station word (थाना, PS, …) stands right before or after it'),
    has_police_word: col.opt.boolean('Places: whether a police word (police, पुलिस) stands right before or after it'),
    input_fingerprint: col.varchar(
      "Digest of the month's social_posts files, the lexicon and the place names, so a build matches only the months with new or re-exported posts",
    ),
  }),
});

/**
 * Incremental by month, with input fingerprints: a post's matches depend on its own text and the
 * term and place lists only, so a month is fingerprinted by its social_posts partitions' files and
 * the lists' files, and a build matches only the months whose posts changed.
 */
async function matchFingerprints(ctx: ModelContext): Promise<ReadonlyMap<string, string>> {
  const posts = await partitionFingerprints(ctx.lake, 'social_posts', 'month');
  const lists = `${await tableFingerprint(ctx.lake, 'social_lexicon')}|${await tableFingerprint(ctx.lake, 'place_names')}`;
  return combineFingerprints(posts.keys(), posts, new Map([...posts.keys()].map((m) => [m, lists])));
}

export const socialPostMatchesModel: Model = {
  contract: socialPostMatches,
  sql: loadSql(import.meta.url, 'social_post_matches.sql'),
  inputs: ['social_lexicon', 'place_names'],
  optionalInputs: optionalInputs(socialPosts),
  incremental: { column: 'month', fingerprints: matchFingerprints },
};
