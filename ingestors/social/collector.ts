import type { z } from 'zod';
import type { RowOf } from '../../lake/contract.ts';
import type { StagingTable } from '../../lake/staging.ts';
import { parseInstant, issueAt } from '../../schemas/social/fields.ts';
import type { Platform } from '../../schemas/social/account-stats-row.ts';
import { istMonth, parseIstDateTime } from '../../schemas/time.ts';
import type { IngestContext, Reject } from '../batch.ts';
import { parseWithFormats, type Profile } from '../profile.ts';
import type { PoliceAccounts } from './police-accounts.ts';
import type { socialAccountStats } from './social_account_stats.ts';
import type { socialPosts } from './social_posts.ts';

type LineageKeys = 'batch_id' | 'source_file' | 'source_line' | 'ingested_at';
export type PostRow = Omit<RowOf<typeof socialPosts>, LineageKeys | 'month'>;
export type StatRow = Omit<RowOf<typeof socialAccountStats>, LineageKeys>;
export type JsonObject = Record<string, unknown>;

/** Keys of the JSON records that hold instants (a profile's date formats are tried on them). */
const instantKeys = ['created_at', 'created_time', 'timestamp', 'publishedAt', 'end_time'];

/**
 * Where the records of one file go: the staged `social_posts`, the account figures (merged per
 * platform, account and day before staging), and the rejects. Counts every input record once,
 * so rowsIn = rowsLanded + rejects.
 */
export class Collector {
  rowsIn = 0;
  rowsLanded = 0;
  readonly rejects: Reject[] = [];
  /** Account figures by platform, account and day; the last record of a metric wins. */
  readonly stats = new Map<string, { row: StatRow; line: number }>();

  constructor(
    readonly ctx: IngestContext,
    readonly accounts: PoliceAccounts,
    private readonly posts: StagingTable<typeof socialPosts>,
    private readonly lineage: { batch_id: string; source_file: string; ingested_at: Date },
  ) {}

  get profile(): Profile | undefined {
    return this.ctx.profile;
  }

  /** Starts the next input record; returns its number in the file (from 1). */
  begin(): number {
    return ++this.rowsIn;
  }

  reject(line: number, field: string, reason: string, raw: unknown): void {
    this.rejects.push({
      line,
      field,
      reason,
      raw: typeof raw === 'string' ? raw : (JSON.stringify(raw) ?? String(raw)),
    });
  }

  /** Validates one record; on failure quarantines it with the JSON path of the field. */
  parse<S extends z.ZodType>(
    schema: S,
    value: unknown,
    line: number,
    path: string,
    raw: unknown = value,
  ): z.output<S> | undefined {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const at = issueAt(path, parsed.error);
    this.reject(line, at.field, at.reason, raw);
    return undefined;
  }

  /**
   * A record as a JSON object with the profile applied to its top-level keys (header aliases,
   * value maps, date formats); undefined (and quarantined) when it is not an object.
   */
  object(value: unknown, line: number, path: string): JsonObject | undefined {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.reject(line, path, 'a record must be a JSON object', value);
      return undefined;
    }
    return applyJsonProfile(value as JsonObject, this.profile);
  }

  post(line: number, row: PostRow): void {
    this.posts.append({ ...row, month: istMonth(row.created_at), ...this.lineage, source_line: line });
    this.rowsLanded++;
  }

  /** Adds a day's figures of an account; a later non-null figure of the same day wins. */
  stat(line: number, row: StatRow): void {
    const key = `${row.platform}\u0000${row.account}\u0000${row.date}`;
    const prev = this.stats.get(key);
    this.stats.set(key, {
      row: prev ? mergeStats(prev.row, row) : row,
      line,
    });
    this.rowsLanded++;
  }

  rowOf(stat: { row: StatRow; line: number }): RowOf<typeof socialAccountStats> {
    return { ...stat.row, ...this.lineage, source_line: stat.line };
  }
}

/** Figures of `next` where it has them, else those of `prev` (an export never erases a figure). */
export function mergeStats<T extends Pick<StatRow, 'followers' | 'reach' | 'impressions' | 'state'>>(
  prev: T,
  next: T,
): T {
  return {
    ...next,
    state: next.state ?? prev.state,
    followers: next.followers ?? prev.followers,
    reach: next.reach ?? prev.reach,
    impressions: next.impressions ?? prev.impressions,
  };
}

const normKey = (k: string) =>
  k
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** Applies a mapping profile to a JSON record's top-level keys and string values. */
export function applyJsonProfile(record: JsonObject, profile: Profile | undefined): JsonObject {
  if (!profile) return record;
  const aliases = new Map(Object.entries(profile.headerAliases).map(([from, to]) => [normKey(from), to]));
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(record)) out[aliases.get(normKey(k)) ?? k] = v;
  for (const [column, map] of Object.entries(profile.valueMaps)) {
    const v = out[column];
    if (typeof v !== 'string') continue;
    const hit = Object.entries(map).find(([from]) => from.toLowerCase() === v.trim().toLowerCase());
    if (hit) out[column] = hit[1];
  }
  if (profile.dateFormats.length > 0) {
    for (const k of instantKeys) {
      const v = out[k];
      if (typeof v !== 'string' || parseInstant(v)) continue;
      const local = parseWithFormats(v, profile.dateFormats);
      const d = local ? parseIstDateTime(local) : undefined;
      if (d) out[k] = d.toISOString();
    }
  }
  return out;
}

/** X's language tags that name no language (undetermined, media-only, hashtags-only, …). */
const noLanguage = new Set(['und', 'qme', 'qht', 'qam', 'qct', 'qst', 'zxx', 'art']);

/** The payload's language tag, else a rough guess: Devanagari → hi, otherwise en. */
export function languageOf(tag: string | null | undefined, text: string | null): string {
  const t = tag?.trim().toLowerCase();
  if (t && !noLanguage.has(t)) return t;
  return /[\u0900-\u097F]/.test(text ?? '') ? 'hi' : 'en';
}

/** `value` as an array of records, or undefined when absent; a non-array is quarantined as one record. */
export function arrayAt(c: Collector, value: unknown, path: string): unknown[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value;
  c.reject(c.begin(), path, 'must be an array of records', value);
  return undefined;
}

/** A record without its nested edges (the quarantine's raw text; the edges are records of their own). */
export function withoutEdges(record: JsonObject, ...edges: string[]): JsonObject {
  const out = { ...record };
  for (const e of edges) delete out[e];
  return out;
}

export type { Platform };
