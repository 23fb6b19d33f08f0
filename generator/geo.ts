/**
 * Where incidents happen: police stations with a scatter radius (tight in the city, wider in
 * the countryside), background points around a thana, and points inside a given H3 cell.
 */
import { cellToLatLng, latLngToCell } from 'h3-js';
import { distanceKm, districts, policeStations, type PoliceStation } from '../reference/range.ts';
import type { Rng } from './random.ts';
import type { StationRef } from './persons.ts';

export const h3Resolution = 8;

export interface StationInfo extends StationRef {
  index: number;
  station: PoliceStation;
  districtId: string;
  /** Distance to the nearest other thana, km. */
  nearestKm: number;
  /** Standard deviation of the normal part of the background scatter, km. */
  sigmaKm: number;
  /** City thana (mohalla addresses, tight scatter). */
  urban: boolean;
}

/** Share of background points drawn from the normal part; the rest are uniform on a disc. */
const normalShare = 0.7;
/** Radius of the uniform disc, in sigmas. */
const discSigmas = 2.5;

export function buildStations(): StationInfo[] {
  return policeStations.map((station, index) => {
    let nearestKm = Infinity;
    for (const other of policeStations) {
      if (other === station) continue;
      const d = distanceKm(station.latitude, station.longitude, other.latitude, other.longitude);
      if (d < nearestKm) nearestKm = d;
    }
    const districtIndex = districts.findIndex((d) => d.districtId === station.districtId);
    const district = districts[districtIndex];
    if (!district) throw new Error(`station ${station.policeStationId} has an unknown district`);
    const sigmaKm = Math.min(2.5, Math.max(0.5, 0.3 * nearestKm));
    return {
      index,
      station,
      districtId: station.districtId,
      districtIndex,
      nameEn: station.nameEn,
      nameHi: station.nameHi,
      districtEn: district.nameEn,
      districtHi: district.nameHi,
      nearestKm,
      sigmaKm,
      urban: nearestKm < 3.5,
    };
  });
}

const kmPerDegLat = 110.574;
function kmPerDegLon(lat: number): number {
  return 111.32 * Math.cos((lat * Math.PI) / 180);
}

export function offsetPoint(lat: number, lon: number, dxKm: number, dyKm: number): [number, number] {
  return [lat + dyKm / kmPerDegLat, lon + dxKm / kmPerDegLon(lat)];
}

/** A background point of an incident registered at the station. */
export function backgroundPoint(rng: Rng, s: StationInfo): [number, number] {
  let dx: number;
  let dy: number;
  if (rng.chance(normalShare)) {
    dx = rng.normal(0, s.sigmaKm);
    dy = rng.normal(0, s.sigmaKm);
  } else {
    const r = discSigmas * s.sigmaKm * Math.sqrt(rng.float());
    const t = 2 * Math.PI * rng.float();
    dx = r * Math.cos(t);
    dy = r * Math.sin(t);
  }
  return offsetPoint(s.station.latitude, s.station.longitude, dx, dy);
}

/** Background density (share of the station's incidents per km²) at a point. */
export function backgroundDensity(s: StationInfo, lat: number, lon: number): number {
  const dy = (lat - s.station.latitude) * kmPerDegLat;
  const dx = (lon - s.station.longitude) * kmPerDegLon(s.station.latitude);
  const r2 = dx * dx + dy * dy;
  const v = s.sigmaKm * s.sigmaKm;
  const normal = Math.exp(-r2 / (2 * v)) / (2 * Math.PI * v);
  const R = discSigmas * s.sigmaKm;
  const disc = r2 <= R * R ? 1 / (Math.PI * R * R) : 0;
  return normalShare * normal + (1 - normalShare) * disc;
}

export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** A point (rounded to 6 decimals, as written) that lies inside the given res-8 cell. */
export function pointInCell(rng: Rng, cell: string): [number, number] {
  const [clat, clon] = cellToLatLng(cell);
  for (let attempt = 0; attempt < 64; attempt++) {
    const r = 0.42 * Math.sqrt(rng.float());
    const t = 2 * Math.PI * rng.float();
    const [lat, lon] = offsetPoint(clat, clon, r * Math.cos(t), r * Math.sin(t));
    const p: [number, number] = [round6(lat), round6(lon)];
    if (latLngToCell(p[0], p[1], h3Resolution) === cell) return p;
  }
  return [round6(clat), round6(clon)];
}
