import { latLngToCell } from 'h3-js';
import type { z } from 'zod';
import { StagingTable } from '../../lake/staging.ts';
import { compactPlateText, normalisePlate, type PlateReading } from '../../reference/plates.ts';
import {
  distanceKm,
  districts,
  findDistrict,
  firIdOf,
  policeStations,
  stationIdentity,
} from '../../reference/range.ts';
import { anprReadRow, type AnprReadRow } from '../../schemas/vehicles/anpr-read-row.ts';
import {
  anprHeaders,
  registrationHeaders,
  requiredHeaders,
  stolenVehicleHeaders,
  vehicleDateColumns,
  type VehicleFileKind,
} from '../../schemas/vehicles/layout.ts';
import { registrationRow, type RegistrationRow } from '../../schemas/vehicles/registration-row.ts';
import { stolenVehicleRow, type StolenVehicleRow } from '../../schemas/vehicles/stolen-vehicle-row.ts';
import { istMonth } from '../../schemas/time.ts';
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
import { anprReads } from './anpr_reads.ts';
import { cameras } from './cameras.ts';
import { parseFirReference } from './fir-reference.ts';
import { stolenVehicles } from './stolen_vehicles.ts';
import { vehicles } from './vehicles.ts';

export const source = 'vehicles';
/** H3 resolution of `anpr_reads.h3_cell` and `cameras.h3_cell` (~0.7 km² hexagons). */
export const h3Resolution = 8;
/** A camera farther than this from every police station of the range gets no district. */
const cameraStationKm = 25;

const headersOf: Record<VehicleFileKind, readonly string[]> = {
  registrations: registrationHeaders,
  stolen_vehicles: stolenVehicleHeaders,
  anpr_reads: anprHeaders,
};

function detectKind(header: readonly string[], fileName: string): VehicleFileKind {
  if (header.includes('camera_id') && header.includes('plate_text')) return 'anpr_reads';
  if (header.includes('reported_at')) return 'stolen_vehicles';
  const registrationOnly = [
    'owner_name',
    'vehicle_class',
    'maker_model',
    'chassis_number',
    'engine_number',
    'registered_on',
  ];
  if (header.includes('registration_number') && registrationOnly.some((h) => header.includes(h)))
    return 'registrations';
  throw new IngestError(
    fileName,
    1,
    undefined,
    'not a vehicle registration, stolen-vehicle or ANPR file: the header has neither camera_id and plate_text, ' +
      `nor reported_at, nor registration_number with owner/chassis/engine columns (found: ${header.join(', ')})`,
  );
}

/** The lake's key for a registration number: canonical when valid, else the compacted text. */
function plateKey(reading: PlateReading): string {
  return reading.registrationNumber ?? compactPlateText(reading.raw);
}

function plateColumnsOf(reading: PlateReading) {
  return {
    plate_text: reading.raw,
    plate_display: reading.display,
    is_plate_valid: reading.isValid,
    plate_repaired: reading.isRepaired,
  };
}

/** Station and FIR of a stolen-vehicle report, from the FIR columns or the FIR text. */
function firOf(r: StolenVehicleRow) {
  const ref = r.fir_reference ? parseFirReference(r.fir_reference) : undefined;
  const districtText = r.district ?? ref?.district ?? null;
  const stationText = r.police_station ?? ref?.policeStation ?? null;
  const numberText = r.fir_number ?? ref?.firNumber ?? null;
  const firYear = r.fir_year ?? ref?.firYear ?? null;
  const station = districtText && stationText ? stationIdentity(districtText, stationText) : undefined;
  const fir = station && numberText && firYear ? firIdOf(station.police_station_id, firYear, numberText) : undefined;
  return {
    fir_id: fir?.fir_id ?? null,
    fir_reference: r.fir_reference,
    fir_number: fir?.fir_number ?? (numberText === null ? null : String(Number(numberText)).padStart(4, '0')),
    fir_year: firYear,
    district: station?.district ?? (districtText ? (findDistrict(districtText)?.nameEn ?? districtText) : null),
    police_station: station?.police_station ?? stationText,
    police_station_id: station?.police_station_id ?? null,
    is_known_police_station: station?.is_known_police_station ?? false,
  };
}

interface CameraSeen {
  place: string | null;
  latitude: number | null;
  longitude: number | null;
  line: number;
}

function nearestStation(latitude: number, longitude: number) {
  let best: { id: string; districtId: string; km: number } | undefined;
  for (const ps of policeStations) {
    const km = distanceKm(latitude, longitude, ps.latitude, ps.longitude);
    if (!best || km < best.km) best = { id: ps.policeStationId, districtId: ps.districtId, km };
  }
  return best && best.km <= cameraStationKm ? best : undefined;
}

