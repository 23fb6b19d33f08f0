/**
 * The events calendar the social media cell keeps (`events/events.csv`, read by
 * `crimelake ingest events`): festivals, processions, melas and polls of the Varanasi range with
 * their district or thana scope, every year of the generated period and the year before it, so
 * "the same event last year" can be found. Dates are those observed in Uttar Pradesh (lunar
 * festivals to the day as the published calendars give them; 2026–2027 as announced in advance;
 * Kanwar Yatra 2020–2021 was called off). Poll phases of the 2023 urban local body elections are
 * approximate.
 *
 * Planted with it: riot/communal FIRs and communal-risk tips during some thana-level events (the
 * "incidents during the same event last year" of the sensitivity assessment), and a scenario for
 * the latest complete week: a thana with a festival in the next two weeks, a surge of
 * communal-risk tips, rumours naming it and incidents during the same festival last year.
 */
import { join } from 'node:path';
import { findPoliceStation } from '../reference/range.ts';
import type { StationInfo } from './geo.ts';
import { StreamFile } from './output.ts';
import type { Rng } from './random.ts';
import { isoDay, parseIsoDay } from './time.ts';

type Kind = 'festival' | 'election' | 'other';

/** Where an event applies: the whole range, a district, or thanas of a district. */
type Scope = { district?: undefined } | { district: string; stations?: readonly string[] };

interface Recurring {
  name: string;
  kind: Kind;
  /** Kind as the calendar writes it (the cell writes some rows in Hindi). */
  kindText?: string;
  /** Year → [first day, last day] (ISO dates). */
  dates: Readonly<Record<number, readonly [string, string]>>;
  scopes: readonly Scope[];
  /** Write dates as DD/MM/YYYY (another hand keeps these rows). */
  dmy?: boolean;
}

const everywhere: Scope[] = [{}];
const allDistricts = (...names: string[]): Scope[] => names.map((district) => ({ district }));

