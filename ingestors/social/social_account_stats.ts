import { z } from 'zod';
import { col, defineTable, lineageColumns } from '../../lake/contract.ts';

export const socialAccountStats = defineTable({
  name: 'social_account_stats',
  description:
    "Daily follower, reach and impression figures of our and other states' police accounts (snapshot CSVs, Facebook and Instagram insights, YouTube channel statistics)",
  grain: 'one row per platform, account and day',
  key: ['platform', 'account', 'date'],
  replaceKey: ['platform', 'account', 'date'],
  partitionBy: ['platform'],
  schema: z.object({
    platform: col.varchar('x, facebook, instagram or youtube; Hive partition'),
    account: col.varchar('Account (canonical name from the police account list, @ removed)'),
    state: col.opt.varchar('State whose police the account belongs to (our own from the police account list)'),
    date: col.date('Day the figures are for (insights: the day ending at end_time; YouTube: the snapshot day)'),
    followers: col.opt.integer(
      'Followers (page_fans / page_follows, Instagram follower_count, YouTube subscribers) at the end of the day',
    ),
    reach: col.opt.integer('Unique accounts reached that day (page_impressions_unique, Instagram reach)'),
    impressions: col.opt.integer('Impressions that day (page_impressions, Instagram impressions / views)'),
    is_own_account: col.boolean('Whether the account is one of our police accounts'),
    ...lineageColumns,
  }),
});
