/**
 * Indian registration numbers ("number plates"): normalisation of plate text as typed in
 * registers and FIRs or as read by ANPR cameras.
 *
 * - State series: state code (2 letters), RTO number (1–2 digits), series (0–3 letters), number
 *   (1–4 digits) → canonical `UP65AB1234`, display `UP 65 AB 1234`. The RTO is zero-padded to two
 *   digits except in Delhi, whose single-digit RTO codes VAHAN writes unpadded (`DL3CAB1234`);
 *   the number is zero-padded to four digits.
 * - Bharat series (from 2021): year (2 digits), `BH`, number (4 digits), 1–2 letters →
 *   `22BH1234AA`, display `22 BH 1234 AA`.
 *
 * Spaces, dashes, dots, lower case and Devanagari digits are tolerated. OCR confusions are
 * repaired only where the position fixes the kind of character (a digit where a letter must be,
 * or the reverse). When a text can be read several ways, the reading with the fewest repairs and
 * the most usual shape wins; a text no reading fits well is kept as unreadable, never guessed.
 */

/** State and union-territory codes, current and legacy (still on older vehicles). */
export const stateCodes: Readonly<Record<string, string>> = {
  AN: 'Andaman and Nicobar Islands',
  AP: 'Andhra Pradesh',
  AR: 'Arunachal Pradesh',
  AS: 'Assam',
  BR: 'Bihar',
  CG: 'Chhattisgarh',
  CH: 'Chandigarh',
  DD: 'Dadra and Nagar Haveli and Daman and Diu',
  DL: 'Delhi',
  DN: 'Dadra and Nagar Haveli (legacy)',
  GA: 'Goa',
  GJ: 'Gujarat',
  HP: 'Himachal Pradesh',
  HR: 'Haryana',
  JH: 'Jharkhand',
  JK: 'Jammu and Kashmir',
  KA: 'Karnataka',
  KL: 'Kerala',
  LA: 'Ladakh',
  LD: 'Lakshadweep',
  MH: 'Maharashtra',
  ML: 'Meghalaya',
  MN: 'Manipur',
  MP: 'Madhya Pradesh',
  MZ: 'Mizoram',
  NL: 'Nagaland',
  OD: 'Odisha',
  OR: 'Odisha (legacy)',
  PB: 'Punjab',
  PY: 'Puducherry',
  RJ: 'Rajasthan',
  SK: 'Sikkim',
  TG: 'Telangana',
  TN: 'Tamil Nadu',
  TR: 'Tripura',
  TS: 'Telangana (legacy)',
  UA: 'Uttarakhand (legacy)',
  UK: 'Uttarakhand',
  UP: 'Uttar Pradesh',
  WB: 'West Bengal',
};

/** OCR confusions repaired where a letter is expected: the digit read → the letter meant. */
export const digitToLetter: Readonly<Record<string, string>> = {
  '0': 'O',
  '1': 'I',
  '8': 'B',
  '5': 'S',
  '2': 'Z',
  '6': 'G',
};
/** OCR confusions repaired where a digit is expected: the letter read → the digit meant. */
export const letterToDigit: Readonly<Record<string, string>> = {
  O: '0',
  I: '1',
  B: '8',
  S: '5',
  Z: '2',
  G: '6',
  D: '0',
  Q: '0',
};

export interface PlateRepair {
  /** Position in the compact text (separators removed), from 0. */
  position: number;
  from: string;
  to: string;
}

export interface PlateReading {
  /** The text as given. */
  raw: string;
  isValid: boolean;
  /** Canonical form (`UP65AB1234`, `22BH1234AA`); null when unreadable. */
  registrationNumber: string | null;
  /** Display form (`UP 65 AB 1234`, `22 BH 1234 AA`); null when unreadable. */
  display: string | null;
  kind: 'state' | 'bharat' | null;
  /** Two-letter state code (`UP`); null for Bharat series and unreadable text. */
  stateCode: string | null;
  /** State code and RTO (`UP65`, `DL3`); `BH` for Bharat series; null when unreadable. */
  rtoCode: string | null;
  /** Whether an OCR confusion was repaired (zero-padding is not a repair). */
  isRepaired: boolean;
  repairs: readonly PlateRepair[];
}

type Kind = 'L' | 'D';

/** Costs in tenths: each repair, and each unusual (but legal) shape. */
const cost = {
  repair: 10,
  /**
   * A one-digit RTO outside Delhi (`MH1AB1234`): plates show `MH 01`, so this costs more than a
   * repair (`UP6SA1234` reads UP65A1234, not UP06SA1234).
   */
  shortRto: 12,
  /** A three-letter series outside Delhi. */
  longSeries: 10,
  /** I and O are not issued in series, being too like 1 and 0. */
  seriesIO: 10,
  /** Each digit a plate number is short of four (`UP65AB123`). */
  shortNumber: 3,
  /** Readings costlier than this are not trusted: the plate is unreadable. */
  max: 25,
};

const devanagariDigits = /[\u0966-\u096f]/g;
const separators = /[\s\-\u2010-\u2015.]+/g;

/** Upper case, Devanagari digits → ASCII, separators (spaces, dashes, dots) removed. */
export function compactPlateText(text: string): string {
  return text
    .replace(devanagariDigits, (d) => String(d.charCodeAt(0) - 0x0966))
    .toUpperCase()
    .replace(separators, '');
}

