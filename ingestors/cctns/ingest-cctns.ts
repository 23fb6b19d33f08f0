import { latLngToCell } from 'h3-js';
import type { z } from 'zod';
import { StagingTable } from '../../lake/staging.ts';
import { mostSeriousCrimeHead } from '../../reference/crime-heads.ts';
import { findDistrict, findPoliceStation, kebabCase } from '../../reference/range.ts';
import { accusedRow, type AccusedRow } from '../../schemas/cctns/accused-row.ts';
import { firRow, type FirRow } from '../../schemas/cctns/fir-row.ts';
import { accusedHeaders, firHeaders } from '../../schemas/cctns/layout.ts';
import { istMonth } from '../../schemas/time.ts';
import {
  commitBatch,
  describeFile,
  findIngest,
  firstIssue,
  IngestError,
  landRaw,
  type IngestContext,
  type IngestSummary,
  type Reject,
} from '../batch.ts';
import { readCsv } from '../csv.ts';
import { applyProfile, canonicalHeader } from '../profile.ts';
import { firAccused } from './fir_accused.ts';
import { firSections } from './fir_sections.ts';
import { firs } from './firs.ts';
import { parseActsSections } from './sections.ts';

export const source = 'cctns';
/** H3 resolution of `firs.h3_cell` (~0.7 km² hexagons). */
export const h3Resolution = 8;
/** The Bharatiya Nyaya Sanhita replaced the IPC for offences registered from this instant. */
const bnsFrom = Date.parse('2024-06-30T18:30:00Z'); // 1 July 2024 00:00 IST

type Kind = 'firs' | 'accused';
const dateColumns = ['registered_at', 'occurred_from', 'occurred_to', 'last_updated_at', 'arrested_at'];

function detectKind(header: string[], fileName: string): Kind {
  if (header.includes('accused_number')) return 'accused';
  if (header.includes('acts_sections')) return 'firs';
  throw new IngestError(
    fileName,
    1,
    undefined,
    `not a CCTNS FIR or accused extract: the header has neither acts_sections nor accused_number (found: ${header.join(', ')})`,
  );
}

/** Identity of the station and FIR, shared by the FIR and accused extracts. */
function firIdentity(row: { district: string; police_station: string; fir_number: string; fir_year: number }) {
  const district = findDistrict(row.district);
  const station = findPoliceStation(row.district, row.police_station);
  const districtName = district?.nameEn ?? row.district;
  const policeStationId = station?.policeStationId ?? `${kebabCase(districtName)}-${kebabCase(row.police_station)}`;
  const firNumber = String(Number(row.fir_number)).padStart(4, '0');
  return {
    district: districtName,
    police_station: station?.nameEn ?? row.police_station,
    police_station_id: policeStationId,
    is_known_police_station: station !== undefined,
    fir_number: firNumber,
    fir_id: `${policeStationId}/${row.fir_year}/${firNumber}`,
  };
}