const recurring: readonly Recurring[] = [
  {
    name: 'Holi',
    kind: 'festival',
    // Holika Dahan to Holi.
    dates: {
      2020: ['2020-03-09', '2020-03-10'],
      2021: ['2021-03-28', '2021-03-29'],
      2022: ['2022-03-17', '2022-03-18'],
      2023: ['2023-03-07', '2023-03-08'],
      2024: ['2024-03-24', '2024-03-25'],
      2025: ['2025-03-13', '2025-03-14'],
      2026: ['2026-03-03', '2026-03-04'],
      2027: ['2027-03-21', '2027-03-22'],
    },
    scopes: everywhere,
  },
  {
    name: 'Mahashivratri',
    kind: 'other',
    dates: {
      2020: ['2020-02-21', '2020-02-21'],
      2021: ['2021-03-11', '2021-03-11'],
      2022: ['2022-03-01', '2022-03-01'],
      2023: ['2023-02-18', '2023-02-18'],
      2024: ['2024-03-08', '2024-03-08'],
      2025: ['2025-02-26', '2025-02-26'],
      2026: ['2026-02-15', '2026-02-15'],
      2027: ['2027-03-06', '2027-03-06'],
    },
    scopes: [{ district: 'Varanasi', stations: ['Dashashwamedh', 'Chowk'] }, { district: 'Chandauli' }],
  },
  {
    name: 'Ram Navami shobha yatra',
    kind: 'festival',
    dates: {
      2020: ['2020-04-02', '2020-04-02'],
      2021: ['2021-04-21', '2021-04-21'],
      2022: ['2022-04-10', '2022-04-10'],
      2023: ['2023-03-30', '2023-03-30'],
      2024: ['2024-04-17', '2024-04-17'],
      2025: ['2025-04-06', '2025-04-06'],
      2026: ['2026-03-26', '2026-03-26'],
      2027: ['2027-04-15', '2027-04-15'],
    },
    scopes: [
      { district: 'Varanasi', stations: ['Kotwali', 'Jaitpura'] },
      { district: 'Jaunpur', stations: ['Shahganj'] },
      { district: 'Ghazipur', stations: ['Saidpur'] },
      { district: 'Chandauli', stations: ['Mughalsarai'] },
    ],
  },
  {
    name: 'Eid-ul-Fitr',
    kind: 'festival',
    dates: {
      2020: ['2020-05-25', '2020-05-25'],
      2021: ['2021-05-14', '2021-05-14'],
      2022: ['2022-05-03', '2022-05-03'],
      2023: ['2023-04-22', '2023-04-22'],
      2024: ['2024-04-11', '2024-04-11'],
      2025: ['2025-03-31', '2025-03-31'],
      2026: ['2026-03-21', '2026-03-21'],
      2027: ['2027-03-10', '2027-03-10'],
    },
    scopes: allDistricts('Varanasi', 'Jaunpur', 'Ghazipur', 'Chandauli'),
  },
  {
    name: 'Bakrid (Eid-ul-Azha)',
    kind: 'festival',
    dates: {
      2020: ['2020-08-01', '2020-08-01'],
      2021: ['2021-07-21', '2021-07-21'],
      2022: ['2022-07-10', '2022-07-10'],
      2023: ['2023-06-29', '2023-06-29'],
      2024: ['2024-06-17', '2024-06-17'],
      2025: ['2025-06-07', '2025-06-07'],
      2026: ['2026-05-27', '2026-05-27'],
      2027: ['2027-05-17', '2027-05-17'],
    },
    scopes: allDistricts('Varanasi', 'Jaunpur', 'Ghazipur', 'Chandauli'),
  },
  {
    name: 'Muharram juloos',
    kind: 'festival',
    // The processions of the 8th to the 10th (Ashura).
    dates: {
      2020: ['2020-08-28', '2020-08-30'],
      2021: ['2021-08-17', '2021-08-19'],
      2022: ['2022-08-07', '2022-08-09'],
      2023: ['2023-07-27', '2023-07-29'],
      2024: ['2024-07-15', '2024-07-17'],
      2025: ['2025-07-04', '2025-07-06'],
      2026: ['2026-06-24', '2026-06-26'],
      2027: ['2027-06-13', '2027-06-15'],
    },
    scopes: [
      { district: 'Varanasi', stations: ['Adampur', 'Jaitpura', 'Dashashwamedh'] },
      { district: 'Jaunpur', stations: ['Kotwali', 'Shahganj'] },
      { district: 'Ghazipur', stations: ['Kotwali', 'Mohammadabad'] },
      { district: 'Chandauli', stations: ['Saiyadraja'] },
    ],
  },
  {
    name: 'Kanwar Yatra',
    kind: 'festival',
    // Sawan: from the day after Guru Purnima to Sawan Shivratri (none in 2020 and 2021).
    dates: {
      2022: ['2022-07-14', '2022-07-26'],
      2023: ['2023-07-04', '2023-07-15'],
      2024: ['2024-07-22', '2024-08-02'],
      2025: ['2025-07-11', '2025-07-23'],
      2026: ['2026-07-30', '2026-08-11'],
      2027: ['2027-07-19', '2027-07-31'],
    },
    scopes: [
      { district: 'Varanasi', stations: ['Mirzamurad', 'Rohaniya', 'Dashashwamedh'] },
      { district: 'Jaunpur', stations: ['Jalalpur'] },
      { district: 'Ghazipur', stations: ['Saidpur'] },
      { district: 'Chandauli', stations: ['Mughalsarai'] },
    ],
  },
  {
    name: 'Barawafat juloos',
    kind: 'festival',
    dates: {
      2020: ['2020-10-30', '2020-10-30'],
      2021: ['2021-10-19', '2021-10-19'],
      2022: ['2022-10-09', '2022-10-09'],
      2023: ['2023-09-28', '2023-09-28'],
      2024: ['2024-09-16', '2024-09-16'],
      2025: ['2025-09-05', '2025-09-05'],
      2026: ['2026-08-26', '2026-08-26'],
      2027: ['2027-08-15', '2027-08-15'],
    },
    scopes: [
      { district: 'Varanasi', stations: ['Adampur'] },
      { district: 'Jaunpur', stations: ['Kotwali'] },
      { district: 'Ghazipur', stations: ['Kotwali'] },
    ],
  },
  {
    name: 'Durga Puja visarjan',
    kind: 'festival',
    // Saptami to Dashami, the immersion processions.
    dates: {
      2020: ['2020-10-23', '2020-10-26'],
      2021: ['2021-10-12', '2021-10-15'],
      2022: ['2022-10-02', '2022-10-05'],
      2023: ['2023-10-21', '2023-10-24'],
      2024: ['2024-10-10', '2024-10-12'],
      2025: ['2025-09-29', '2025-10-02'],
      2026: ['2026-10-17', '2026-10-20'],
      2027: ['2027-10-06', '2027-10-09'],
    },
    scopes: [
      { district: 'Varanasi', stations: ['Bhelupur', 'Sigra'] },
      { district: 'Jaunpur', stations: ['Kotwali'] },
      { district: 'Ghazipur', stations: ['Kotwali'] },
      { district: 'Chandauli', stations: ['Mughalsarai'] },
    ],
  },
  {
    name: 'दशहरा',
    kind: 'festival',
    kindText: 'त्योहार',
    dmy: true,
    dates: {
      2020: ['2020-10-25', '2020-10-25'],
      2021: ['2021-10-15', '2021-10-15'],
      2022: ['2022-10-05', '2022-10-05'],
      2023: ['2023-10-24', '2023-10-24'],
      2024: ['2024-10-12', '2024-10-12'],
      2025: ['2025-10-02', '2025-10-02'],
      2026: ['2026-10-20', '2026-10-20'],
      2027: ['2027-10-09', '2027-10-09'],
    },
    scopes: everywhere,
  },
  {
    name: 'Diwali',
    kind: 'festival',
    dates: {
      2020: ['2020-11-14', '2020-11-14'],
      2021: ['2021-11-04', '2021-11-04'],
      2022: ['2022-10-24', '2022-10-24'],
      2023: ['2023-11-12', '2023-11-12'],
      2024: ['2024-10-31', '2024-11-01'],
      2025: ['2025-10-20', '2025-10-21'],
      2026: ['2026-11-08', '2026-11-08'],
      2027: ['2027-10-29', '2027-10-29'],
    },
    scopes: everywhere,
  },
  {
    name: 'छठ पूजा',
    kind: 'festival',
    kindText: 'पर्व',
    // Nahay Khay to the morning arghya.
    dates: {
      2020: ['2020-11-18', '2020-11-21'],
      2021: ['2021-11-08', '2021-11-11'],
      2022: ['2022-10-28', '2022-10-31'],
      2023: ['2023-11-17', '2023-11-20'],
      2024: ['2024-11-05', '2024-11-08'],
      2025: ['2025-10-25', '2025-10-28'],
      2026: ['2026-11-13', '2026-11-16'],
      2027: ['2027-11-02', '2027-11-05'],
    },
    scopes: allDistricts('Ghazipur', 'Chandauli', 'Varanasi'),
  },
  {
    name: 'Dev Deepawali',
    kind: 'other',
    dates: {
      2020: ['2020-11-30', '2020-11-30'],
      2021: ['2021-11-19', '2021-11-19'],
      2022: ['2022-11-07', '2022-11-07'],
      2023: ['2023-11-27', '2023-11-27'],
      2024: ['2024-11-15', '2024-11-15'],
      2025: ['2025-11-05', '2025-11-05'],
      2026: ['2026-11-24', '2026-11-24'],
      2027: ['2027-11-14', '2027-11-14'],
    },
    scopes: [{ district: 'Varanasi', stations: ['Dashashwamedh', 'Bhelupur'] }],
  },
];

