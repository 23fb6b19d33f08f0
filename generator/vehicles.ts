/**
 * Vehicle sources: VAHAN-style registrations, stolen-vehicle reports (one per vehicle-theft
 * FIR, written while the CCTNS extract is written, with its status at the time of the export:
 * stolen, or recovered and when) and ANPR camera reads, some of them of stolen plates, exact or
 * with an OCR confusion (O/0, I/1, B/8), listed in the ground truth; some reads of recovered
 * vehicles after their recovery (no sighting: the vehicle is back with its owner) are listed too.
 */
import { join } from 'node:path';
import type { StolenVehicleEvent, StolenVehicleSink } from './cctns.ts';
import { offsetPoint, round6, type StationInfo } from './geo.ts';
import { randomName, canonicalName } from './persons.ts';
import {
  anyPlateText,
  chassisAndEngine,
  confusePlate,
  otherPlate,
  plateDisplay,
  plateText,
  rtoByDistrict,
  upPlate,
  type Plate,
} from './plates.ts';
import { WeightedTable, type Rng } from './random.ts';
import { StreamFile } from './output.ts';
import { vehicleModels } from './text.ts';
import { formatCctns, formatIsoIst, isoDay, minutesPerDay } from './time.ts';

const registrationHeader =
  'registration_number,owner_name,vehicle_class,maker_model,chassis_number,engine_number,registered_on\n';

function makerModel(model: (typeof vehicleModels)[number]): string {
  return model.en.replace(/ (motorcycle|scooter|car|pickup|tractor)$/, '');
}

/** Reservoir of stolen vehicles for planting ANPR sightings (bounded). */
interface StolenEntry {
  plate: Plate;
  firReference: string;
  district: string;
  policeStation: string;
  districtIndex: number;
  reportedAt: number;
  /** When it was recovered, if by the end of the period. */
  recoveredAt: number | undefined;
}

const reservoirSize = 20_000;
/** Share of stolen vehicles found abandoned or traced besides those recovered with an arrest. */
const tracedShare = 0.18;

export class VehicleFiles implements StolenVehicleSink {
  stolenCount = 0;
  recoveredCount = 0;
  private readonly reservoir: StolenEntry[] = [];
  private seen = 0;

  private constructor(
    private readonly rng: Rng,
    private readonly rngRecovery: Rng,
    private readonly endMinute: number,
    readonly registrations: StreamFile,
    readonly stolen: StreamFile,
  ) {}

  static async open(rng: Rng, outDir: string, rngRecovery: Rng, endDay: number): Promise<VehicleFiles> {
    const registrations = await StreamFile.open(join(outDir, 'vehicles', 'registrations.csv'));
    const stolen = await StreamFile.open(join(outDir, 'vehicles', 'stolen_vehicles.csv'));
    registrations.write(registrationHeader);
    stolen.write('registration_number,fir_reference,reported_at,district,police_station,status,recovered_at\n');
    return new VehicleFiles(rng, rngRecovery, endDay * minutesPerDay + minutesPerDay - 1, registrations, stolen);
  }

