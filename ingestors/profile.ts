import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { parseIstDateTime } from '../schemas/time.ts';

/**
 * A mapping profile lets an analyst onboard a new variant of an export without code: header
 * aliases (the variant's column name → our canonical name), extra date formats, and value maps
 * (per canonical column: the variant's value → ours). JSON or YAML; see profiles/README.md.
 */
export const profileSchema = z.object({
  source: z.string().describe('Source the profile is for (cctns, tips, social, vehicles, groups)'),
  description: z.string().optional().describe('What variant of the export this profile reads'),
  headerAliases: z
    .record(z.string(), z.string())
    .default({})
    .describe('Export column name → canonical column name (matched case-insensitively, spaces = _)'),
  dateFormats: z
    .array(z.string().regex(/^[DMYHms/.\-: T]+$/, 'use tokens DD MM YYYY HH mm ss and separators / . - : space T'))
    .default([])
    .describe('Local (IST) date-time formats of the export, tried before the defaults, e.g. "MM/DD/YYYY HH:mm"'),
  valueMaps: z
    .record(z.string(), z.record(z.string(), z.string()))
    .default({})
    .describe('Canonical column → { export value → canonical value } (case-insensitive)'),
});
export type Profile = z.output<typeof profileSchema>;

export class ProfileError extends Error {
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'ProfileError';
  }
}

export function emptyProfile(source: string): Profile {
  return { source, headerAliases: {}, dateFormats: [], valueMaps: {} };
}

export function loadProfile(file: string, source: string): Profile {
  let data: unknown;
  try {
    const text = fs.readFileSync(file, 'utf8');
    data = /\.ya?ml$/i.test(path.extname(file)) ? YAML.parse(text) : JSON.parse(text);
  } catch (error) {
    throw new ProfileError(file, `cannot read the profile: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = profileSchema.safeParse(data);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new ProfileError(file, `${i?.path.join('.') || '(profile)'}: ${i?.message}`);
  }
  if (parsed.data.source !== source) {
    throw new ProfileError(file, `this profile is for source "${parsed.data.source}", not "${source}"`);
  }
  return parsed.data;
}

/** Canonical key of a header cell under a profile: lower case, spaces/hyphens → _, then aliases. */
export function canonicalHeader(cell: string, profile?: Profile): string {
  const key = cell
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if (!profile) return key;
  for (const [alias, canonical] of Object.entries(profile.headerAliases)) {
    if (
      alias
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, '_') === key
    )
      return canonical;
  }
  return key;
}

/** Applies the profile's value maps and date formats to one record of canonical columns. */
export function applyProfile(
  record: Record<string, string>,
  profile: Profile | undefined,
  dateColumns: readonly string[] = [],
) {
  if (!profile) return record;
  const out = { ...record };
  for (const [column, map] of Object.entries(profile.valueMaps)) {
    const v = out[column];
    if (v === undefined) continue;
    const hit = Object.entries(map).find(([from]) => from.toLowerCase() === v.trim().toLowerCase());
    if (hit) out[column] = hit[1];
  }
  if (profile.dateFormats.length > 0) {
    // The profile's formats come first: 03/07/2024 is 7 March to a month-first export.
    for (const column of dateColumns) {
      const v = out[column];
      if (!v) continue;
      const d = parseWithFormats(v, profile.dateFormats);
      if (d) out[column] = d;
    }
  }
  return out;
}

/**
 * Tries each format (tokens DD MM YYYY HH mm ss) and returns the value rewritten as
 * `YYYY-MM-DD HH:mm:ss`, which the default parser reads; undefined when none matches.
 */
export function parseWithFormats(value: string, formats: readonly string[]): string | undefined {
  for (const f of formats) {
    const names: string[] = [];
    const re = new RegExp(
      '^' +
        f.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/YYYY|DD|MM|HH|mm|ss/g, (tok) => {
          names.push(tok);
          return tok === 'YYYY' ? '(\\d{4})' : '(\\d{1,2})';
        }) +
        '$',
    );
    const m = re.exec(value.trim());
    if (!m) continue;
    const get = (tok: string, def: string) => {
      const i = names.indexOf(tok);
      return i >= 0 ? m[i + 1]!.padStart(2, '0') : def;
    };
    const text = `${get('YYYY', '')}-${get('MM', '')}-${get('DD', '')} ${get('HH', '00')}:${get('mm', '00')}:${get('ss', '00')}`;
    if (parseIstDateTime(text)) return text;
  }
  return undefined;
}