/** Ingests one vehicle CSV file (registrations, stolen-vehicle reports or ANPR reads, told apart by the header). */
export async function ingestVehiclesFile(ctx: IngestContext, filePath: string): Promise<IngestSummary> {
  const { lake, db } = ctx;
  const opened = await openBatch(ctx, source, filePath);
  if (opened.previous) return opened.previous;
  const { file, now, lineage } = opened;
  const rawKey = await landRaw(lake, source, file, now);

  const rejects: Reject[] = [];
  let header: string[] | undefined;
  let kind: VehicleFileKind | undefined;
  let rowsIn = 0;
  let rowsLanded = 0;
  let stVehicles: StagingTable<typeof vehicles> | undefined;
  let stStolen: StagingTable<typeof stolenVehicles> | undefined;
  let stReads: StagingTable<typeof anprReads> | undefined;
  const cameraSeen = new Map<string, CameraSeen>();

  for await (const rec of readCsv(file.path, file.name, (b) => ctx.onProgress?.(b, file.size))) {
    if (!header) {
      header = rec.fields.map((h) => canonicalHeader(h, ctx.profile));
      kind = detectKind(header, file.name);
      if (kind === 'stolen_vehicles' && !header.includes('fir_reference')) {
        header = header.map((h) => (h === 'fir' ? 'fir_reference' : h));
      }
      const missing = requiredHeaders[kind].filter((h) => !header!.includes(h));
      if (missing.length > 0) {
        throw new IngestError(
          file.name,
          1,
          missing[0],
          `column missing from the header (missing: ${missing.join(', ')})`,
        );
      }
      if (kind === 'registrations') stVehicles = await StagingTable.create(db, vehicles);
      else if (kind === 'stolen_vehicles') stStolen = await StagingTable.create(db, stolenVehicles);
      else stReads = await StagingTable.create(db, anprReads);
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
    const obj: Record<string, string> = Object.fromEntries(headersOf[kind!].map((h) => [h, '']));
    for (let i = 0; i < header.length; i++) obj[header[i]!] = rec.fields[i]!;
    const row = applyProfile(obj, ctx.profile, vehicleDateColumns);
    const parsed: z.ZodSafeParseResult<RegistrationRow | StolenVehicleRow | AnprReadRow> =
      kind === 'registrations'
        ? registrationRow.safeParse(row)
        : kind === 'stolen_vehicles'
          ? stolenVehicleRow.safeParse(row)
          : anprReadRow.safeParse(row);
    if (!parsed.success) {
      rejects.push({ line: rec.line, ...firstIssue(parsed.error), raw: rec.raw });
      continue;
    }
    const line = { ...lineage, source_line: rec.line };

    if (kind === 'registrations') {
      const r = parsed.data as RegistrationRow;
      const plate = normalisePlate(r.registration_number);
      stVehicles!.append({
        registration_number: plateKey(plate),
        rto_code: plate.rtoCode ?? 'unknown',
        state_code: plate.stateCode,
        ...plateColumnsOf(plate),
        owner_name: r.owner_name,
        vehicle_class: r.vehicle_class,
        maker_model: r.maker_model,
        chassis_number: r.chassis_number,
        engine_number: r.engine_number,
        registered_on: r.registered_on,
        ...line,
      });
    } else if (kind === 'stolen_vehicles') {
      const r = parsed.data as StolenVehicleRow;
      const plate = normalisePlate(r.registration_number);
      const key = plateKey(plate);
      const fir = firOf(r);
      const isRecovered = r.status === 'recovered' || r.is_recovered === 'yes' || r.recovered_at !== null;
      stStolen!.append({
        stolen_report_id: `${key}|${fir.fir_id ?? r.reported_at.toISOString()}`,
        month: istMonth(r.reported_at),
        registration_number: key,
        ...plateColumnsOf(plate),
        ...fir,
        reported_at: r.reported_at,
        is_active: !isRecovered,
        recovered_at: r.recovered_at,
        ...line,
      });
    } else {
      const r = parsed.data as AnprReadRow;
      const plate = normalisePlate(r.plate_text);
      const located = r.latitude !== null && r.longitude !== null;
      stReads!.append({
        camera_id: r.camera_id,
        read_at: r.read_at,
        month: istMonth(r.read_at),
        ...plateColumnsOf(plate),
        registration_number: plate.registrationNumber,
        state_code: plate.stateCode,
        confidence: r.confidence,
        place: r.place,
        latitude: r.latitude,
        longitude: r.longitude,
        h3_cell: located ? latLngToCell(r.latitude!, r.longitude!, h3Resolution) : null,
        ...line,
      });
      const seen = cameraSeen.get(r.camera_id);
      cameraSeen.set(r.camera_id, {
        place: r.place ?? seen?.place ?? null,
        latitude: located ? r.latitude : (seen?.latitude ?? null),
        longitude: located ? r.longitude : (seen?.longitude ?? null),
        line: rec.line,
      });
    }
    rowsLanded++;
  }
  if (!header) throw new IngestError(file.name, undefined, undefined, 'the file is empty (no header line)');

  let stCameras: StagingTable<typeof cameras> | undefined;
  if (kind === 'anpr_reads' && cameraSeen.size > 0) {
    stCameras = await StagingTable.create(db, cameras);
    for (const [cameraId, c] of cameraSeen) {
      const located = c.latitude !== null && c.longitude !== null;
      const near = located ? nearestStation(c.latitude!, c.longitude!) : undefined;
      stCameras.append({
        camera_id: cameraId,
        district: districts.find((d) => d.districtId === near?.districtId)?.nameEn ?? 'unknown',
        nearest_police_station_id: near?.id ?? null,
        place: c.place,
        latitude: c.latitude,
        longitude: c.longitude,
        h3_cell: located ? latLngToCell(c.latitude!, c.longitude!, h3Resolution) : null,
        ...lineage,
        source_line: c.line,
      });
    }
  }
  const tables = [stVehicles, stStolen, stReads, stCameras].filter((t): t is NonNullable<typeof t> => t !== undefined);
  return commitBatch(ctx, {
    source,
    file,
    rawKey,
    rowsIn,
    rowsLanded,
    tables: tables as StagingTable<typeof vehicles>[],
    rejects,
    ingestedAt: now,
  });
}