  add(event: StolenVehicleEvent): { chassis: string; engine: string } {
    const rng = this.rng;
    const { chassis, engine } = chassisAndEngine(rng, event.model.en);
    const registeredDay = Math.floor(event.stolenAt / minutesPerDay) - rng.int(60, 12 * 365);
    this.registrations.row([
      plateText(event.plate),
      event.ownerName,
      event.model.vehicleClass,
      makerModel(event.model),
      chassis,
      engine,
      isoDay(registeredDay),
    ]);
    const firReference = `${event.firNumber}/${event.firYear}`;
    // Recovered with the arrest (the FIR's seizure), or traced later; known if by the export.
    const r = this.rngRecovery;
    let recoveredAt = event.recoveredAt;
    if (recoveredAt === undefined && r.chance(tracedShare))
      recoveredAt = event.reportedAt + r.int(6 * 60, 150 * minutesPerDay);
    if (recoveredAt !== undefined) recoveredAt = Math.max(recoveredAt, event.reportedAt + 30);
    if (recoveredAt !== undefined && recoveredAt > this.endMinute) recoveredAt = undefined;
    const hindi = r.chance(0.15);
    this.stolen.row([
      plateDisplay(rng, event.plate),
      firReference,
      formatCctns(event.reportedAt),
      event.station.districtEn,
      event.station.nameEn,
      recoveredAt === undefined ? (hindi ? 'चोरी' : 'stolen') : hindi ? 'बरामद' : 'recovered',
      recoveredAt === undefined ? '' : formatCctns(recoveredAt),
    ]);
    this.stolenCount++;
    if (recoveredAt !== undefined) this.recoveredCount++;
    const entry: StolenEntry = {
      plate: event.plate,
      firReference,
      district: event.station.districtEn,
      policeStation: event.station.nameEn,
      districtIndex: event.station.districtIndex,
      reportedAt: event.reportedAt,
      recoveredAt,
    };
    this.seen++;
    if (this.reservoir.length < reservoirSize) this.reservoir.push(entry);
    else {
      const j = rng.int(0, this.seen - 1);
      if (j < reservoirSize) this.reservoir[j] = entry;
    }
    return { chassis, engine };
  }

  async maybeFlush(): Promise<void> {
    await this.registrations.maybeFlush();
    await this.stolen.maybeFlush();
  }

  stolenSample(): readonly StolenEntry[] {
    return this.reservoir;
  }

  get recovery(): Rng {
    return this.rngRecovery;
  }
}

export interface VehicleResult {
  registrations: number;
  stolenVehicles: number;
  recoveredStolenVehicles: number;
  activeStolenVehicles: number;
  readsAfterRecovery: number;
  anprReads: number;
  anprCameras: number;
  plantedStolenReads: number;
  plantedStolenReadsWithOcrConfusion: number;
  files: { path: string; rows: number }[];
}

interface Camera {
  id: string;
  place: string;
  lat: number;
  lon: number;
  districtIndex: number;
}

interface PlantedRead {
  minute: number;
  camera: Camera;
  text: string;
  confidence: number;
  entry: StolenEntry;
  confusion: string;
  /** A read of a recovered vehicle after its recovery (not a sighting). */
  afterRecovery?: boolean;
}

