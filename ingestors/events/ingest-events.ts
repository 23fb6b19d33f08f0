import { StagingTable } from '../../lake/staging.ts';
import { findDistrict, findPoliceStation, kebabCase } from '../../reference/range.ts';
import { eventRow, type EventRow } from '../../schemas/events/event-row.ts';
import { eventDateColumns, eventHeaders, requiredEventHeaders } from '../../schemas/events/layout.ts';
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
import { events } from './events.ts';

export const source = 'events';

function normalise(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

function identify(r: EventRow) {
  const district = r.district ? findDistrict(r.district) : undefined;
  const station = r.district && r.police_station ? findPoliceStation(r.district, r.police_station) : undefined;
  const districtKey = r.district ? (district?.districtId ?? (kebabCase(r.district) || normalise(r.district))) : '*';
  const stationKey = r.police_station
    ? (station?.policeStationId ?? (kebabCase(r.police_station) || normalise(r.police_station)))
    : '*';
  return {
    event_id: `${r.start_date}|${districtKey}|${stationKey}|${normalise(r.name)}`,
    district: district?.nameEn ?? r.district,
    district_id: district?.districtId ?? null,
    police_station: station?.nameEn ?? r.police_station,
    police_station_id: station?.policeStationId ?? null,
  };
}

/** Ingests one events calendar (CSV); the file replaces what an earlier file of the same name landed. */
export async function ingestEventsFile(ctx: IngestContext, filePath: string): Promise<IngestSummary> {
  const { lake, db } = ctx;
  const opened = await openBatch(ctx, source, filePath);
  if (opened.previous) return opened.previous;
  const { file, now, lineage } = opened;
  const rawKey = await landRaw(lake, source, file, now);

  const rejects: Reject[] = [];
  let header: string[] | undefined;
  let rowsIn = 0;
  let rowsLanded = 0;
  let staged: StagingTable<typeof events> | undefined;

  for await (const rec of readCsv(file.path, file.name, (b) => ctx.onProgress?.(b, file.size))) {
    if (!header) {
      header = rec.fields.map((h) => canonicalHeader(h, ctx.profile));
      const missing = requiredEventHeaders.filter((h) => !header!.includes(h));
      if (missing.length > 0) {
        throw new IngestError(
          file.name,
          1,
          missing[0],
          `not an events calendar: column missing from the header (missing: ${missing.join(', ')}; found: ${header.join(', ')})`,
        );
      }
      staged = await StagingTable.create(db, events);
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
    const obj: Record<string, string> = Object.fromEntries(eventHeaders.map((h) => [h, '']));
    for (let i = 0; i < header.length; i++) obj[header[i]!] = rec.fields[i]!;
    const parsed = eventRow.safeParse(applyProfile(obj, ctx.profile, eventDateColumns));
    if (!parsed.success) {
      rejects.push({ line: rec.line, ...firstIssue(parsed.error), raw: rec.raw });
      continue;
    }
    const r = parsed.data;
    staged!.append({
      ...identify(r),
      name: r.name,
      kind: r.kind,
      start_date: r.start_date,
      end_date: r.end_date ?? r.start_date,
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
