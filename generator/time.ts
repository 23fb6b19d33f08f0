/**
 * Calendar helpers in Indian Standard Time (UTC+05:30, no DST). Instants are carried as
 * "IST minutes": minutes since 1970-01-01 00:00 on the IST wall clock, so day and hour
 * arithmetic is plain integer arithmetic.
 */

export const istOffsetMinutes = 330;
export const minutesPerDay = 1440;

/** `2024-07-01` → days since 1970-01-01. */
export function parseIsoDay(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new Error(`not an ISO date (YYYY-MM-DD): ${text}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const day = ms / 86_400_000;
  const check = new Date(ms);
  if (check.getUTCDate() !== Number(m[3])) throw new Error(`not a calendar date: ${text}`);
  return day;
}

export interface Ymd {
  year: number;
  month: number;
  day: number;
}

export function dayToYmd(day: number): Ymd {
  const d = new Date(day * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const two = (n: number): string => (n < 10 ? '0' + n : String(n));

export function isoDay(day: number): string {
  const { year, month, day: dd } = dayToYmd(day);
  return `${year}-${two(month)}-${two(dd)}`;
}

/** 0 = Monday … 6 = Sunday. */
export function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Day number of the Monday of the ISO week holding `day`. */
export function mondayOf(day: number): number {
  return day - weekday(day);
}

/** ISO week label of a day, e.g. `2025-W10`. */
export function isoWeek(day: number): string {
  const thursday = mondayOf(day) + 3;
  const { year } = dayToYmd(thursday);
  const jan1 = parseIsoDay(`${year}-01-01`);
  const week = Math.floor((thursday - jan1) / 7) + 1;
  return `${year}-W${two(week)}`;
}

let cachedDay = Number.NaN;
let cachedDayText = '';

/** IST minutes → `DD/MM/YYYY HH:mm` (the CCTNS export format). */
export function formatCctns(minutes: number): string {
  const day = Math.floor(minutes / minutesPerDay);
  if (day !== cachedDay) {
    const { year, month, day: dd } = dayToYmd(day);
    cachedDay = day;
    cachedDayText = `${two(dd)}/${two(month)}/${year}`;
  }
  const m = minutes - day * minutesPerDay;
  return `${cachedDayText} ${two(Math.floor(m / 60))}:${two(m % 60)}`;
}

/** IST minutes → `2024-03-05T14:22:00+05:30`. */
export function formatIsoIst(minutes: number): string {
  const day = Math.floor(minutes / minutesPerDay);
  const m = minutes - day * minutesPerDay;
  return `${isoDay(day)}T${two(Math.floor(m / 60))}:${two(m % 60)}:00+05:30`;
}

/** IST minutes (+ seconds) → UTC `2024-03-05T08:52:07.000Z` (X API v2 style). */
export function formatUtcIso(minutes: number, seconds = 0): string {
  return new Date(toUnixSeconds(minutes, seconds) * 1000).toISOString();
}

/** IST minutes (+ seconds) → UTC `2024-03-05T08:52:07+0000` (Facebook Graph style). */
export function formatGraphTime(minutes: number, seconds = 0): string {
  return formatUtcIso(minutes, seconds).replace(/\.\d{3}Z$/, '+0000');
}

export function toUnixSeconds(minutes: number, seconds = 0): number {
  return (minutes - istOffsetMinutes) * 60 + seconds;
}
