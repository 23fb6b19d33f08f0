import { z } from 'zod';
import { col, defineTable } from '../../lake/contract.ts';
import { loadSql } from '../../lake/duckdb.ts';
import type { Model } from '../models.ts';

export const socialResponseTimesWeekly = defineTable({
  name: 'social_response_times_weekly',
  description:
    'Complaint response times per ISO week (IST) and platform: median and 90th percentile delay to the first police reply, share answered within 2 hours',
  grain: "one row per ISO week of the complaints (IST) and platform, plus one per week with platform 'all'",
  key: ['platform', 'week'],
  replaceKey: ['week'],
  partitionBy: [],
  schema: z.object({
    platform: col.varchar("x, facebook, instagram, youtube, or all (every platform's complaints together)"),
    week: col.varchar('ISO week the complaints were posted in (IST), YYYY-Www'),
    complaint_count: col.integer('Complaints posted that week (social_response_times)'),
    answered_count: col.integer('Of those, answered by a police account (by now)'),
    answered_within_2h_count: col.integer('Of those, answered within 2 hours'),
    unanswered_count: col.integer('Of those, not answered (by now)'),
    share_answered_within_2h: col.double(
      'answered_within_2h_count / complaint_count (unanswered complaints count as late)',
    ),
    median_response_minutes: col.opt.double(
      'Median minutes to the first reply over the answered complaints (linear interpolation between the middle two)',
    ),
    p90_response_minutes: col.opt.double(
      '90th percentile of minutes to the first reply over the answered complaints (linear interpolation, quantile_cont)',
    ),
    input_fingerprint: col.varchar(
      "Digest of the week's rows, so a build replaces only the weeks whose figures changed (the table is a few rows a week: one file)",
    ),
  }),
});

export const socialResponseTimesWeeklyModel: Model = {
  contract: socialResponseTimesWeekly,
  sql: loadSql(import.meta.url, 'social_response_times_weekly.sql'),
  inputs: ['social_response_times'],
  // Output fingerprints (models.ts): the figures are cheap to compute, and only changed weeks are replaced.
  incremental: { column: 'week' },
};