interface Poll {
  name: string;
  date: string;
  districts: readonly string[] | null;
}

const polls: readonly Poll[] = [
  {
    name: 'UP assembly poll (phase 7)',
    date: '2022-03-07',
    districts: ['Varanasi', 'Jaunpur', 'Ghazipur', 'Chandauli'],
  },
  { name: 'UP assembly vote counting', date: '2022-03-10', districts: null },
  { name: 'Urban local body poll (phase 1)', date: '2023-05-04', districts: ['Varanasi', 'Chandauli'] },
  { name: 'Urban local body poll (phase 2)', date: '2023-05-11', districts: ['Jaunpur', 'Ghazipur'] },
  { name: 'Urban local body vote counting', date: '2023-05-13', districts: null },
  { name: 'Lok Sabha poll (phase 6)', date: '2024-05-25', districts: ['Jaunpur'] },
  { name: 'Lok Sabha poll (phase 7)', date: '2024-06-01', districts: ['Varanasi', 'Ghazipur', 'Chandauli'] },
  { name: 'Lok Sabha vote counting', date: '2024-06-04', districts: null },
];

export interface CalendarEvent {
  name: string;
  kind: Kind;
  kindText: string;
  startDay: number;
  endDay: number;
  district: string | null;
  /** Index into the stations list when the event concerns one thana. */
  stationIndex: number | null;
  dmy: boolean;
}

/** Days the calendar covers beyond the generated period: a year before (last year's events) and the weeks after. */
const yearBefore = 430;
const daysAfter = 92;