interface Candidate {
  cost: number;
  canonical: string;
  display: string;
  kind: 'state' | 'bharat';
  stateCode: string | null;
  rtoCode: string;
  repairs: PlateRepair[];
}

/** Reads `text` as the kinds given; undefined if some character fits neither as is nor repaired. */
function readAs(text: string, kinds: readonly Kind[], offset: number, repairs: PlateRepair[]): string | undefined {
  let out = '';
  for (let i = 0; i < kinds.length; i++) {
    const ch = text[i]!;
    const isDigit = ch >= '0' && ch <= '9';
    if ((kinds[i] === 'D') === isDigit) {
      out += ch;
      continue;
    }
    const to = kinds[i] === 'D' ? letterToDigit[ch] : digitToLetter[ch];
    if (to === undefined) return undefined;
    repairs.push({ position: offset + i, from: ch, to });
    out += to;
  }
  return out;
}

const letters = (n: number): Kind[] => Array<Kind>(n).fill('L');
const digits = (n: number): Kind[] => Array<Kind>(n).fill('D');
const countIO = (s: string) => (s.match(/[IO]/g) ?? []).length;

function stateCandidates(s: string): Candidate[] {
  const out: Candidate[] = [];
  for (let rtoLen = 1; rtoLen <= 2; rtoLen++) {
    for (let seriesLen = 0; seriesLen <= 3; seriesLen++) {
      const numLen = s.length - 2 - rtoLen - seriesLen;
      if (numLen < 1 || numLen > 4) continue;
      const repairs: PlateRepair[] = [];
      let at = 0;
      const part = (kinds: Kind[]) => {
        const r = readAs(s.slice(at, at + kinds.length), kinds, at, repairs);
        at += kinds.length;
        return r;
      };
      const state = part(letters(2));
      const rto = part(digits(rtoLen));
      const series = part(letters(seriesLen));
      const number = part(digits(numLen));
      if (state === undefined || rto === undefined || series === undefined || number === undefined) continue;
      if (!(state in stateCodes) || Number(rto) === 0 || Number(number) === 0) continue;
      const isDelhi = state === 'DL';
      const rtoText = isDelhi ? String(Number(rto)) : rto.padStart(2, '0');
      const numberText = number.padStart(4, '0');
      out.push({
        cost:
          repairs.length * cost.repair +
          (rtoLen === 1 && !isDelhi ? cost.shortRto : 0) +
          (seriesLen === 3 && !isDelhi ? cost.longSeries : 0) +
          countIO(series) * cost.seriesIO +
          (4 - numLen) * cost.shortNumber,
        canonical: state + rtoText + series + numberText,
        display: [state, rtoText, series, numberText].filter((p) => p !== '').join(' '),
        kind: 'state',
        stateCode: state,
        rtoCode: state + rtoText,
        repairs,
      });
    }
  }
  return out;
}

function bharatCandidates(s: string): Candidate[] {
  const out: Candidate[] = [];
  for (const suffixLen of [1, 2]) {
    if (s.length !== 8 + suffixLen) continue;
    const repairs: PlateRepair[] = [];
    const year = readAs(s.slice(0, 2), digits(2), 0, repairs);
    const bh = readAs(s.slice(2, 4), letters(2), 2, repairs);
    const number = readAs(s.slice(4, 8), digits(4), 4, repairs);
    const suffix = readAs(s.slice(8), letters(suffixLen), 8, repairs);
    if (year === undefined || bh !== 'BH' || number === undefined || suffix === undefined) continue;
    // The series began in 2021; a number is never 0000.
    if (Number(year) < 21 || Number(number) === 0) continue;
    out.push({
      cost: repairs.length * cost.repair + countIO(suffix) * cost.seriesIO,
      canonical: `${year}BH${number}${suffix}`,
      display: `${year} BH ${number} ${suffix}`,
      kind: 'bharat',
      stateCode: null,
      rtoCode: 'BH',
      repairs,
    });
  }
  return out;
}

function unreadable(raw: string): PlateReading {
  return {
    raw,
    isValid: false,
    registrationNumber: null,
    display: null,
    kind: null,
    stateCode: null,
    rtoCode: null,
    isRepaired: false,
    repairs: [],
  };
}

/** Normalises one plate text; never throws, unreadable text comes back with `isValid: false`. */
export function normalisePlate(raw: string): PlateReading {
  const s = compactPlateText(raw);
  if (!/^[A-Z0-9]{4,11}$/.test(s)) return unreadable(raw);
  const candidates = [...stateCandidates(s), ...bharatCandidates(s)].filter((c) => c.cost <= cost.max);
  if (candidates.length === 0) return unreadable(raw);
  const best = Math.min(...candidates.map((c) => c.cost));
  const winners = candidates.filter((c) => c.cost === best);
  // Two equally good readings of different plates: the position does not fix the kind.
  if (new Set(winners.map((c) => c.canonical)).size > 1) return unreadable(raw);
  const w = winners[0]!;
  return {
    raw,
    isValid: true,
    registrationNumber: w.canonical,
    display: w.display,
    kind: w.kind,
    stateCode: w.stateCode,
    rtoCode: w.rtoCode,
    isRepaired: w.repairs.length > 0,
    repairs: w.repairs,
  };
}
