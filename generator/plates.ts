/**
 * Uttar Pradesh style registration numbers (UP65 AB 1234: state, RTO, series, number), unique
 * by construction, and the ANPR OCR confusions (O/0, I/1, B/8) the lake has to repair.
 */
import type { Rng } from './random.ts';

/** RTO code per district of the range. */
export const rtoByDistrict: Record<string, string> = {
  varanasi: '65',
  jaunpur: '62',
  ghazipur: '61',
  chandauli: '67',
};

/** Series letters: I and O are not issued, so a letter there can never be a digit. */
const seriesLetters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const seriesCount = seriesLetters.length * seriesLetters.length;
const space = seriesCount * 9999;
/** Multiplier coprime with the space (2^6 · 3^4 · 11 · 101): a bijection index → plate. */
const multiplier = 1_000_003;

function permute(index: number): number {
  // (a · i + c) mod n, in two halves to stay inside exact double arithmetic.
  const hi = Math.floor(index / 65536);
  const lo = index % 65536;
  const part = (((((multiplier * hi) % space) * 65536) % space) + ((multiplier * lo) % space)) % space;
  return (part + 7_919) % space;
}

/** Canonical plate text without spaces, e.g. `UP65AB1234`. */
export interface Plate {
  state: string;
  rto: string;
  series: string;
  number: string;
}

export function plateText(p: Plate): string {
  return p.state + p.rto + p.series + p.number;
}

/** Ways plates are written in documents: `UP65AB1234`, `UP 65 AB 1234`, `UP65 AB 1234`, `UP-65-AB-1234`. */
export function plateDisplay(rng: Rng, p: Plate): string {
  return rng.weightedPairs<string>([
    [plateText(p), 4],
    [`${p.state} ${p.rto} ${p.series} ${p.number}`, 3],
    [`${p.state}${p.rto} ${p.series} ${p.number}`, 3],
    [`${p.state}-${p.rto}-${p.series}-${p.number}`, 1],
  ]);
}

/**
 * The plate with index `index` of an RTO. Indices below half the space are reserved for
 * vehicles that will be reported stolen, the rest for everyone else, so a random ordinary
 * plate never collides with a stolen one.
 */
export function upPlate(rto: string, index: number, stolen: boolean): Plate {
  const half = Math.floor(space / 2);
  const i = permute(stolen ? index % half : half + (index % (space - half)));
  const series = Math.floor(i / 9999);
  const number = (i % 9999) + 1;
  return {
    state: 'UP',
    rto,
    series:
      (seriesLetters[Math.floor(series / seriesLetters.length)] as string) +
      (seriesLetters[series % seriesLetters.length] as string),
    number: String(number).padStart(4, '0'),
  };
}

/** A plate from a neighbouring state (Bihar, Jharkhand, Madhya Pradesh, Delhi …) or BH series. */
export function otherPlate(rng: Rng): Plate {
  if (rng.chance(0.1)) {
    // Bharat series: YY BH #### XX (stored here as state 'BH' with the year as "rto").
    return {
      state: 'BH',
      rto: String(rng.int(21, 25)),
      series: rng.pick([...seriesLetters]) + rng.pick([...seriesLetters]),
      number: String(rng.int(1, 9999)).padStart(4, '0'),
    };
  }
  const [state, rtoMax] = rng.pick<[string, number]>([
    ['BR', 57],
    ['JH', 24],
    ['MP', 70],
    ['DL', 13],
    ['UP', 96],
  ]);
  let rto = String(rng.int(1, rtoMax)).padStart(2, '0');
  // Another UP RTO (not one of the range's), e.g. Prayagraj UP70, Azamgarh UP50.
  if (state === 'UP') rto = rng.pick(['70', '50', '53', '54', '63', '66', '71', '72']);
  return {
    state,
    rto,
    series: rng.pick([...seriesLetters]) + rng.pick([...seriesLetters]),
    number: String(rng.int(1, 9999)).padStart(4, '0'),
  };
}

/** Text of a plate as written (Bharat series reads `22BH1234AB`). */
export function anyPlateText(p: Plate): string {
  return p.state === 'BH' ? `${p.rto}BH${p.number}${p.series}` : plateText(p);
}

const digitToLetter: Record<string, string> = { '0': 'O', '1': 'I', '8': 'B' };
const letterToDigit: Record<string, string> = { B: '8' };

/**
 * One OCR confusion applied where the position fixes the kind (digits in the RTO and number,
 * letters in the series), e.g. `UP65AB1034` → `UP65A81034` or `UP65AB1O34`. Undefined when
 * the plate has no confusable character.
 */
export function confusePlate(
  rng: Rng,
  p: Plate,
): { text: string; position: number; from: string; to: string } | undefined {
  const text = plateText(p);
  const candidates: { position: number; to: string }[] = [];
  for (let i = 2; i < text.length; i++) {
    const ch = text[i] as string;
    const isSeries = i >= 2 + p.rto.length && i < 2 + p.rto.length + p.series.length;
    const to = isSeries ? letterToDigit[ch] : digitToLetter[ch];
    if (to) candidates.push({ position: i, to });
  }
  if (candidates.length === 0) return undefined;
  const c = rng.pick(candidates);
  return {
    text: text.slice(0, c.position) + c.to + text.slice(c.position + 1),
    position: c.position,
    from: text[c.position] as string,
    to: c.to,
  };
}

const wmi: Record<string, string> = {
  Hero: 'MBLHA',
  Honda: 'ME4JC',
  Bajaj: 'MD2A1',
  TVS: 'MD626',
  Mahindra: 'MA1TA',
  Maruti: 'MA3EW',
  Tata: 'MAT44',
  'e-rickshaw': 'M6RER',
};

const alnum = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';

function randomAlnum(rng: Rng, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += alnum[rng.int(0, alnum.length - 1)];
  return out;
}

/** 17-character chassis (VIN-like) and an engine number for a maker/model text. */
export function chassisAndEngine(rng: Rng, makerModel: string): { chassis: string; engine: string } {
  const maker = Object.keys(wmi).find((m) => makerModel.startsWith(m) || makerModel.includes(m)) ?? 'Hero';
  const chassis = (wmi[maker] as string) + randomAlnum(rng, 7) + rng.digits(5);
  const engine = randomAlnum(rng, 2) + rng.digits(2) + randomAlnum(rng, 4) + rng.digits(5);
  return { chassis, engine };
}