/** Background registrations and the ANPR reads, after the CCTNS pass has added stolen vehicles. */
export async function finishVehicles(input: {
  rng: Rng;
  outDir: string;
  files: VehicleFiles;
  firs: number;
  startDay: number;
  endDay: number;
  stations: readonly StationInfo[];
  districtIds: readonly string[];
  neighbours: readonly (readonly number[])[];
}): Promise<VehicleResult> {
  const { rng, files, stations, startDay, endDay } = input;
  const endMinute = endDay * minutesPerDay + minutesPerDay - 1;

  // Registrations of vehicles never reported stolen; a bounded sample is kept for ANPR reads.
  const registrationCount = Math.max(300, Math.round(input.firs * 0.05));
  const known: Plate[] = [];
  const rtoTable = new WeightedTable(Object.values(rtoByDistrict), [3, 4, 3, 2]);
  for (let i = 0; i < registrationCount; i++) {
    const plate = upPlate(rtoTable.pick(rng), i, false);
    const model = rng.weighted(vehicleModels, [20, 14, 10, 14, 8, 10, 5, 5, 4, 6, 4]);
    const { chassis, engine } = chassisAndEngine(rng, model.en);
    const owner = randomName(rng, rng.chance(0.1) ? 'F' : 'M');
    files.registrations.row([
      plateText(plate),
      canonicalName(owner.name, 'latin').toUpperCase(),
      model.vehicleClass,
      makerModel(model),
      chassis,
      engine,
      isoDay(endDay - rng.int(10, 15 * 365)),
    ]);
    if (known.length < 5000) known.push(plate);
    else if (rng.chance(0.05)) known[rng.int(0, known.length - 1)] = plate;
    await files.registrations.maybeFlush();
  }
  await files.registrations.close();
  await files.stolen.close();

  // Cameras on highways and town crossings: about one for every three thanas.
  const cameras: Camera[] = [];
  const cameraStations = stations.filter((_, i) => i % 3 === 0);
  for (const s of cameraStations) {
    const [lat, lon] = offsetPoint(s.station.latitude, s.station.longitude, rng.normal(0, 0.6), rng.normal(0, 0.6));
    const code = (input.districtIds[s.districtIndex] ?? 'xx').slice(0, 3).toUpperCase();
    cameras.push({
      id: `ANPR-${code}-${String(cameras.length + 1).padStart(3, '0')}`,
      place: rng.pick([
        `${s.nameEn} crossing`,
        `${s.nameEn} bypass`,
        `Toll plaza near ${s.nameEn}`,
        `${s.nameEn} chauraha`,
      ]),
      lat: round6(lat),
      lon: round6(lon),
      districtIndex: s.districtIndex,
    });
  }

  // Planted sightings of stolen vehicles.
  const reads = Math.max(1000, Math.round(input.firs * 0.3));
  const sample = files.stolenSample();
  const plantedCount = sample.length === 0 ? 0 : Math.min(sample.length * 2, Math.max(12, Math.round(reads * 0.01)));
  const planted: PlantedRead[] = [];
  for (let i = 0; i < plantedCount; i++) {
    const entry = rng.pick(sample);
    // A sighting falls while the vehicle is missing.
    const until = entry.recoveredAt === undefined ? endMinute : entry.recoveredAt - 1;
    const minute = Math.min(until, entry.reportedAt + rng.int(60, 120 * minutesPerDay));
    if (minute <= entry.reportedAt) continue;
    const nearby = cameras.filter(
      (c) =>
        c.districtIndex === entry.districtIndex ||
        (input.neighbours[entry.districtIndex] ?? []).includes(c.districtIndex),
    );
    const camera = rng.pick(nearby.length > 0 ? nearby : cameras);
    const confused = rng.chance(0.5) ? confusePlate(rng, entry.plate) : undefined;
    planted.push({
      minute,
      camera,
      text: confused ? confused.text : plateText(entry.plate),
      confidence: confused ? rng.uniform(0.55, 0.85) : rng.uniform(0.8, 0.99),
      entry,
      confusion: confused ? `${confused.from}->${confused.to}@${confused.position}` : '',
    });
  }
  // Recovered vehicles read again after their recovery: not sightings of a stolen vehicle.
  const rr = files.recovery;
  const recovered = sample.filter((e) => e.recoveredAt !== undefined && e.recoveredAt + 60 < endMinute);
  const afterCount = Math.min(recovered.length, Math.max(3, Math.round(plantedCount / 5)));
  for (let i = 0; i < afterCount; i++) {
    const entry = rr.pick(recovered);
    const from = (entry.recoveredAt as number) + 60;
    const minute = Math.min(endMinute, from + rr.int(0, 60 * minutesPerDay));
    const nearby = cameras.filter((c) => c.districtIndex === entry.districtIndex);
    planted.push({
      minute,
      camera: rr.pick(nearby.length > 0 ? nearby : cameras),
      text: plateText(entry.plate),
      confidence: rr.uniform(0.8, 0.99),
      entry,
      confusion: '',
      afterRecovery: true,
    });
  }
  planted.sort((a, b) => a.minute - b.minute);

  const anpr = await StreamFile.open(join(input.outDir, 'vehicles', 'anpr_reads.csv'));
  const truth = await StreamFile.open(join(input.outDir, 'ground-truth', 'anpr-stolen-reads.csv'));
  anpr.write('camera_id,place,latitude,longitude,read_at,plate_text,confidence\n');
  truth.write('camera_id,read_at,plate_text,registration_number,fir_reference,district,police_station,ocr_confusion\n');
  const afterTruth = await StreamFile.open(join(input.outDir, 'ground-truth', 'anpr-recovered-reads.csv'));
  afterTruth.write('camera_id,read_at,plate_text,registration_number,fir_reference,recovered_at\n');
  const readRow = (camera: Camera, minute: number, second: number, text: string, confidence: number): void => {
    anpr.row([
      camera.id,
      camera.place,
      camera.lat.toFixed(6),
      camera.lon.toFixed(6),
      formatIsoIst(minute).replace(':00+05:30', `:${String(second).padStart(2, '0')}+05:30`),
      text,
      confidence.toFixed(2),
    ]);
  };

  let withConfusion = 0;
  const writePlanted = (pr: PlantedRead): void => {
    const second = (pr.afterRecovery ? rr : rng).int(0, 59);
    const readAt = formatIsoIst(pr.minute).replace(':00+05:30', `:${String(second).padStart(2, '0')}+05:30`);
    readRow(pr.camera, pr.minute, second, pr.text, pr.confidence);
    if (pr.afterRecovery) {
      afterTruth.row([
        pr.camera.id,
        readAt,
        pr.text,
        plateText(pr.entry.plate),
        pr.entry.firReference,
        formatIsoIst(pr.entry.recoveredAt as number),
      ]);
      return;
    }
    truth.row([
      pr.camera.id,
      readAt,
      pr.text,
      plateText(pr.entry.plate),
      pr.entry.firReference,
      pr.entry.district,
      pr.entry.policeStation,
      pr.confusion,
    ]);
    if (pr.confusion) withConfusion++;
  };

  const days = endDay - startDay + 1;
  let remaining = reads - planted.length;
  let p = 0;
  for (let i = 0; i < days; i++) {
    const day = startDay + i;
    const n = i === days - 1 ? remaining : Math.min(remaining, rng.poisson(remaining / (days - i)));
    remaining -= n;
    const minutes: number[] = [];
    for (let k = 0; k < n; k++) minutes.push(day * minutesPerDay + rng.int(0, minutesPerDay - 1));
    minutes.sort((a, b) => a - b);
    for (const minute of minutes) {
      while (p < planted.length && (planted[p] as PlantedRead).minute <= minute)
        writePlanted(planted[p++] as PlantedRead);
      const camera = rng.pick(cameras);
      const r = rng.float();
      const plate =
        r < 0.6 && known.length > 0
          ? rng.pick(known)
          : r < 0.88
            ? upPlate(rtoTable.pick(rng), rng.int(registrationCount, 2_000_000), false)
            : otherPlate(rng);
      const confused = plate.state !== 'BH' && rng.chance(0.03) ? confusePlate(rng, plate) : undefined;
      readRow(
        camera,
        minute,
        rng.int(0, 59),
        confused ? confused.text : anyPlateText(plate),
        confused ? rng.uniform(0.5, 0.85) : Math.min(0.99, Math.max(0.6, rng.normal(0.92, 0.04))),
      );
      await anpr.maybeFlush();
    }
  }
  while (p < planted.length) writePlanted(planted[p++] as PlantedRead);
  await anpr.close();
  await truth.close();
  await afterTruth.close();

  return {
    registrations: files.registrations.rows,
    stolenVehicles: files.stolen.rows,
    recoveredStolenVehicles: files.recoveredCount,
    activeStolenVehicles: files.stolenCount - files.recoveredCount,
    readsAfterRecovery: afterTruth.rows,
    anprReads: anpr.rows,
    anprCameras: cameras.length,
    plantedStolenReads: truth.rows,
    plantedStolenReadsWithOcrConfusion: withConfusion,
    files: [
      { path: files.registrations.path, rows: files.registrations.rows },
      { path: files.stolen.path, rows: files.stolen.rows },
      { path: anpr.path, rows: anpr.rows },
    ],
  };
}
