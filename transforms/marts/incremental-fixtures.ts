/**
 * Test fixtures of the incremental builds: generated data cut into what the sources had exported
 * before the last ISO week (IST) of the data, and the next weekly extract (the week's records,
 * and the FIRs whose status changed in it, re-exported), plus helpers that write re-exports
 * changing an earlier period (a corrected FIR section, a late police reply, a recovered vehicle,
 * a corrected follower count, a tip actioned late, a tweet's new figures).
 */
import fs from 'node:fs';
import path from 'node:path';
import { generate } from '../../generator/index.ts';
import { readCsv } from '../../ingestors/csv.ts';
import { ingestPath, type SourceName } from '../../ingestors/index.ts';
import { withDuckDb } from '../../lake/duckdb.ts';
import { districts, policeStations } from '../../reference/range.ts';
import type { TestLake } from '../../test/util/lakes.ts';
import { tempDir } from '../../test/util/lakes.ts';

export const informantKey = 'incremental-fixture-informant-key';

/** The generated data ends on Sunday 2025-06-29: its last ISO week starts on Monday 2025-06-23 (IST). */
export const newWeek = { week: '2025-W26', month: '2025-06', startLocal: '2025-06-23 00:00' } as const;
const cutoffInstant = Date.parse('2025-06-23T00:00:00+05:30');

/** Where each file of an extract goes: `<dir>/<source>/<file>`. */
export interface Extract {
  dir: string;
}

export interface SplitData {
  dataDir: string;
  /** Everything the sources had exported before the new week. */
  before: Extract;
  /** The new week's extract. */
  week: Extract;
  /** Registration months (IST) of the FIRs in the new week's extract (new FIRs and status re-exports). */
  weekFirMonths: string[];
}

interface Table {
  header: string[];
  rows: string[][];
}

async function readTable(file: string): Promise<Table> {
  const records: string[][] = [];
  for await (const rec of readCsv(file, path.basename(file))) records.push(rec.fields);
  const [header, ...rows] = records as [string[], ...string[][]];
  return { header, rows };
}

const quote = (f: string) => (/[",\n\r]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f);

function writeTable(extract: Extract, source: SourceName, name: string, t: Table): void {
  if (t.rows.length === 0) return;
  const dir = path.join(extract.dir, source);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), [t.header, ...t.rows].map((r) => r.map(quote).join(',')).join('\n') + '\n');
}

function writeJson(extract: Extract, source: SourceName, name: string, value: unknown): void {
  const dir = path.join(extract.dir, source);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), JSON.stringify(value));
}

/** CCTNS `dd/mm/yyyy HH:MM` (IST) as a sortable `yyyy-mm-dd HH:MM`. */
const cctnsLocal = (s: string) => `${s.slice(6, 10)}-${s.slice(3, 5)}-${s.slice(0, 2)} ${s.slice(11, 16)}`;
/** An ISO instant (`+0000` offsets included) as epoch milliseconds. */
const instant = (s: string) => Date.parse(s.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));

const col = (t: Table, name: string) => {
  const i = t.header.indexOf(name);
  if (i < 0) throw new Error(`no column ${name} in ${t.header.join(',')}`);
  return i;
};

function splitRows(t: Table, isNew: (row: string[]) => boolean): [Table, Table] {
  return [
    { header: t.header, rows: t.rows.filter((r) => !isNew(r)) },
    { header: t.header, rows: t.rows.filter((r) => isNew(r)) },
  ];
}

interface Tweet {
  id: string;
  text: string;
  created_at: string;
  author_id: string;
  conversation_id?: string;
  entities?: { mentions?: { id: string }[] };
  public_metrics?: Record<string, number>;
}

interface XExport {
  data: Tweet[];
  includes?: unknown;
  meta?: Record<string, unknown>;
}

interface FacebookExport {
  data: { created_time: string }[];
  paging?: unknown;
}

