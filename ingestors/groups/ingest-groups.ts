import { StagingTable } from '../../lake/staging.ts';
import { findDistrict, findPoliceStation, kebabCase } from '../../reference/range.ts';
import { groupRow, type GroupRow } from '../../schemas/groups/group-row.ts';
import { groupDateColumns, groupHeaders, requiredGroupHeaders } from '../../schemas/groups/layout.ts';
import {
  commitBatch,
  firstIssue,
  IngestError,
  landRaw,
  type IngestContext,
  type IngestSummary,
  type Reject,
  openBatch,
} from '../batch.ts';
import { readCsv } from '../csv.ts';
import { applyProfile, canonicalHeader } from '../profile.ts';
import { volunteerGroups } from './volunteer_groups.ts';

export const source = 'groups';

const womensName = /mahila|women|woman|महिला|नारी/i;

/** Group names compared without case or repeated spaces. */
function normaliseGroupName(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

function identify(r: GroupRow) {
  const district = r.district ? findDistrict(r.district) : undefined;
  const station = r.district && r.police_station ? findPoliceStation(r.district, r.police_station) : undefined;
  const districtKey =
    district?.districtId ?? (r.district ? kebabCase(r.district) || normaliseGroupName(r.district) : '');
  const stationKey =
    station?.policeStationId ??
    (r.police_station ? kebabCase(r.police_station) || normaliseGroupName(r.police_station) : '');
  return {
    // Names repeat across districts (थाना कोतवाली is in three), so the derived id carries the place.
    volunteer_group_id: r.group_id ?? `${districtKey}|${stationKey}|${normaliseGroupName(r.group_name)}`,
    district: district?.nameEn ?? r.district,
    district_id: district?.districtId ?? null,
    police_station: station?.nameEn ?? r.police_station,
    police_station_id: station?.policeStationId ?? null,
  };
}

/** Ingests one cyber volunteer group roster (CSV). */
export async function ingestGroupsFile(ctx: IngestContext, filePath: string): Promise<IngestSummary> {
  const { lake, db } = ctx;
  const opened = await openBatch(ctx, source, filePath);
  if (opened.previous) return opened.previous;
  const { file, now, lineage } = opened;
  const rawKey = await landRaw(lake, source, file, now);

  const rejects: Reject[] = [];
  let header: string[] | undefined;
  let rowsIn = 0;
  let rowsLanded = 0;
  let staged: StagingTable<typeof volunteerGroups> | undefined;

  for await (const rec of readCsv(file.path, file.name, (b) => ctx.onProgress?.(b, file.size))) {
    if (!header) {
      header = rec.fields.map((h) => canonicalHeader(h, ctx.profile));
      const missing = requiredGroupHeaders.filter((h) => !header!.includes(h));
      if (missing.length > 0) {
        throw new IngestError(
          file.name,
          1,
          missing[0],
          `not a cyber volunteer group roster: column missing from the header (missing: ${missing.join(', ')}; found: ${header.join(', ')})`,
        );
      }
      staged = await StagingTable.create(db, volunteerGroups);
      continue;
    }
    rowsIn++;
    if (rec.fields.length !== header.length) {
      rejects.push({
        line: rec.line,
        field: '(record)',
        reason: `expected ${header.length} columns, found ${rec.fields.length}`,
        raw: rec.raw,
      });
      continue;
    }
    // Optional columns missing from the header read as empty.
    const obj: Record<string, string> = Object.fromEntries(groupHeaders.map((h) => [h, '']));
    for (let i = 0; i < header.length; i++) obj[header[i]!] = rec.fields[i]!;
    const parsed = groupRow.safeParse(applyProfile(obj, ctx.profile, groupDateColumns));
    if (!parsed.success) {
      rejects.push({ line: rec.line, ...firstIssue(parsed.error), raw: rec.raw });
      continue;
    }
    const r = parsed.data;
    staged!.append({
      ...identify(r),
      as_of_date: r.as_of_date,
      month: r.as_of_date.slice(0, 7),
      group_name: r.group_name,
      level: r.level,
      member_count: r.member_count,
      is_womens_group: r.is_womens_group === null ? womensName.test(r.group_name) : r.is_womens_group === 'yes',
      ...lineage,
      source_line: rec.line,
    });
    rowsLanded++;
  }
  if (!header || !staged) throw new IngestError(file.name, undefined, undefined, 'the file is empty (no header line)');
  return commitBatch(ctx, {
    source,
    file,
    rawKey,
    rowsIn,
    rowsLanded,
    tables: [staged],
    rejects,
    ingestedAt: now,
  });
}
