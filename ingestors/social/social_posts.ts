import { z } from 'zod';
import { col, defineTable, lineageColumns } from '../../lake/contract.ts';

export const socialPostKinds = ['post', 'comment', 'mention', 'reply', 'dm'] as const;

export const socialPosts = defineTable({
  name: 'social_posts',
  description:
    'Posts, comments, mentions, replies and DMs from the X, Facebook, Instagram and YouTube exports (the latest export of an item wins)',
  grain: 'one row per platform and item (post, comment, mention, reply or DM)',
  key: ['platform', 'post_id'],
  replaceKey: ['platform', 'post_id'],
  partitionBy: ['platform', 'month'],
  schema: z.object({
    platform: col.varchar('x, facebook, instagram or youtube; Hive partition'),
    post_id: col.varchar("The platform's id of the item (tweet, DM event, Graph object, YouTube comment)"),
    month: col.varchar('Month of created_at in IST, YYYY-MM; Hive partition'),
    kind: col.varchar(
      `${socialPostKinds.join(', ')}: post = a top-level post by its account (or a mention-less tweet of ours); comment = a comment on a post; ` +
        'mention = a tweet mentioning a police account; reply = an answer to another item (X reply, reply to a comment); dm = a direct message',
    ),
    parent_id: col.opt.varchar(
      'The item this one answers: X replied_to (else quoted, retweeted) tweet, Facebook parent comment or post, Instagram parent comment or media, YouTube parent comment or video',
    ),
    thread_id: col.opt.varchar(
      'The conversation the item belongs to: X conversation_id, DM conversation (pseudonymised), Facebook post, Instagram media, YouTube video',
    ),
    account: col.opt.varchar(
      'The police account the item belongs to or mentions (canonical name from the police account list, @ removed); null when none is known',
    ),
    author_id: col.opt.varchar("Author's platform id; a citizen's DM sender is a keyed pseudonym (psn_…)"),
    author_name: col.opt.varchar(
      "Author's display name (null for a pseudonymised DM sender, or when the export omits it)",
    ),
    author_handle: col.opt.varchar("Author's handle (X username, Instagram username), without @"),
    is_police_account: col.boolean('Whether the author is one of our police accounts'),
    text: col.opt.varchar("Text as written (Hindi or English); phone numbers in citizens' DMs masked"),
    created_at: col.timestamptz('When the item was posted (UTC)'),
    language: col.varchar(
      "Language: the platform's tag (X lang) when given, else hi when the text has Devanagari, else en",
    ),
    like_count: col.opt.integer('Likes (Facebook: reactions of a post) at export time'),
    reply_count: col.opt.integer('Replies or comments at export time'),
    share_count: col.opt.integer('Shares (X: retweets + quotes) at export time'),
    impression_count: col.opt.integer('Impressions (X) at export time'),
    ...lineageColumns,
  }),
});