/** Generates the data (1,000 FIRs from 2024-01-01 to 2025-06-29) and cuts it before the last week. */
export async function generateSplit(seed = 7): Promise<SplitData> {
  const dataDir = tempDir('incremental-data');
  await generate({ outDir: dataDir, firs: 1000, seed, start: '2024-01-01', end: '2025-06-29' });
  const before: Extract = { dir: tempDir('incremental-before') };
  const week: Extract = { dir: tempDir('incremental-week') };
  const file = (source: string, name: string) => path.join(dataDir, source, name);

  // FIRs: those registered in the new week are new; an older FIR CCTNS changed in the new week
  // was exported before as under investigation and comes again with its new status.
  const firs = await readTable(file('cctns', 'firs.csv'));
  const reg = col(firs, 'registered_at');
  const status = col(firs, 'status');
  const updated = col(firs, 'last_updated_at');
  const isNewFir = (r: string[]) => cctnsLocal(r[reg]!) >= newWeek.startLocal;
  const changedInWeek = (r: string[]) =>
    !isNewFir(r) && r[status] !== 'Under Investigation' && cctnsLocal(r[updated]!) >= newWeek.startLocal;
  writeTable(before, 'cctns', 'firs.csv', {
    header: firs.header,
    rows: firs.rows
      .filter((r) => !isNewFir(r))
      .map((r) => {
        if (!changedInWeek(r)) return r;
        const was = r.slice();
        was[status] = 'Under Investigation';
        was[updated] = r[reg]!;
        return was;
      }),
  });
  const weekFirs = firs.rows.filter((r) => isNewFir(r) || changedInWeek(r));
  writeTable(week, 'cctns', 'firs.csv', { header: firs.header, rows: weekFirs });
  const weekFirMonths = [...new Set(weekFirs.map((r) => cctnsLocal(r[reg]!).slice(0, 7)))].sort();

  // The accused and victims of the new week's FIRs, and the arrests and seizures made in it (old
  // FIRs' included: their persons' profiles change).
  for (const [name, at] of [
    ['accused.csv', 'registered_at'],
    ['victims.csv', 'registered_at'],
    ['arrests.csv', 'arrested_at'],
    ['seizures.csv', 'seized_at'],
  ] as const) {
    const t = await readTable(file('cctns', name));
    const [registered, i] = [col(t, 'registered_at'), col(t, at)];
    const isNew = (v: string) => v !== '' && cctnsLocal(v) >= newWeek.startLocal;
    const [old, fresh] = splitRows(t, (r) => isNew(r[registered]!) || isNew(r[i]!));
    writeTable(before, 'cctns', name, old);
    writeTable(week, 'cctns', name, fresh);
  }

  const reports = await readTable(file('cctns', 'final_reports.csv'));
  const filed = col(reports, 'filed_at');
  const [oldReports, newReports] = splitRows(reports, (r) => cctnsLocal(r[filed]!) >= newWeek.startLocal);
  writeTable(before, 'cctns', 'final_reports.csv', oldReports);
  writeTable(week, 'cctns', 'final_reports.csv', newReports);

  const tips = await readTable(file('tips', 'cases.csv'));
  const received = col(tips, 'received_at');
  const [oldTips, newTips] = splitRows(tips, (r) => instant(r[received]!) >= cutoffInstant);
  writeTable(before, 'tips', 'cases.csv', oldTips);
  writeTable(week, 'tips', 'cases.csv', newTips);

  const reads = await readTable(file('vehicles', 'anpr_reads.csv'));
  const readAt = col(reads, 'read_at');
  const [oldReads, newReads] = splitRows(reads, (r) => instant(r[readAt]!) >= cutoffInstant);
  writeTable(before, 'vehicles', 'anpr_reads.csv', oldReads);
  writeTable(week, 'vehicles', 'anpr_reads.csv', newReads);

  const stolen = await readTable(file('vehicles', 'stolen_vehicles.csv'));
  const reported = col(stolen, 'reported_at');
  const [oldStolen, newStolen] = splitRows(stolen, (r) => cctnsLocal(r[reported]!) >= newWeek.startLocal);
  writeTable(before, 'vehicles', 'stolen_vehicles.csv', oldStolen);
  writeTable(week, 'vehicles', 'stolen_vehicles.csv', newStolen);

  const stats = await readTable(file('social', 'account_stats.csv'));
  const date = col(stats, 'date');
  const [oldStats, newStats] = splitRows(stats, (r) => r[date]! >= newWeek.startLocal.slice(0, 10));
  writeTable(before, 'social', 'account_stats.csv', oldStats);
  writeTable(week, 'social', 'account_stats.csv', newStats);

  // Generated posts seldom name a place: every fourth mention of a police account names a thana,
  // so post_places has rows in most months.
  const x = JSON.parse(fs.readFileSync(file('social', 'x_mentions.json'), 'utf8')) as XExport;
  x.data.forEach((t, i) => {
    if (i % 4 !== 0 || !t.entities) return;
    const ps = policeStations[(i / 4) % policeStations.length]!;
    const district = districts.find((d) => d.districtId === ps.districtId)!;
    t.text = `${t.text} (thana ${ps.nameEn}, ${district.nameEn})`;
  });
  fs.writeFileSync(file('social', 'x_mentions.json'), JSON.stringify(x));
  const xPart = (isNew: boolean) => {
    const data = x.data.filter((t) => instant(t.created_at) >= cutoffInstant === isNew);
    return { ...x, data, meta: { ...x.meta, result_count: data.length } };
  };
  writeJson(before, 'social', 'x_mentions.json', xPart(false));
  if (xPart(true).data.length > 0) writeJson(week, 'social', 'x_mentions.json', xPart(true));

  const fb = JSON.parse(fs.readFileSync(file('social', 'facebook_comments.json'), 'utf8')) as FacebookExport;
  const fbPart = (isNew: boolean) => ({
    ...fb,
    data: fb.data.filter((c) => instant(c.created_time) >= cutoffInstant === isNew),
  });
  writeJson(before, 'social', 'facebook_comments.json', fbPart(false));
  if (fbPart(true).data.length > 0) writeJson(week, 'social', 'facebook_comments.json', fbPart(true));

  return { dataDir, before, week, weekFirMonths };
}

