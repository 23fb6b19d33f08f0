import { z } from 'zod';
import { col, defineTable } from '../../lake/contract.ts';
import { loadSql } from '../../lake/duckdb.ts';
import type { Model } from '../models.ts';
import { optionalInputs } from '../reference-tables.ts';
import { socialPosts } from '../../ingestors/social/social_posts.ts';

export const flaggedPosts = defineTable({
  name: 'flagged_posts',
  description:
    'Social posts matching the communal, hate or rumour / fake-news lexicon (Hindi and English), or written by watch-listed accounts, with the terms that matched',
  grain: "one row per flagged post (our own police accounts' posts are never flagged)",
  key: ['platform', 'post_id'],
  replaceKey: ['month'],
  partitionBy: ['month'],
  schema: z.object({
    platform: col.varchar('x, facebook, instagram or youtube'),
    post_id: col.varchar('The post (joins social_posts)'),
    month: col.varchar('Month of created_at in IST, YYYY-MM; Hive partition'),
    kind: col.varchar('post, comment, mention, reply or dm'),
    created_at: col.timestamptz('When it was posted (UTC)'),
    week: col.varchar('ISO week of created_at in IST, YYYY-Www'),
    account: col.opt.varchar('The police account it belongs to or mentions'),
    author_id: col.opt.varchar("Author's platform id"),
    author_handle: col.opt.varchar("Author's handle, without @"),
    author_name: col.opt.varchar("Author's display name"),
    language: col.varchar('Language of the text (social_posts.language)'),
    text: col.opt.varchar('The text as written'),
    categories: col.opt.varchar(
      "Lexicon categories matched, ', '-separated: communal, hate, rumour (null when only the author flags it)",
    ),
    matched_terms: col.opt.varchar("Terms matched as <category>:<term as the lexicon writes it>, '; '-separated"),
    is_communal: col.boolean('Whether a communal term matched'),
    is_hate: col.boolean('Whether a hate term matched'),
    is_rumour: col.boolean('Whether a rumour / fake-news term matched'),
    is_watch_listed_author: col.boolean('Whether the author is on the watch-list (social_watch_list)'),
    watch_list_reason: col.opt.varchar('Why the author is watched'),
    district: col.opt.varchar('District the post is attributed to (post_places), when it names one'),
    police_station_id: col.opt.varchar('Thana the post is attributed to (post_places), when it names one'),
    police_station: col.opt.varchar('That thana in English'),
    place_terms: col.opt.varchar('The place names that attributed it (post_places.matched_terms)'),
    share_count: col.opt.integer('Shares at export time (reach of a rumour)'),
    impression_count: col.opt.integer('Impressions at export time (X)'),
    input_fingerprint: col.varchar(
      "Digest of the month's rows, so a build rewrites only the months whose flagged posts changed (new posts, re-exported figures, a changed watch-list or lexicon)",
    ),
  }),
});

export const flaggedPostsModel: Model = {
  contract: flaggedPosts,
  sql: loadSql(import.meta.url, 'flagged_posts.sql'),
  inputs: ['social_post_matches', 'social_watch_list', 'post_places'],
  optionalInputs: optionalInputs(socialPosts),
  // Output fingerprints (models.ts): a watch-list entry flags an author's posts of any month.
  incremental: { column: 'month' },
};
