import fs from 'node:fs';
import path from 'node:path';
import { accusedHeaders, firHeaders, type AccusedHeader, type FirHeader } from '../../schemas/cctns/layout.ts';

/** Small hand-written CCTNS extracts in the default layout, for exact assertions. */
export type FirFixture = Record<FirHeader, string>;
export type AccusedFixture = Record<AccusedHeader, string>;

export function fir(overrides: Partial<FirFixture> = {}): FirFixture {
  return {
    district: 'Jaunpur',
    police_station: 'Line Bazar',
    fir_number: '0101',
    fir_year: '2024',
    registered_at: '15/03/2024 10:30',
    occurred_from: '14/03/2024 22:00',
    occurred_to: '14/03/2024 23:00',
    acts_sections: 'IPC 379, 411',
    place: 'Olandganj market',
    beat: 'Beat 3',
    latitude: '25.7520',
    longitude: '82.6890',
    status: 'Under Investigation',
    brief_facts: 'Motorcycle stolen from outside the market',
    last_updated_at: '16/03/2024 09:00',
    ...overrides,
  };
}

export function accused(overrides: Partial<AccusedFixture> = {}): AccusedFixture {
  return {
    district: 'Jaunpur',
    police_station: 'Line Bazar',
    fir_number: '0101',
    fir_year: '2024',
    registered_at: '15/03/2024 10:30',
    accused_number: '1',
    name: 'Rajesh Kumar Yadav',
    alias: 'Raju',
    father_name: 'Ram Prasad Yadav',
    sex: 'M',
    age: '32',
    address: 'Village Sihipur, Jaunpur',
    is_arrested: 'N',
    arrested_at: '',
    ...overrides,
  };
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? '"' + s.replaceAll('"', '""') + '"' : s;
}

export function toCsv(headers: readonly string[], rows: readonly Record<string, string>[]): string {
  return [headers.join(','), ...rows.map((r) => headers.map((h) => csvCell(r[h] ?? '')).join(','))].join('\n') + '\n';
}

export function writeFirs(dir: string, name: string, rows: FirFixture[]): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, toCsv(firHeaders, rows));
  return p;
}

export function writeAccused(dir: string, name: string, rows: AccusedFixture[]): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, toCsv(accusedHeaders, rows));
  return p;
}

/** Three FIRs: an IPC theft (2024), a BNS theft (after 1 July 2024) and a Hindi-text BNS murder. */
export function threeFirs(): FirFixture[] {
  return [
    fir(),
    fir({
      fir_number: '0245',
      registered_at: '10/08/2024 18:05',
      occurred_from: '10/08/2024 17:00',
      occurred_to: '',
      acts_sections: 'BNS 303(2), 317(2)',
      place: 'Jaunpur railway station',
      latitude: '25.7461',
      longitude: '82.6850',
    }),
    fir({
      district: 'Ghazipur',
      police_station: 'Kotwali',
      fir_number: '12',
      fir_year: '2025',
      registered_at: '02/01/2025 07:45',
      occurred_from: '01/01/2025 23:30',
      occurred_to: '',
      acts_sections: 'धारा 103(1) बीएनएस',
      place: 'ग्राम सिखड़ी, थाना कोतवाली',
      beat: '',
      latitude: '25.5880',
      longitude: '83.5775',
      status: 'Charge Sheet Filed',
      brief_facts: 'पुरानी रंजिश में धारदार हथियार से हत्या',
      last_updated_at: '20/02/2025 12:00',
    }),
  ];
}