/** Ingests every file of an extract into the lake. */
export async function ingestExtract(t: TestLake, extract: Extract): Promise<void> {
  await withDuckDb(undefined, async (db) => {
    for (const source of fs.readdirSync(extract.dir).sort()) {
      await ingestPath({ lake: t.lake, db, informantKey }, source as SourceName, path.join(extract.dir, source));
    }
  });
}

/** Re-exports that change earlier periods, written into a new extract. */
export class Corrections {
  readonly extract: Extract = { dir: tempDir('incremental-corrections') };
  constructor(private readonly dataDir: string) {}

  /**
   * The first FIR of `month` cited only under theft (BNS 303(2), property) re-exported under
   * BNS 115(2) (hurt, violent): its month's and week's counts move between crime groups.
   * Returns its registration instant as CCTNS writes it.
   */
  async firSectionCorrected(month: string): Promise<string> {
    const firs = await readTable(path.join(this.dataDir, 'cctns', 'firs.csv'));
    const reg = col(firs, 'registered_at');
    const acts = col(firs, 'acts_sections');
    const fir = firs.rows.find(
      (r) => cctnsLocal(r[reg]!).startsWith(month) && /303\(2\)/.test(r[acts]!) && !/,|\/|317/.test(r[acts]!),
    );
    if (!fir) throw new Error(`no theft FIR in ${month}`);
    const corrected = fir.slice();
    corrected[acts] = '115(2) BNS';
    this.add('cctns', 'firs.csv', { header: firs.header, rows: [corrected] });
    return fir[reg]!;
  }

  /**
   * The first accused of an FIR of `month` without an alias, re-exported with `alias`: that
   * person's profile (aliases) changes. Returns the FIR number and accused number.
   */
  async accusedAliasAdded(month: string, alias: string): Promise<{ firNumber: string; accusedNumber: string }> {
    const accused = await readTable(path.join(this.dataDir, 'cctns', 'accused.csv'));
    const reg = col(accused, 'registered_at');
    const aliasCol = col(accused, 'alias');
    const row = accused.rows.find((r) => cctnsLocal(r[reg]!).startsWith(month) && r[aliasCol] === '');
    if (!row) throw new Error(`no accused without an alias in ${month}`);
    const corrected = row.slice();
    corrected[aliasCol] = alias;
    this.add('cctns', 'accused.csv', { header: accused.header, rows: [corrected] });
    return { firNumber: row[col(accused, 'fir_number')]!, accusedNumber: row[col(accused, 'accused_number')]! };
  }

