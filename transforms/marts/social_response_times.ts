import { z } from 'zod';
import { col, defineTable } from '../../lake/contract.ts';
import { loadSql } from '../../lake/duckdb.ts';
import type { Model } from '../models.ts';
import { optionalInputs } from '../reference-tables.ts';
import { socialPosts } from '../../ingestors/social/social_posts.ts';

export const socialResponseTimes = defineTable({
  name: 'social_response_times',
  description:
    "Citizen complaints to our police accounts (comments, mentions, replies to our items, DMs) with the delay to the police's first reply; weekly figures in social_response_times_weekly",
  grain:
    'one row per complaint: an item by a citizen addressed to a police account (a comment, mention or DM, or a reply to a police item) that is a DM or matches a complaint term of the lexicon',
  key: ['platform', 'post_id'],
  replaceKey: ['month'],
  partitionBy: ['month'],
  schema: z.object({
    platform: col.varchar('x, facebook, instagram or youtube'),
    post_id: col.varchar('The complaint (joins social_posts)'),
    kind: col.varchar('comment, mention, reply or dm'),
    account: col.opt.varchar('The police account it is addressed to'),
    author_id: col.opt.varchar("Author's platform id (a DM sender's is a pseudonym)"),
    author_handle: col.opt.varchar("Author's handle, without @"),
    language: col.varchar('Language of the text'),
    created_at: col.timestamptz('When the complaint was posted (UTC)'),
    week: col.varchar('ISO week of created_at in IST, YYYY-Www'),
    month: col.varchar('Month of created_at in IST, YYYY-MM; Hive partition'),
    complaint_terms: col.opt.varchar(
      "Complaint terms of the lexicon it matched, '; '-separated (null for a DM, which is a complaint whatever it says)",
    ),
    first_reply_id: col.opt.varchar(
      'The first police item answering it: a reply to it, the next police DM in the conversation, or a police item in the X conversation it started',
    ),
    first_reply_at: col.opt.timestamptz('When the police first answered (UTC); null when unanswered'),
    response_minutes: col.opt.double('Minutes from the complaint to the first answer (seconds included)'),
    is_answered: col.boolean('Whether a police account answered it'),
    is_answered_within_2h: col.boolean(
      'Whether the first answer came within 2 hours (120 minutes 0 seconds inclusive)',
    ),
    district: col.opt.varchar('District the complaint names (post_places), when it names one'),
    police_station_id: col.opt.varchar('Thana the complaint names (post_places), when it names one'),
    text: col.opt.varchar('The complaint text'),
    input_fingerprint: col.varchar(
      "Digest of the month's rows, so a build rewrites only the months whose complaints or answers changed (a late answer changes its complaint's month)",
    ),
  }),
});

export const socialResponseTimesModel: Model = {
  contract: socialResponseTimes,
  sql: loadSql(import.meta.url, 'social_response_times.sql'),
  inputs: ['social_post_matches', 'post_places'],
  optionalInputs: optionalInputs(socialPosts),
  // Output fingerprints (models.ts): an answer posted later changes an earlier complaint's row.
  incremental: { column: 'month' },
};
