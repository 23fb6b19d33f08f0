import { z } from 'zod';
import { col, defineTable } from '../../lake/contract.ts';
import { loadSql } from '../../lake/duckdb.ts';
import type { Model } from '../models.ts';
import { optionalInputs } from '../reference-tables.ts';
import { socialAccountStats } from '../../ingestors/social/social_account_stats.ts';

export const socialRankings = defineTable({
  name: 'social_rankings',
  description:
    "Each state police's followers per platform and day, its rank among the states, and its growth over the last two months",
  grain: 'one row per platform, day and state (social_account_stats rows with a state and a follower count)',
  key: ['platform', 'date', 'state'],
  replaceKey: ['month'],
  partitionBy: ['month'],
  schema: z.object({
    platform: col.varchar('x, facebook, instagram or youtube'),
    date: col.date('Day of the figures'),
    month: col.varchar('Month of the day, YYYY-MM; Hive partition'),
    state: col.varchar('State whose police the account belongs to'),
    account: col.varchar("The state's account ranked: its account with the most followers that day"),
    is_own_state: col.boolean('Whether these are our own accounts (social_account_stats.is_own_account)'),
    followers: col.integer('Followers at the end of the day'),
    rank: col.integer('Rank among the states with figures that day, 1 = most followers (ties share a rank)'),
    state_count: col.integer('States with figures that day on the platform'),
    two_months_before_date: col.opt.date(
      "Day of the baseline: the state's latest figure on or before the same day two calendar months earlier",
    ),
    two_months_before_followers: col.opt.integer('Followers on the baseline day; null when the series starts later'),
    new_followers_two_months: col.opt.integer(
      'followers − two_months_before_followers: followers gained in the two months',
    ),
    growth_two_months: col.opt.double('new_followers_two_months / two_months_before_followers (0.1 = 10%)'),
    two_months_before_rank: col.opt.integer('Rank on the baseline day'),
    input_fingerprint: col.varchar(
      "Digest of the month's rows, so a build rewrites only the months whose figures changed: new days, and re-exported days with the months whose two-month baseline reads them",
    ),
  }),
});

export const socialRankingsModel: Model = {
  contract: socialRankings,
  sql: loadSql(import.meta.url, 'social_rankings.sql'),
  inputs: [],
  optionalInputs: optionalInputs(socialAccountStats),
  // Output fingerprints (models.ts): a day's growth reads the figures of two months before.
  incremental: { column: 'month' },
};
