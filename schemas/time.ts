/**
 * Time helpers. Sources write local Indian Standard Time (UTC+05:30, no daylight saving);
 * the lake stores UTC instants and computes months and ISO weeks in Asia/Kolkata.
 */
const istOffsetMs = (5 * 60 + 30) * 60 * 1000;

const patterns: { re: RegExp; order: 'dmy' | 'ymd' }[] = [
  // 15/07/2024 14:30, 15-07-2024 14:30:05, 15.07.2024, 15/07/2024
  { re: /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/, order: 'dmy' },
  // 2024-07-15 14:30, 2024-07-15T14:30:05
  { re: /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/, order: 'ymd' },
];

/** Parses a local IST date-time as written by CCTNS and similar exports; undefined if invalid. */
export function parseIstDateTime(text: string): Date | undefined {
  const s = text.trim();
  // An explicit offset or Z: an ISO instant.
  const iso = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.exec(s);
  if (iso) {
    const [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    const cal = new Date(Date.UTC(y, mo - 1, d));
    if (cal.getUTCMonth() !== mo - 1 || cal.getUTCDate() !== d || Number(iso[4]) > 23 || Number(iso[5]) > 59)
      return undefined;
    const t = new Date(s);
    return Number.isNaN(t.getTime()) ? undefined : t;
  }
  for (const { re, order } of patterns) {
    const m = re.exec(s);
    if (!m) continue;
    const [a, b, c, hh = '0', mi = '0', ss = '0'] = m.slice(1);
    const [y, mo, d] = order === 'dmy' ? [Number(c), Number(b), Number(a)] : [Number(a), Number(b), Number(c)];
    const h = Number(hh);
    const min = Number(mi);
    const sec = Number(ss);
    if (mo < 1 || mo > 12 || d < 1 || h > 23 || min > 59 || sec > 59) return undefined;
    const utc = Date.UTC(y, mo - 1, d, h, min, sec);
    const check = new Date(utc);
    if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return undefined; // 31/02
    return new Date(utc - istOffsetMs);
  }
  return undefined;
}

/** The instant's calendar in IST. */
function ist(date: Date): Date {
  return new Date(date.getTime() + istOffsetMs);
}

/** 'YYYY-MM' of the instant in Asia/Kolkata. */
export function istMonth(date: Date): string {
  return ist(date).toISOString().slice(0, 7);
}

/** 'YYYY-MM-DD' of the instant in Asia/Kolkata. */
export function istDate(date: Date): string {
  return ist(date).toISOString().slice(0, 10);
}

/** ISO week 'YYYY-Www' of the instant in Asia/Kolkata. */
export function istIsoWeek(date: Date): string {
  const d = ist(date);
  const day = (d.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day + 3));
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}
