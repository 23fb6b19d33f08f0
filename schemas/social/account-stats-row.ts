import { z } from 'zod';
import { oneOf, optionalText, requiredText, text } from '../fields.ts';
import { istDate, parseIstDateTime } from '../time.ts';

/**
 * One line of the account metric snapshot CSV (the cell's own export, or a compilation of
 * other states' police accounts): `platform,account,state,date,followers,reach,impressions`.
 * UTF-8, one header line; date as YYYY-MM-DD or DD/MM/YYYY; counts as whole numbers, grouping
 * commas allowed (6,65,000); reach and impressions may be empty.
 */
export const accountStatsHeaders = [
  'platform',
  'account',
  'state',
  'date',
  'followers',
  'reach',
  'impressions',
] as const;
/** Columns a file must have (a file without some of the metric columns is fine, but not without all). */
export const requiredAccountStatsHeaders = ['platform', 'account', 'date'] as const;
export const metricHeaders = ['followers', 'reach', 'impressions'] as const;

export const platforms = ['x', 'facebook', 'instagram', 'youtube'] as const;
export type Platform = (typeof platforms)[number];

export const platform = oneOf({
  x: 'x',
  twitter: 'x',
  'x (twitter)': 'x',
  'twitter (x)': 'x',
  facebook: 'facebook',
  fb: 'facebook',
  instagram: 'instagram',
  ig: 'instagram',
  insta: 'instagram',
  youtube: 'youtube',
  yt: 'youtube',
} satisfies Record<string, Platform>);

const blank = (s: string) => s === '' || /^(na|n\/a|null|-)$/i.test(s);

function countCell() {
  return text.transform((s, ctx) => {
    if (blank(s)) return null;
    // 6,65,000 (Indian grouping) or 665,000 or 665000.
    if (!/^\d{1,3}(,\d{2,3})*$|^\d+$/.test(s)) {
      ctx.addIssue({ code: 'custom', message: `not a whole number ≥ 0: "${s}"` });
      return z.NEVER;
    }
    return Number(s.replaceAll(',', ''));
  });
}

export const calendarDate = text.transform((s, ctx) => {
  const d = /^\d{4}-\d{2}-\d{2}$|^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$|^\d{4}-\d{2}-\d{2} 00:00(:00)?$/.test(s)
    ? parseIstDateTime(s)
    : undefined;
  if (!d) {
    ctx.addIssue({ code: 'custom', message: `not a date (YYYY-MM-DD or DD/MM/YYYY): "${s}"` });
    return z.NEVER;
  }
  return istDate(d);
});

export const accountStatsRow = z
  .object({
    platform,
    account: requiredText.transform((s) => s.replace(/^@/, '')),
    state: optionalText.optional().transform((s) => s ?? null),
    date: calendarDate,
    followers: countCell()
      .optional()
      .transform((n) => n ?? null),
    reach: countCell()
      .optional()
      .transform((n) => n ?? null),
    impressions: countCell()
      .optional()
      .transform((n) => n ?? null),
  })
  .refine((r) => r.followers !== null || r.reach !== null || r.impressions !== null, {
    path: ['followers'],
    message: 'no metric: followers, reach and impressions are all empty',
  });
export type AccountStatsRow = z.output<typeof accountStatsRow>;
