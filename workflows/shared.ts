import { istIsoWeek } from '../schemas/time.ts';

/**
 * Pure helpers shared by the workflows, the activities and the embedded runner: lake keys of the
 * inbox and of published reports, workflow ids, ISO weeks. No I/O and no clock: this module is
 * bundled into the deterministic workflow sandbox.
 */

/** Where files to ingest are dropped: `inbox/<source>/<name>`. */
export const inboxRoot = 'inbox';
/** Processed objects move here, by outcome; they are never scanned again. */
export const inboxDone = `${inboxRoot}/done`;
export const inboxFailed = `${inboxRoot}/failed`;

export function inboxPrefix(source: string): string {
  return `${inboxRoot}/${source}/`;
}

/** `inbox/done/<source>/<name>` or `inbox/failed/<source>/<name>`. */
export function settledKey(outcome: 'done' | 'failed', source: string, name: string): string {
  return `${outcome === 'done' ? inboxDone : inboxFailed}/${source}/${name}`;
}

/** The error report written beside a failed object. */
export function errorKeyFor(failedKey: string): string {
  return `${failedKey}.error.txt`;
}

/**
 * One workflow id per source and content: a file dropped twice, under any name, maps to the same
 * ingest, which Temporal then runs once. 24 hex digits (96 bits) of the SHA-256 suffice.
 */
export function ingestWorkflowId(source: string, sha256: string): string {
  return `ingest-${source}-${sha256.slice(0, 24)}`;
}

/** Where `crimelake ingest --via temporal` uploads a local file for a worker to read. */
export function uploadKey(source: string, sha256: string, name: string): string {
  return `uploads/${source}/${sha256.slice(0, 24)}/${name}`;
}

/** The reports published per ISO week: each a `ReportName` of reports/builders.ts. */
export const weeklyReports = ['weekly-hotspots', 'sensitivity'] as const;
export type WeeklyReportName = (typeof weeklyReports)[number];

/** `published/<report>/<period>/`. */
export function publishedPrefix(report: string, period: string): string {
  return `published/${report}/${period}/`;
}

const istOffsetMs = (5 * 60 + 30) * 60 * 1000;
const dayMs = 86_400_000;
const weekPattern = /^(\d{4})-W(\d{2})$/;

export class WeekError extends Error {
  constructor(week: string, message: string) {
    super(`week ${JSON.stringify(week)}: ${message}`);
    this.name = 'WeekError';
  }
}

/** The ISO week (Asia/Kolkata) that ended last before `instant`: the week a Monday report covers. */
export function previousIsoWeek(instant: Date): string {
  return istIsoWeek(new Date(instant.getTime() - 7 * dayMs));
}

/**
 * The instants an ISO week spans in Asia/Kolkata: from Monday 00:00 IST (inclusive) to the next
 * Monday 00:00 IST (exclusive), as UTC instants. Throws WeekError for a malformed or absent week.
 */
export function isoWeekRange(week: string): { start: Date; end: Date } {
  const m = weekPattern.exec(week);
  if (!m) throw new WeekError(week, 'expected YYYY-Www, e.g. 2025-W23');
  const [year, n] = [Number(m[1]), Number(m[2])];
  // Monday of week 1 is the Monday of the week that holds 4 January.
  const jan4 = Date.UTC(year, 0, 4);
  const mondayOfWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * dayMs;
  const startLocal = mondayOfWeek1 + (n - 1) * 7 * dayMs;
  const start = new Date(startLocal - istOffsetMs);
  if (n < 1 || istIsoWeek(start) !== week) throw new WeekError(week, `${year} has no week ${n}`);
  return { start, end: new Date(start.getTime() + 7 * dayMs) };
}

/** An error message capped in length: what a workflow passes on about a failure. */
export function shortMessage(message: string, max = 4_000): string {
  return message.length > max ? message.slice(0, max - 1) + '…' : message;
}