  /** The latest tip received in `month` without an action, re-exported as actioned at `at` (ISO, IST). */
  async tipActioned(month: string, at: string): Promise<string> {
    const tips = await readTable(path.join(this.dataDir, 'tips', 'cases.csv'));
    const received = col(tips, 'received_at');
    const action = col(tips, 'action_taken_at');
    const tip = tips.rows.filter((r) => r[received]!.startsWith(month) && r[action] === '').at(-1);
    if (!tip) throw new Error(`no unactioned tip in ${month}`);
    const actioned = tip.slice();
    actioned[action] = at;
    actioned[col(tips, 'action_note')] = 'Raid conducted; two persons held';
    this.add('tips', 'cases.csv', { header: tips.header, rows: [actioned] });
    return tip[col(tips, 'tip_id')]!;
  }

  /** The theft report of `registrationNumber` (as exported) re-exported as recovered at `at` (CCTNS format). */
  async vehicleRecovered(registrationNumber: string, at: string): Promise<void> {
    const stolen = await readTable(path.join(this.dataDir, 'vehicles', 'stolen_vehicles.csv'));
    const plate = col(stolen, 'registration_number');
    const report = stolen.rows.find((r) => r[plate]!.replace(/[^A-Z0-9]/g, '') === registrationNumber);
    if (!report) throw new Error(`no theft report of ${registrationNumber}`);
    this.add('vehicles', 'stolen_vehicles.csv', {
      header: [...stolen.header, 'status', 'recovered_at'],
      rows: [[...report, 'recovered', at]],
    });
  }

  /** One day's follower count of a state's account on a platform, corrected. */
  async followersCorrected(platform: string, state: string, date: string, followers: number): Promise<void> {
    const stats = await readTable(path.join(this.dataDir, 'social', 'account_stats.csv'));
    const row = stats.rows.find(
      (r) =>
        r[col(stats, 'platform')] === platform && r[col(stats, 'state')] === state && r[col(stats, 'date')] === date,
    );
    if (!row) throw new Error(`no ${platform} figures of ${state} on ${date}`);
    const corrected = row.slice();
    corrected[col(stats, 'followers')] = String(followers);
    this.add('social', 'account_stats.csv', { header: stats.header, rows: [corrected] });
  }

  /**
   * An X export of: the tweet `tweetId` again with more impressions and retweets, and a reply of
   * the police account to the complaint `complaintId` posted at `replyAt` (ISO UTC).
   */
  tweets(tweetId: string, complaintId: string, replyAt: string): void {
    const x = JSON.parse(fs.readFileSync(path.join(this.dataDir, 'social', 'x_mentions.json'), 'utf8')) as XExport;
    const tweet = x.data.find((t) => t.id === tweetId);
    const complaint = x.data.find((t) => t.id === complaintId);
    if (!tweet || !complaint) throw new Error(`no tweet ${tweetId} or ${complaintId}`);
    const police = complaint.entities?.mentions?.[0]?.id;
    if (!police) throw new Error(`complaint ${complaintId} mentions no account`);
    const metrics = tweet.public_metrics ?? {};
    const data = [
      {
        ...tweet,
        public_metrics: {
          ...metrics,
          retweet_count: (metrics.retweet_count ?? 0) + 500,
          impression_count: (metrics.impression_count ?? 0) + 90_000,
        },
      },
      {
        id: `9${complaintId.slice(1)}`,
        text: 'Your complaint has been forwarded to the district police for action.',
        author_id: police,
        created_at: replyAt,
        conversation_id: complaint.conversation_id ?? complaintId,
        lang: 'en',
        public_metrics: { retweet_count: 0, reply_count: 0, like_count: 3, quote_count: 0, impression_count: 120 },
        in_reply_to_user_id: complaint.author_id,
        referenced_tweets: [{ type: 'replied_to', id: complaintId }],
      },
    ];
    writeJson(this.extract, 'social', 'x_mentions.json', { ...x, data, meta: { result_count: data.length } });
  }

  private add(source: SourceName, name: string, t: Table): void {
    const file = path.join(this.extract.dir, source, name);
    if (fs.existsSync(file)) throw new Error(`${source}/${name}: one correction per file`);
    writeTable(this.extract, source, name, t);
  }
}