/** Ingests one CCTNS CSV extract (FIRs or accused, told apart by the header). */
export async function ingestCctnsFile(ctx: IngestContext, filePath: string): Promise<IngestSummary> {
  const { lake, db } = ctx;
  const now = ctx.now?.() ?? new Date();
  const file = await describeFile(filePath);
  const previous = await findIngest(lake, source, file.batchId);
  if (previous) {
    lake.log.info('already ingested, nothing to do', { file: file.name, batch: file.batchId });
    return { ...previous, file: file.name, alreadyIngested: true };
  }
  const rawKey = await landRaw(lake, source, file, now);
  const lineage = { batch_id: file.batchId, source_file: file.name, ingested_at: now };

  const rejects: Reject[] = [];
  let header: string[] | undefined;
  let kind: Kind | undefined;
  let rowsIn = 0;
  let rowsLanded = 0;
  let stFirs: StagingTable<typeof firs> | undefined;
  let stSections: StagingTable<typeof firSections> | undefined;
  let stAccused: StagingTable<typeof firAccused> | undefined;

  for await (const rec of readCsv(file.path, file.name, (b) => ctx.onProgress?.(b, file.size))) {
    if (!header) {
      header = rec.fields.map((h) => canonicalHeader(h, ctx.profile));
      kind = detectKind(header, file.name);
      const expected: readonly string[] = kind === 'firs' ? firHeaders : accusedHeaders;
      const missing = expected.filter((h) => !header!.includes(h));
      if (missing.length > 0) {
        throw new IngestError(file.name, 1, missing[0], `column missing from the header (missing: ${missing.join(', ')})`);
      }
      if (kind === 'firs') {
        stFirs = await StagingTable.create(db, firs);
        stSections = await StagingTable.create(db, firSections);
      } else {
        stAccused = await StagingTable.create(db, firAccused);
      }
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
    const obj: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) obj[header[i]!] = rec.fields[i]!;
    const row = applyProfile(obj, ctx.profile, dateColumns);
    const parsed: z.ZodSafeParseResult<FirRow | AccusedRow> =
      kind === 'firs' ? firRow.safeParse(row) : accusedRow.safeParse(row);
    if (!parsed.success) {
      rejects.push({ line: rec.line, ...firstIssue(parsed.error), raw: rec.raw });
      continue;
    }
    rowsLanded++;
    const line = { ...lineage, source_line: rec.line };
    if (kind === 'firs') {
      const r = parsed.data as FirRow;
      const id = firIdentity(r);
      const month = istMonth(r.registered_at);
      const sections = parseActsSections(r.acts_sections, r.registered_at.getTime() >= bnsFrom ? 'BNS' : 'IPC');
      const principal = mostSeriousCrimeHead(sections.map((s) => s.crimeHeadId));
      const located = r.latitude !== null && r.longitude !== null;
      stFirs!.append({
        ...id,
        month,
        fir_year: r.fir_year,
        registered_at: r.registered_at,
        occurred_from: r.occurred_from,
        occurred_to: r.occurred_to,
        acts_sections: r.acts_sections,
        crime_head_id: principal?.crimeHeadId ?? null,
        crime_group: principal?.crimeGroup ?? null,
        place: r.place,
        beat: r.beat,
        latitude: r.latitude,
        longitude: r.longitude,
        h3_cell: located ? latLngToCell(r.latitude!, r.longitude!, h3Resolution) : null,
        status: r.status,
        brief_facts: r.brief_facts,
        last_updated_at: r.last_updated_at,
        ...line,
      });
      sections.forEach((s, i) =>
        stSections!.append({
          fir_id: id.fir_id,
          district: id.district,
          month,
          section_number: i + 1,
          act: s.act,
          act_text: s.actText,
          section: s.section,
          sub_section: s.subSection,
          crime_head_id: s.crimeHeadId,
          crime_group: s.crimeGroup,
          ...line,
        }),
      );
    } else {
      const r = parsed.data as AccusedRow;
      const id = firIdentity(r);
      stAccused!.append({
        fir_id: id.fir_id,
        district: id.district,
        month: istMonth(r.registered_at),
        accused_number: r.accused_number,
        name: r.name,
        alias: r.alias,
        father_name: r.father_name,
        sex: r.sex,
        age: r.age,
        address: r.address,
        is_arrested: r.is_arrested,
        arrested_at: r.arrested_at,
        ...line,
      });
    }
  }
  if (!header) throw new IngestError(file.name, undefined, undefined, 'the file is empty (no header line)');
  const tables = [stFirs, stSections, stAccused].filter((t): t is NonNullable<typeof t> => t !== undefined);
  return commitBatch(ctx, {
    source,
    file,
    rawKey,
    rowsIn,
    rowsLanded,
    tables: tables as StagingTable<typeof firs>[],
    rejects,
    ingestedAt: now,
  });
}
