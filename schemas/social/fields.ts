import { z } from 'zod';
import { text } from '../fields.ts';

/**
 * zod parsers for the JSON values of the social media APIs (X v2, Graph, YouTube Data). Unlike
 * the text-cell parsers of `schemas/fields.ts`, these see JSON types: a metric sent as a string
 * where the API sends a number is a wrong type, and is rejected as such.
 */

/** Any JSON value, a missing key included (so the transforms below see `undefined` and can name it). */
const value = () => z.unknown().optional();

const kindOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** An object id: a non-empty string (a safe integer is accepted and written as a string). */
export const id = value().transform((v, ctx) => {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return String(v);
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  ctx.addIssue({
    code: 'custom',
    message: v === undefined ? 'required, but missing' : `not an id (a non-empty string): ${JSON.stringify(v)}`,
  });
  return z.NEVER;
});

export const optionalId = value().transform((v, ctx) => {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return String(v);
  if (typeof v === 'string') return v.trim();
  ctx.addIssue({ code: 'custom', message: `not an id (a string): ${JSON.stringify(v)}` });
  return z.NEVER;
});

/** Free text (posts, comments): valid UTF-8, kept as written apart from outer whitespace. */
export const optionalSocialText = value()
  .transform((v, ctx) => {
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') {
      ctx.addIssue({ code: 'custom', message: `expected text, got ${kindOf(v)}` });
      return z.NEVER;
    }
    return v;
  })
  .pipe(text.nullable())
  .transform((s) => (s === null || s === '' ? null : s));

/** An instant with its zone, as every one of these APIs writes it (…Z, …+0000, …+05:30). */
export const instant = value().transform((v, ctx) => {
  const d = parseInstant(v);
  if (!d) {
    ctx.addIssue({
      code: 'custom',
      message:
        v === undefined
          ? 'required, but missing'
          : `not an ISO 8601 instant with a time zone (e.g. 2024-03-05T08:52:07Z): ${JSON.stringify(v)}`,
    });
    return z.NEVER;
  }
  return d;
});

export function parseInstant(v: unknown): Date | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.exec(v.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s = '0'] = m;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (check.getUTCDate() !== Number(d)) return undefined; // 31 February
  const date = new Date(v.trim());
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A count metric: a whole number ≥ 0 as a JSON number; absent or null is null. */
export const count = value().transform((v, ctx) => {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    ctx.addIssue({
      code: 'custom',
      message: `not a count (a whole number ≥ 0, as a JSON number): ${JSON.stringify(v)}`,
    });
    return z.NEVER;
  }
  return v;
});

/** A count the API sends as a decimal string (YouTube statistics: "subscriberCount": "12000"). */
export const countString = value().transform((v, ctx) => {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
  if (typeof v === 'string' && /^\d{1,15}$/.test(v.trim())) return Number(v.trim());
  ctx.addIssue({ code: 'custom', message: `not a count (a whole number ≥ 0): ${JSON.stringify(v)}` });
  return z.NEVER;
});

/** Turns a zod issue path into the JSON path notation of the rejects: `public_metrics.like_count`, `values[2].value`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out;
}

/** The first zod issue as a JSON path under the record's own path, and its message. */
export function issueAt(recordPath: string, error: z.ZodError): { field: string; reason: string } {
  const issue = error.issues[0];
  const sub = issue ? jsonPath(issue.path) : '';
  return {
    field: sub === '' ? recordPath : sub.startsWith('[') ? `${recordPath}${sub}` : `${recordPath}.${sub}`,
    reason: issue?.message ?? error.message,
  };
}
