import { latLngToCell } from 'h3-js';
import type { z } from 'zod';
import type { TableDef } from '../../lake/contract.ts';
import type { StagedRows, StagingTable } from '../../lake/staging.ts';
import { mostSeriousCrimeHead } from '../../reference/crime-heads.ts';
import { firIdOf, stationIdentity } from '../../reference/range.ts';
import { accusedRow } from '../../schemas/cctns/accused-row.ts';
import { arrestRow, finalReportRow, seizureRow, victimRow } from '../../schemas/cctns/child-rows.ts';
import { firRow } from '../../schemas/cctns/fir-row.ts';
import {
  accusedHeaders,
  arrestHeaders,
  finalReportHeaders,
  firHeaders,
  seizureHeaders,
  victimHeaders,
} from '../../schemas/cctns/layout.ts';
import { istMonth } from '../../schemas/time.ts';
import { arrests } from './arrests.ts';
import { finalReports } from './final_reports.ts';
import { firAccused } from './fir_accused.ts';
import { firSections } from './fir_sections.ts';
import { firVictims } from './fir_victims.ts';
import { firs } from './firs.ts';
import { seizures } from './seizures.ts';
import { parseActsSections } from './sections.ts';

/** H3 resolution of `firs.h3_cell` (~0.7 km² hexagons). */
export const h3Resolution = 8;
/** The Bharatiya Nyaya Sanhita replaced the IPC for offences registered from this instant. */
export const bnsFrom = Date.parse('2024-06-30T18:30:00Z'); // 1 July 2024 00:00 IST

/** Lineage of one source record. */
export interface Lineage {
  batch_id: string;
  source_file: string;
  source_line: number | null;
  ingested_at: Date;
}

export type Staged = Map<string, StagingTable<TableDef>>;
/** What a read of one file stages: tables filled row by row, or views over bulk-built tables. */
export type StagedAny = Map<string, StagedRows>;

/**
 * One kind of CCTNS record (an extract's rows, or a nested array of the JSON export): its
 * default CSV layout, its zod row schema, the tables it fills, and how one row becomes theirs.
 */
export interface CctnsKind {
  name: 'firs' | 'accused' | 'victims' | 'arrests' | 'seizures' | 'final_reports';
  /** The JSON export's array under each FIR (`accused`, `victims`, …); none for firs. */
  jsonArray?: string;
  headers: readonly string[];
  /** A header column only this kind has: how a CSV extract is recognised. */
  marker: string;
  row: z.ZodType<unknown, Record<string, string>>;
  tables: readonly TableDef[];
  dateColumns: readonly string[];
  emit(row: unknown, staged: Staged, lineage: Lineage): void;
}

/** Identity of the station and FIR, shared by every extract. */
export function firIdentity(row: {
  district: string;
  police_station: string;
  fir_number: string;
  fir_year: number;
  registered_at: Date;
}) {
  const station = stationIdentity(row.district, row.police_station);
  return {
    ...station,
    ...firIdOf(station.police_station_id, row.fir_year, row.fir_number),
    month: istMonth(row.registered_at),
  };
}

function put(staged: Staged, table: TableDef, row: Record<string, unknown>): void {
  const t = staged.get(table.name);
  if (!t) throw new Error(`internal: no staging table for ${table.name}`);
  t.append(row);
}

/** The child row's FIR columns: fir_id, district, month. */
function childKey(r: Parameters<typeof firIdentity>[0]) {
  const id = firIdentity(r);
  return { fir_id: id.fir_id, district: id.district, month: id.month };
}

function kind<S extends z.ZodType<unknown, Record<string, string>>>(
  k: Omit<CctnsKind, 'row' | 'emit'> & { row: S; emit(row: z.output<S>, staged: Staged, lineage: Lineage): void },
): CctnsKind {
  return k as unknown as CctnsKind;
}