/** Every calendar entry that overlaps the period, a year before it, and the weeks after it. */
export function calendarEvents(stations: readonly StationInfo[], startDay: number, endDay: number): CalendarEvent[] {
  const from = startDay - yearBefore;
  const to = endDay + daysAfter;
  const stationIndex = (district: string, name: string): number => {
    const ref = findPoliceStation(district, name);
    const s = ref ? stations.find((x) => x.station.policeStationId === ref.policeStationId) : undefined;
    if (!s) throw new Error(`events calendar: no thana ${name} in ${district}`);
    return s.index;
  };
  const out: CalendarEvent[] = [];
  for (const r of recurring) {
    for (const [first, last] of Object.values(r.dates)) {
      const s = parseIsoDay(first);
      const e = parseIsoDay(last);
      if (e < from || s > to) continue;
      for (const scope of r.scopes) {
        const base = { name: r.name, kind: r.kind, kindText: r.kindText ?? r.kind, startDay: s, endDay: e };
        if (scope.district === undefined) {
          out.push({ ...base, district: null, stationIndex: null, dmy: r.dmy ?? false });
        } else if (!scope.stations) {
          out.push({ ...base, district: scope.district, stationIndex: null, dmy: r.dmy ?? false });
        } else {
          for (const name of scope.stations) {
            out.push({
              ...base,
              district: scope.district,
              stationIndex: stationIndex(scope.district, name),
              dmy: r.dmy ?? false,
            });
          }
        }
      }
    }
  }
  for (const p of polls) {
    const d = parseIsoDay(p.date);
    if (d < from || d > to) continue;
    for (const district of p.districts ?? [null]) {
      out.push({
        name: p.name,
        kind: 'election',
        kindText: 'election',
        startDay: d,
        endDay: d,
        district,
        stationIndex: null,
        dmy: false,
      });
    }
  }
  return out;
}

function dmy(day: number): string {
  const [y, m, d] = isoDay(day).split('-');
  return `${d}/${m}/${y}`;
}

/** The same event (name and place) 300–430 days before, as the sensitivity assessment finds it. */
export function previousOccurrence(events: readonly CalendarEvent[], e: CalendarEvent): CalendarEvent | undefined {
  return events
    .filter(
      (p) =>
        p.name === e.name &&
        p.district === e.district &&
        p.stationIndex === e.stationIndex &&
        p.startDay >= e.startDay - 430 &&
        p.startDay <= e.startDay - 300,
    )
    .sort((a, b) => b.startDay - a.startDay)[0];
}

/** A riot/communal FIR or a communal-risk tip planted in a thana during an event. */
export interface EventIncident {
  day: number;
  stationIndex: number;
  source: 'fir' | 'tip';
  /** offences.ts recipe key (FIRs) or tip category (tips). */
  what: string;
}

export interface EventPlan {
  events: CalendarEvent[];
  incidents: EventIncident[];
  scenario:
    | {
        event: CalendarEvent;
        /** The same festival last year, when the calendar has it (incidents are planted if it lies in the period). */
        lastYear: CalendarEvent | undefined;
        stationIndex: number;
        /** Monday of the assessed week (the latest complete week). */
        weekMonday: number;
        communalTips: number;
        rumours: number;
        incidentsLastYear: number;
      }
    | undefined;
}

const riotRecipes = ['riot', 'riot', 'enmity'];
const communalCategories = ['cow smuggling', 'forced religious conversion'];

/**
 * The calendar for the period and the incidents planted with it. `targetMonday` is the Monday of
 * the latest complete week (the sensitivity scenario is assessed there); `avoid` are thanas with
 * planted hotspots (kept out of the scenario so its factors stay its own).
 */
