import { z } from 'zod';
import { istDate, parseIstDateTime } from './time.ts';

/** Reusable zod field parsers for text exports (every CSV cell arrives as a string). */

const blank = (s: string) => s.trim() === '' || /^(na|n\/a|null|-)$/i.test(s.trim());

/** Rejects U+FFFD, the mark of bytes that were not valid UTF-8. */
export const text = z
  .string()
  .refine((s) => !s.includes('\uFFFD'), 'not valid UTF-8 (is the file in another encoding?)')
  .transform((s) => s.trim());

export const requiredText = text.pipe(z.string().min(1, 'required, but empty'));

export const optionalText = text.transform((s) => (blank(s) ? null : s));

export const istDateTime = text.transform((s, ctx) => {
  const d = parseIstDateTime(s);
  if (!d) {
    ctx.addIssue({ code: 'custom', message: `not a date-time (DD/MM/YYYY HH:mm): "${s}"` });
    return z.NEVER;
  }
  return d;
});

export const optionalIstDateTime = text.transform((s, ctx) => {
  if (blank(s)) return null;
  const d = parseIstDateTime(s);
  if (!d) {
    ctx.addIssue({ code: 'custom', message: `not a date-time (DD/MM/YYYY HH:mm): "${s}"` });
    return z.NEVER;
  }
  return d;
});

export function integerIn(min: number, max: number) {
  return text.transform((s, ctx) => {
    if (!/^[+-]?\d+$/.test(s) || Number(s) < min || Number(s) > max) {
      ctx.addIssue({ code: 'custom', message: `not a whole number from ${min} to ${max}: "${s}"` });
      return z.NEVER;
    }
    return Number(s);
  });
}

export function optionalIntegerIn(min: number, max: number) {
  return text.transform((s, ctx) => {
    if (blank(s)) return null;
    if (!/^[+-]?\d+$/.test(s) || Number(s) < min || Number(s) > max) {
      ctx.addIssue({ code: 'custom', message: `not a whole number from ${min} to ${max}: "${s}"` });
      return z.NEVER;
    }
    return Number(s);
  });
}

export function optionalNumberIn(min: number, max: number) {
  return text.transform((s, ctx) => {
    if (blank(s)) return null;
    const n = Number(s);
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message: `not a number from ${min} to ${max}: "${s}"` });
      return z.NEVER;
    }
    return n;
  });
}

/** Y/N style flags. */
export const yesNo = text.transform((s, ctx) => {
  const v = s.toLowerCase();
  if (['y', 'yes', 'true', '1', 'हाँ', 'हां'].includes(v)) return true;
  if (['n', 'no', 'false', '0', 'नहीं'].includes(v)) return false;
  ctx.addIssue({ code: 'custom', message: `not Y or N: "${s}"` });
  return z.NEVER;
});

function lookupOf<V extends string>(values: Record<string, V>) {
  const lookup = new Map(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]));
  const allowed = [...new Set(Object.values(values))].join(', ');
  return (s: string, ctx: z.RefinementCtx): V => {
    const v = lookup.get(s.toLowerCase());
    if (v === undefined) {
      ctx.addIssue({ code: 'custom', message: `not one of ${allowed}: "${s}"` });
      return z.NEVER;
    }
    return v;
  };
}

/** Maps spellings (case-insensitive) to canonical values. */
export function oneOf<const V extends string>(values: Record<string, V>) {
  return text.transform(lookupOf(values));
}

/** Like oneOf, but a blank cell is null. */
export function optionalOneOf<const V extends string>(values: Record<string, V>) {
  const lookup = lookupOf(values);
  return text.transform((s, ctx) => (blank(s) ? null : lookup(s, ctx)));
}

function toCalendarDate(s: string, ctx: z.RefinementCtx): string {
  const d = parseIstDateTime(s);
  if (!d) {
    ctx.addIssue({ code: 'custom', message: `not a date (DD/MM/YYYY or YYYY-MM-DD): "${s}"` });
    return z.NEVER;
  }
  return istDate(d);
}

/** A calendar date (DD/MM/YYYY, YYYY-MM-DD, …; a time part is ignored) as `YYYY-MM-DD` in IST. */
export const calendarDate = text.transform(toCalendarDate);

/** Like calendarDate, but a blank cell is null. */
export const optionalCalendarDate = text.transform((s, ctx) => (blank(s) ? null : toCalendarDate(s, ctx)));