export const cctnsKinds: readonly CctnsKind[] = [
  kind({
    name: 'firs',
    headers: firHeaders,
    marker: 'acts_sections',
    row: firRow,
    tables: [firs, firSections],
    dateColumns: ['registered_at', 'occurred_from', 'occurred_to', 'last_updated_at'],
    emit(r, staged, lineage) {
      const id = firIdentity(r);
      const sections = parseActsSections(r.acts_sections, r.registered_at.getTime() >= bnsFrom ? 'BNS' : 'IPC');
      const principal = mostSeriousCrimeHead(sections.map((s) => s.crimeHeadId));
      const located = r.latitude !== null && r.longitude !== null;
      put(staged, firs, {
        ...id,
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
        ...lineage,
      });
      sections.forEach((s, i) =>
        put(staged, firSections, {
          fir_id: id.fir_id,
          district: id.district,
          month: id.month,
          section_number: i + 1,
          act: s.act,
          act_text: s.actText,
          section: s.section,
          sub_section: s.subSection,
          crime_head_id: s.crimeHeadId,
          crime_group: s.crimeGroup,
          ...lineage,
        }),
      );
    },
  }),
  kind({
    name: 'accused',
    jsonArray: 'accused',
    headers: accusedHeaders,
    marker: 'alias',
    row: accusedRow,
    tables: [firAccused],
    dateColumns: ['registered_at', 'arrested_at'],
    emit(r, staged, lineage) {
      put(staged, firAccused, {
        ...childKey(r),
        accused_number: r.accused_number,
        name: r.name,
        alias: r.alias,
        father_name: r.father_name,
        sex: r.sex,
        age: r.age,
        address: r.address,
        is_arrested: r.is_arrested,
        arrested_at: r.arrested_at,
        ...lineage,
      });
    },
  }),
  kind({
    name: 'victims',
    jsonArray: 'victims',
    headers: victimHeaders,
    marker: 'victim_number',
    row: victimRow,
    tables: [firVictims],
    dateColumns: ['registered_at'],
    emit(r, staged, lineage) {
      put(staged, firVictims, {
        ...childKey(r),
        victim_number: r.victim_number,
        name: r.name,
        sex: r.sex,
        age: r.age,
        address: r.address,
        ...lineage,
      });
    },
  }),
  kind({
    name: 'arrests',
    jsonArray: 'arrests',
    headers: arrestHeaders,
    marker: 'arrest_place',
    row: arrestRow,
    tables: [arrests],
    dateColumns: ['registered_at', 'arrested_at'],
    emit(r, staged, lineage) {
      put(staged, arrests, {
        ...childKey(r),
        accused_number: r.accused_number,
        name: r.name,
        arrested_at: r.arrested_at,
        arrest_place: r.arrest_place,
        arresting_officer: r.arresting_officer,
        ...lineage,
      });
    },
  }),
  kind({
    name: 'seizures',
    jsonArray: 'seizures',
    headers: seizureHeaders,
    marker: 'seizure_number',
    row: seizureRow,
    tables: [seizures],
    dateColumns: ['registered_at', 'seized_at'],
    emit(r, staged, lineage) {
      put(staged, seizures, {
        ...childKey(r),
        seizure_number: r.seizure_number,
        property_type: r.property_type,
        description: r.description,
        quantity: r.quantity,
        unit: r.unit,
        value_inr: r.value_inr,
        registration_number: r.registration_number,
        chassis_number: r.chassis_number,
        engine_number: r.engine_number,
        seized_at: r.seized_at,
        ...lineage,
      });
    },
  }),
  kind({
    name: 'final_reports',
    jsonArray: 'final_reports',
    headers: finalReportHeaders,
    marker: 'report_type',
    row: finalReportRow,
    tables: [finalReports],
    dateColumns: ['registered_at', 'filed_at'],
    emit(r, staged, lineage) {
      put(staged, finalReports, {
        ...childKey(r),
        report_number: r.report_number,
        report_type: r.report_type,
        filed_at: r.filed_at,
        court: r.court,
        accused_charged: r.accused_charged,
        ...lineage,
      });
    },
  }),
];

/** Every table the CCTNS ingestor writes, in commit order (parents first). */
export const cctnsTables: readonly TableDef[] = cctnsKinds.flatMap((k) => k.tables);