export function planEvents(input: {
  rng: Rng;
  stations: readonly StationInfo[];
  startDay: number;
  endDay: number;
  targetMonday: number | undefined;
  avoid: ReadonlySet<number>;
}): EventPlan {
  const { rng, stations, startDay, endDay, targetMonday } = input;
  const events = calendarEvents(stations, startDay, endDay);
  const incidents: EventIncident[] = [];
  let scenario: EventPlan['scenario'];

  if (targetMonday !== undefined) {
    // A festival of one thana in the two weeks after the assessed week (held there last year too,
    // when the period reaches back that far).
    const upcoming = events.filter(
      (e) =>
        e.stationIndex !== null &&
        e.kind === 'festival' &&
        !input.avoid.has(e.stationIndex) &&
        e.startDay >= targetMonday + 7 &&
        e.startDay <= targetMonday + 20,
    );
    const reachesBack = (e: CalendarEvent) => (previousOccurrence(events, e)?.startDay ?? -Infinity) >= startDay;
    // A busy rural thana: no chronic city hot spots of its own, and never the quietest thana.
    const busyRural = (e: CalendarEvent) => {
      const s = stations[e.stationIndex as number];
      return s !== undefined && !s.urban && s.station.population >= 120_000;
    };
    let candidates = upcoming.some(reachesBack) ? upcoming.filter(reachesBack) : upcoming;
    if (candidates.some(busyRural)) candidates = candidates.filter(busyRural);
    let event = candidates.length > 0 ? rng.pick(candidates) : undefined;
    if (!event) {
      // No such festival in the calendar then: the urs (annual fair) of a dargah in a rural thana,
      // which comes 11 days earlier each year with the Islamic calendar.
      const rural = stations.filter((s) => !s.urban && s.station.population >= 120_000 && !input.avoid.has(s.index));
      const s = rng.pick(rural.length > 0 ? rural : stations);
      const start = targetMonday + 9;
      const make = (first: number): CalendarEvent => ({
        name: `Urs mela (${s.nameEn})`,
        kind: 'festival',
        kindText: 'festival',
        startDay: first,
        endDay: first + 2,
        district: s.districtEn,
        stationIndex: s.index,
        dmy: false,
      });
      events.push(make(start - 354), make(start));
      event = events[events.length - 1];
    }
    if (event && event.stationIndex !== null) {
      const stationIndex = event.stationIndex;
      const lastYear = previousOccurrence(events, event);
      let incidentsLastYear = 0;
      if (lastYear && lastYear.startDay >= startDay) {
        incidentsLastYear = 3;
        for (let i = 0; i < incidentsLastYear; i++) {
          const day = rng.int(lastYear.startDay, lastYear.endDay);
          if (i < 2) incidents.push({ day, stationIndex, source: 'fir', what: riotRecipes[i] as string });
          else incidents.push({ day, stationIndex, source: 'tip', what: rng.pick(communalCategories) });
        }
      }
      const communalTips = 6;
      for (let i = 0; i < communalTips; i++) {
        const day = Math.min(endDay, targetMonday - 7 + rng.int(0, 13));
        incidents.push({ day, stationIndex, source: 'tip', what: rng.pick(communalCategories) });
      }
      scenario = {
        event,
        lastYear,
        stationIndex,
        weekMonday: targetMonday,
        communalTips,
        rumours: 2,
        incidentsLastYear,
      };
    }
  }

  // Elsewhere: a riot or communal FIR during a few thana-level festivals each year (history for
  // "the same event last year" in the following year).
  const festivals = events.filter(
    (e) =>
      e.stationIndex !== null &&
      e.kind === 'festival' &&
      e.startDay >= startDay &&
      e.endDay <= endDay &&
      e.stationIndex !== scenario?.stationIndex,
  );
  const years = Math.max(1, Math.round((endDay - startDay + 1) / 365));
  const picks = Math.min(festivals.length, 3 * years);
  const chosen = rng.shuffle([...festivals]).slice(0, picks);
  chosen.sort((a, b) => a.startDay - b.startDay || (a.stationIndex ?? 0) - (b.stationIndex ?? 0));
  for (const e of chosen) {
    incidents.push({
      day: rng.int(e.startDay, e.endDay),
      stationIndex: e.stationIndex as number,
      source: 'fir',
      what: rng.pick(riotRecipes),
    });
  }
  incidents.sort((a, b) => a.day - b.day || a.stationIndex - b.stationIndex);
  events.sort((a, b) => a.startDay - b.startDay || a.name.localeCompare(b.name));
  return { events, incidents, scenario };
}

export async function writeEvents(
  outDir: string,
  stations: readonly StationInfo[],
  plan: EventPlan,
): Promise<{ path: string; rows: number }> {
  const file = await StreamFile.open(join(outDir, 'events', 'events.csv'));
  file.write('start_date,end_date,district,police_station,kind,name\n');
  for (const e of plan.events) {
    const date = (d: number) => (e.dmy ? dmy(d) : isoDay(d));
    file.row([
      date(e.startDay),
      e.endDay === e.startDay && !e.dmy ? '' : date(e.endDay),
      e.district ?? '',
      e.stationIndex === null ? '' : (stations[e.stationIndex]?.nameEn ?? ''),
      e.kindText,
      e.name,
    ]);
  }
  await file.close();
  return { path: file.path, rows: file.rows };
}
