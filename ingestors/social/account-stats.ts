import { currentSnapshot } from '../../lake/catalog.ts';
import { snapshotRelationSql } from '../../lake/read.ts';
import { accountStatsRow, metricHeaders, requiredAccountStatsHeaders } from '../../schemas/social/account-stats-row.ts';
import { IngestError, type SourceFile } from '../batch.ts';
import { readCsv } from '../csv.ts';
import { applyProfile, canonicalHeader } from '../profile.ts';
import { mergeStats, type Collector, type StatRow } from './collector.ts';
import { socialAccountStats } from './social_account_stats.ts';

/** The account metric snapshot CSV: one record per platform, account and day. */
export async function readAccountStatsCsv(c: Collector, file: SourceFile): Promise<void> {
  let header: string[] | undefined;
  for await (const rec of readCsv(file.path, file.name, (b) => c.ctx.onProgress?.(b, file.size))) {
    if (!header) {
      header = rec.fields.map((h) => canonicalHeader(h, c.profile));
      const missing = requiredAccountStatsHeaders.filter((h) => !header!.includes(h));
      if (missing.length > 0) {
        throw new IngestError(
          file.name,
          1,
          missing[0],
          `not an account metric snapshot CSV: column missing from the header (missing: ${missing.join(', ')}; found: ${header.join(', ')})`,
        );
      }
      if (!metricHeaders.some((h) => header!.includes(h))) {
        throw new IngestError(
          file.name,
          1,
          'followers',
          `no metric column: the header needs at least one of ${metricHeaders.join(', ')}`,
        );
      }
      continue;
    }
    c.begin();
    if (rec.fields.length !== header.length) {
      c.rejects.push({
        line: rec.line,
        field: '(record)',
        reason: `expected ${header.length} columns, found ${rec.fields.length}`,
        raw: rec.raw,
      });
      continue;
    }
    const cells: Record<string, string> = {};
    header.forEach((h, i) => (cells[h] = rec.fields[i]!));
    const parsed = accountStatsRow.safeParse(applyProfile(cells, c.profile, ['date']));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      c.rejects.push({
        line: rec.line,
        field: issue?.path.join('.') || '(record)',
        reason: issue?.message ?? 'invalid',
        raw: rec.raw,
      });
      continue;
    }
    const r = parsed.data;
    const own = c.accounts.find(r.platform, null, r.account);
    c.stat(rec.line, {
      platform: r.platform,
      account: own?.account ?? r.account,
      state: r.state ?? own?.state ?? null,
      date: r.date,
      followers: r.followers,
      reach: r.reach,
      impressions: r.impressions,
      is_own_account: own !== undefined,
    });
  }
  if (!header) throw new IngestError(file.name, undefined, undefined, 'the file is empty (no header line)');
}

/**
 * The batch's account figures completed with those already in the lake for the same platform,
 * account and day: a file with only reach (say, one insights metric) keeps the followers an
 * earlier file gave. Rows replace by key, so without this the later file would blank them.
 */
export async function completeFromLake<E extends { row: StatRow }>(c: Collector, rows: E[]): Promise<E[]> {
  const { lake, db } = c.ctx;
  const snap = await currentSnapshot(lake.storage, socialAccountStats.name);
  if (!snap || snap.files.length === 0 || rows.length === 0) return rows;
  const dates = rows.map((r) => r.row.date).sort();
  const existing = await db.all<StatRow & { date: unknown }>(
    `select platform, account, state, strftime(date, '%Y-%m-%d') as date, followers, reach, impressions, is_own_account
     from (${await snapshotRelationSql(lake, snap)}) as t
     where date between cast($1 as date) and cast($2 as date)`,
    [dates[0]!, dates[dates.length - 1]!],
  );
  const byKey = new Map(existing.map((e) => [`${e.platform}\u0000${e.account}\u0000${String(e.date)}`, e]));
  return rows.map((r) => {
    const prev = byKey.get(`${r.row.platform}\u0000${r.row.account}\u0000${r.row.date}`);
    return prev ? { ...r, row: mergeStats(prev, r.row) } : r;
  });
}
