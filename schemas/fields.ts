import { z } from 'zod';
import {
  optionalOf,
  sqlIntegerIn,
  sqlIstDateTimeField,
  sqlNumberIn,
  sqlOneOf,
  sqlOptionalText,
  sqlRequiredMatching,
  sqlRequiredText,
  sqlText,
  sqlYesNo,
  withSql,
} from './fields-sql.ts';
import { istDate, parseIstDateTime } from './time.ts';

/** Reusable zod field parsers for text exports (every CSV cell arrives as a string). */

const blank = (s: string) => s.trim() === '' || /^(na|n\/a|null|-)$/i.test(s.trim());

/** Rejects U+FFFD, the mark of bytes that were not valid UTF-8. */
export const text = withSql(
  z
    .string()
    .refine((s) => !s.includes('\uFFFD'), 'not valid UTF-8 (is the file in another encoding?)')
    .transform((s) => s.trim()),
  sqlText,
);

export const requiredText = withSql(text.pipe(z.string().min(1, 'required, but empty')), sqlRequiredText);

export const optionalText = withSql(
  text.transform((s) => (blank(s) ? null : s)),
  sqlOptionalText,
);

/** Required text matching a pattern (whole cell), e.g. an FIR number of 1–6 digits. */
export function requiredMatching(pattern: RegExp, message: string) {
  const source = pattern.source.replace(/^\^/, '').replace(/\$$/, '');
  return withSql(requiredText.pipe(z.string().regex(pattern, message)), sqlRequiredMatching(source, message));
}

const notDateTime = 'not a date-time (DD/MM/YYYY HH:mm): ';
const sqlDateTime = sqlIstDateTimeField(notDateTime);

export const istDateTime = withSql(
  text.transform((s, ctx) => {
    const d = parseIstDateTime(s);
    if (!d) {
      ctx.addIssue({ code: 'custom', message: `${notDateTime}"${s}"` });
      return z.NEVER;
    }
    return d;
  }),
  sqlDateTime,
);

export const optionalIstDateTime = withSql(
  text.transform((s, ctx) => {
    if (blank(s)) return null;
    const d = parseIstDateTime(s);
    if (!d) {
      ctx.addIssue({ code: 'custom', message: `${notDateTime}"${s}"` });
      return z.NEVER;
    }
    return d;
  }),
  optionalOf(sqlDateTime),
);

export function integerIn(min: number, max: number) {
  return withSql(integerParser(min, max), sqlIntegerIn(min, max));
}

function integerParser(min: number, max: number) {
  return text.transform((s, ctx) => {
    if (!/^[+-]?\d+$/.test(s) || Number(s) < min || Number(s) > max) {
      ctx.addIssue({ code: 'custom', message: `not a whole number from ${min} to ${max}: "${s}"` });
      return z.NEVER;
    }
    return Number(s);
  });
}

export function optionalIntegerIn(min: number, max: number) {
  return withSql(optionalIntegerParser(min, max), optionalOf(sqlIntegerIn(min, max)));
}

function optionalIntegerParser(min: number, max: number) {
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
  return withSql(optionalNumberParser(min, max), optionalOf(sqlNumberIn(min, max)));
}

function optionalNumberParser(min: number, max: number) {
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
const yes = ['y', 'yes', 'true', '1', 'हाँ', 'हां'];
const no = ['n', 'no', 'false', '0', 'नहीं'];
export const yesNo = withSql(
  text.transform((s, ctx) => {
    const v = s.toLowerCase();
    if (yes.includes(v)) return true;
    if (no.includes(v)) return false;
    ctx.addIssue({ code: 'custom', message: `not Y or N: "${s}"` });
    return z.NEVER;
  }),
  sqlYesNo(yes, no),
);

const allowedOf = (values: Record<string, string>) => [...new Set(Object.values(values))].join(', ');

function lookupOf<V extends string>(values: Record<string, V>) {
  const lookup = new Map(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]));
  const allowed = allowedOf(values);
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
  return withSql(text.transform(lookupOf(values)), sqlOneOf(values, allowedOf(values)));
}

/** Like oneOf, but a blank cell is null. */
export function optionalOneOf<const V extends string>(values: Record<string, V>) {
  const lookup = lookupOf(values);
  return withSql(
    text.transform((s, ctx) => (blank(s) ? null : lookup(s, ctx))),
    optionalOf(sqlOneOf(values, allowedOf(values))),
  );
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
