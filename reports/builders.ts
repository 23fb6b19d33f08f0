import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DuckDBValue } from '@duckdb/node-api';
import { loadSql, sqlString, type DuckDb } from '../lake/duckdb.ts';
import type { Lake } from '../lake/lake.ts';
import { ident } from '../lake/contract.ts';
import { districts } from '../reference/range.ts';
import type { PublishedMonthlyReport, PublishedOutputs, PublishedReport } from '../workflows/activities-reports.ts';
import { isoWeekRange } from '../workflows/shared.ts';
import { attachReportInputs, publishReport, type Period, type PublishedReportResult } from './publish.ts';
import {
  binLabel,
  escapeHtml,
  hexMapSvg,
  htmlTable,
  nearestStation,
  page,
  patternLabels,
  smallMultiplesSvg,
  type HexCell,
  type Section,
  type SeriesPoint,
} from './render.ts';

/**
 * The published reports: `weekly-hotspots` and `sensitivity` per ISO week, `station-comparison`
 * per month. Each reads the analytics tables (hotspot_cells, emerging_hotspots,
 * sensitivity_assessment, station_comparison) and firs; a table not built yet leaves its
 * section saying so (and the manifest's notes), never a failed report.
 */
export const reportNames = ['weekly-hotspots', 'sensitivity', 'station-comparison'] as const;
export type ReportName = (typeof reportNames)[number];

export class ReportPeriodError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportPeriodError';
  }
}

export interface ReportDeps {
  lake: Lake;
  db: DuckDb;
}

const istOffsetMs = 5.5 * 3_600_000;

function istDay(instant: Date): string {
  return new Date(instant.getTime() + istOffsetMs).toISOString().slice(0, 10);
}

export function weekPeriod(week: string): Period {
  let range: { start: Date; end: Date };
  try {
    range = isoWeekRange(week);
  } catch (error) {
    throw new ReportPeriodError((error as Error).message);
  }
  return {
    kind: 'week',
    id: week,
    start: range.start.toISOString(),
    end: range.end.toISOString(),
    timeZone: 'Asia/Kolkata',
  };
}

export function monthPeriod(month: string): Period {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12)
    throw new ReportPeriodError(`month ${JSON.stringify(month)}: expected YYYY-MM, e.g. 2025-06`);
  const [y, mo] = [Number(m[1]), Number(m[2])];
  const start = new Date(Date.UTC(y, mo - 1, 1) - istOffsetMs);
  const end = new Date(Date.UTC(y, mo, 1) - istOffsetMs);
  return { kind: 'month', id: month, start: start.toISOString(), end: end.toISOString(), timeZone: 'Asia/Kolkata' };
}

function periodText(p: Period): string {
  const last = new Date(new Date(p.end).getTime() - 1);
  return `${p.kind === 'week' ? 'ISO week' : 'Month'} ${p.id}: ${istDay(new Date(p.start))} to ${istDay(last)} (Asia/Kolkata)`;
}

interface Query {
  file: string;
  sql: string;
}

function query(file: string): Query {
  return { file: `queries/${file}`, sql: loadSql(import.meta.url, `../queries/${file}`) };
}

/** Runs a report query into a temp table and returns its rows. */
async function into(
  db: DuckDb,
  table: string,
  q: Query,
  params: Record<string, DuckDBValue>,
): Promise<Record<string, unknown>[]> {
  await db.run(`create or replace temp table ${ident(table)} as ${q.sql}`, params);
  return db.all(`select * from ${ident(table)}`);
}

const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : Number(v ?? 0));

function missing(inputs: { table: string; version: number }[], table: string): boolean {
  return inputs.find((i) => i.table === table)?.version === 0;
}

const notBuilt = (table: string) =>
  `The ${table} table is not in the lake yet (run \`crimelake transform ${table}\`); this section is empty. · यह तालिका अभी उपलब्ध नहीं है।`;

/** Weekly counts of the 12 weeks (or months) ending with the period. */
async function periodCounts(db: DuckDb, q: Query, p: Period, periods: number): Promise<SeriesPoint[]> {
  const start = new Date(p.start);
  const from =
    p.kind === 'week'
      ? new Date(start.getTime() - (periods - 1) * 7 * 86_400_000)
      : new Date(
          Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - (periods - 1), 1) - istOffsetMs + 86_400_000 / 2,
        );
  const fromStart =
    p.kind === 'week'
      ? from
      : new Date(monthPeriod(new Date(from.getTime() + istOffsetMs).toISOString().slice(0, 7)).start);
  const rows = await into(db, 'ds_counts', q, {
    period_kind: p.kind,
    from_start: fromStart.toISOString(),
    to_end: p.end,
  });
  return rows.map((r) => ({ district: String(r.district), period: String(r.period), fir_count: num(r.fir_count) }));
}

const stationColumns = [
  { key: 'district', label: 'District · जनपद' },
  { key: 'police_station', label: 'Thana · थाना' },
  { key: 'fir_count', label: 'FIRs · प्राथमिकी' },
  { key: 'previous_period_fir_count', label: 'Previous period · पिछली अवधि' },
  {
    key: 'change_vs_previous_period',
    label: 'Change · परिवर्तन',
    format: (v: unknown) => (num(v) > 0 ? `+${num(v)}` : String(num(v))),
  },
  { key: 'last_year_fir_count', label: 'Same period last year · पिछले वर्ष' },
  {
    key: 'rate_per_100k',
    label: 'Per 100,000 people · प्रति लाख',
    format: (v: unknown) => (v === null ? '' : num(v).toFixed(1)),
  },
  { key: 'district_rank', label: 'Rank in district · जनपद में स्थान' },
];

async function cellPlaces(db: DuckDb, cells: readonly string[]): Promise<void> {
  await db.run(
    'create or replace temp table cell_places (h3_cell varchar, district varchar, police_station_id varchar, police_station varchar, police_station_hi varchar)',
  );
  if (cells.length === 0) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crimelake-cells-'));
  try {
    const file = path.join(dir, 'cells.json');
    const lines = cells.map((c) => {
      const s = nearestStation(c);
      const district = districts.find((d) => d.districtId === s.districtId)?.nameEn ?? s.districtId;
      return JSON.stringify({
        h3_cell: c,
        district,
        police_station_id: s.policeStationId,
        police_station: s.nameEn,
        police_station_hi: s.nameHi,
      });
    });
    fs.writeFileSync(file, lines.join('\n') + '\n');
    await db.run(
      `insert into cell_places by name select * from read_json(${sqlString(file)}, format = 'newline_delimited', columns = {h3_cell: 'varchar', district: 'varchar', police_station_id: 'varchar', police_station: 'varchar', police_station_hi: 'varchar'})`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function hotCellsSection(rows: readonly Record<string, unknown>[]): string {
  return htmlTable(
    [
      { key: 'rank', label: '#' },
      {
        key: 'police_station',
        label: 'Nearest thana · निकटतम थाना',
        format: (_v, r) => `${String(r.police_station)} · ${String(r.police_station_hi)}`,
      },
      { key: 'district', label: 'District · जनपद' },
      { key: 'label', label: 'Finding · निष्कर्ष' },
      { key: 'incident_count', label: 'Incidents in cell · घटनाएँ' },
      { key: 'neighbourhood_count', label: 'Incidents around · आसपास' },
      { key: 'h3_cell', label: 'Cell · सेल' },
    ],
    rows,
    'No hot spots this week. · इस सप्ताह कोई हॉट स्पॉट नहीं।',
  );
}

export async function buildWeeklyHotspots(deps: ReportDeps, week: string): Promise<PublishedReportResult> {
  const { lake, db } = deps;
  const period = weekPeriod(week);
  const inputs = await attachReportInputs(db, lake, [
    'hotspot_cells',
    'emerging_hotspots',
    'station_comparison',
    'firs',
  ]);
  const notes: string[] = [];
  for (const t of ['hotspot_cells', 'emerging_hotspots', 'station_comparison'])
    if (missing(inputs, t)) notes.push(notBuilt(t));
  const qCells = query('report_hotspot_cells.sql');
  const qEmerging = query('report_emerging_hotspots.sql');
  const qCounts = query('report_period_counts.sql');
  const qStations = query('report_station_change.sql');

  const cells = await into(db, 'ds_cells_raw', qCells, { week, crime_group: 'all' });
  await cellPlaces(
    db,
    cells.map((c) => String(c.h3_cell)),
  );
  await db.run(`create or replace temp table ds_cells as
    select c.*, p.district, p.police_station_id, p.police_station, p.police_station_hi
    from ds_cells_raw as c left join cell_places as p using (h3_cell)
    order by c.bin desc, c.gi_z desc, c.h3_cell`);
  const labelled: Record<string, unknown>[] = (await db.all<Record<string, unknown>>('select * from ds_cells')).map(
    (r) => ({
      ...r,
      label: binLabel(num(r.bin)),
    }),
  );
  const hot = labelled
    .filter((r) => num(r.bin) > 0)
    .slice(0, 15)
    .map((r, i) => ({ ...r, rank: i + 1 }));
  await db.run(
    `create or replace temp table ds_top as select * from ds_cells where bin > 0 order by gi_z desc, h3_cell limit 15`,
  );

  const emerging = await into(db, 'ds_emerging', qEmerging, { crime_group: 'all' });
  const windowEnd = emerging[0]?.window_end_week;
  if (windowEnd !== undefined && windowEnd !== week)
    notes.push(`Emerging patterns are of the window ending ${String(windowEnd)}, the latest built.`);
  const counts = await periodCounts(db, qCounts, period, 12);
  const stations = await into(db, 'ds_stations', qStations, { period_kind: 'week', period: week });

  const hexCells: HexCell[] = labelled.map((r) => ({
    h3_cell: String(r.h3_cell),
    bin: num(r.bin),
    incident_count: num(r.incident_count),
  }));
  const sections: Section[] = [
    {
      en: 'Hotspot map',
      hi: 'हॉटस्पॉट मानचित्र',
      body:
        (missing(inputs, 'hotspot_cells') ? `<p class="empty">${escapeHtml(notBuilt('hotspot_cells'))}</p>` : '') +
        hexMapSvg(hexCells, { title: `Hotspots, week ${week}` }) +
        `<p class="sub">Hexagons of about 0.7 km²; colour: Getis-Ord Gi* result with false-discovery-rate correction, all crime groups. Dashed: district outline drawn around its thanas.</p>`,
    },
    { en: 'Top hot cells', hi: 'प्रमुख हॉट स्पॉट', body: hotCellsSection(hot) },
    {
      en: 'Emerging patterns',
      hi: 'उभरते पैटर्न',
      body: htmlTable(
        [
          { key: 'pattern', label: 'Pattern · पैटर्न', format: (v) => patternLabels[String(v)] ?? String(v) },
          { key: 'h3_cell', label: 'Cell · सेल' },
          {
            key: 'thana',
            label: 'Nearest thana · निकटतम थाना',
            format: (_v, r) => nearestStation(String(r.h3_cell)).nameEn,
          },
          { key: 'incident_count', label: 'Incidents in window · घटनाएँ' },
          { key: 'hot_weeks', label: 'Hot weeks · हॉट सप्ताह' },
        ],
        emerging,
        missing(inputs, 'emerging_hotspots')
          ? notBuilt('emerging_hotspots')
          : 'No emerging patterns. · कोई उभरता पैटर्न नहीं।',
      ),
    },
    {
      en: 'Weekly FIRs per district (12 weeks)',
      hi: 'जनपदवार साप्ताहिक प्राथमिकी (12 सप्ताह)',
      body: smallMultiplesSvg(counts, { title: 'Weekly FIRs per district' }),
    },
    {
      en: 'Thanas by change from last week',
      hi: 'पिछले सप्ताह से परिवर्तन के अनुसार थाने',
      body: htmlTable(
        stationColumns,
        stations,
        missing(inputs, 'station_comparison') ? notBuilt('station_comparison') : 'No thana figures for this week.',
      ),
    },
  ];
  const title = { en: `Weekly hotspot report, ${week}`, hi: `साप्ताहिक हॉटस्पॉट रिपोर्ट, ${week}` };
  const html = page(title, `${periodText(period)}. Varanasi Range · वाराणसी परिक्षेत्र.`, sections);
  return publishReport({
    lake,
    db,
    report: 'weekly-hotspots',
    title: title.en,
    period,
    html,
    datasets: [
      { name: 'hotspot_cells', table: 'ds_cells' },
      { name: 'top_hot_cells', table: 'ds_top' },
      { name: 'emerging_hotspots', table: 'ds_emerging' },
      { name: 'weekly_counts', table: 'ds_counts' },
      { name: 'thanas', table: 'ds_stations' },
    ],
    inputs,
    queries: [qCells, qEmerging, qCounts, qStations],
    notes,
  });
}

const levelText: Readonly<Record<string, string>> = {
  'hyper-sensitive': 'hyper-sensitive · अति संवेदनशील',
  sensitive: 'sensitive · संवेदनशील',
  normal: 'normal · सामान्य',
};

export async function buildSensitivity(deps: ReportDeps, week: string): Promise<PublishedReportResult> {
  const { lake, db } = deps;
  const period = weekPeriod(week);
  const inputs = await attachReportInputs(db, lake, ['sensitivity_assessment', 'hotspot_cells']);
  const notes: string[] = [];
  if (missing(inputs, 'sensitivity_assessment')) notes.push(notBuilt('sensitivity_assessment'));
  const qSens = query('report_sensitivity.sql');
  const qCells = query('report_hotspot_cells.sql');
  const rows = await into(db, 'ds_sensitivity', qSens, { week });
  const cells = await into(db, 'ds_cells', qCells, { week, crime_group: 'all' });
  const byLevel = (level: string) => rows.filter((r) => r.level === level);
  const columns = [
    { key: 'district', label: 'District · जनपद' },
    { key: 'police_station', label: 'Thana · थाना' },
    { key: 'level', label: 'Level · स्तर', format: (v: unknown) => levelText[String(v)] ?? String(v) },
    { key: 'score', label: 'Score · अंक', format: (v: unknown) => num(v).toFixed(1) },
    { key: 'reason', label: 'Why · कारण' },
  ];
  const empty = missing(inputs, 'sensitivity_assessment')
    ? notBuilt('sensitivity_assessment')
    : 'None this week. · इस सप्ताह कोई नहीं।';
  const sections: Section[] = [
    {
      en: 'Hyper-sensitive thanas',
      hi: 'अति संवेदनशील थाने',
      body: htmlTable(columns, byLevel('hyper-sensitive'), empty),
    },
    { en: 'Sensitive thanas', hi: 'संवेदनशील थाने', body: htmlTable(columns, byLevel('sensitive'), empty) },
    {
      en: 'Hotspot map',
      hi: 'हॉटस्पॉट मानचित्र',
      body: hexMapSvg(
        cells.map((r) => ({ h3_cell: String(r.h3_cell), bin: num(r.bin), incident_count: num(r.incident_count) })),
        { title: `Hotspots, week ${week}` },
      ),
    },
    {
      en: 'All thanas',
      hi: 'सभी थाने',
      body: `<p>${byLevel('normal').length} thanas normal · सामान्य; ${byLevel('sensitive').length} sensitive; ${byLevel('hyper-sensitive').length} hyper-sensitive. Full list in sensitivity.csv.</p>`,
    },
  ];
  const title = { en: `Thana sensitivity assessment, ${week}`, hi: `थाना संवेदनशीलता आकलन, ${week}` };
  const html = page(
    title,
    `${periodText(period)}. Sensitivity for the weeks ahead, as known at the end of the week.`,
    sections,
  );
  return publishReport({
    lake,
    db,
    report: 'sensitivity',
    title: title.en,
    period,
    html,
    datasets: [
      { name: 'sensitivity', table: 'ds_sensitivity' },
      { name: 'hotspot_cells', table: 'ds_cells' },
    ],
    inputs,
    queries: [qSens, qCells],
    notes,
  });
}

export async function buildStationComparison(deps: ReportDeps, month: string): Promise<PublishedReportResult> {
  const { lake, db } = deps;
  const period = monthPeriod(month);
  const inputs = await attachReportInputs(db, lake, ['station_comparison', 'firs']);
  const notes: string[] = [];
  if (missing(inputs, 'station_comparison')) notes.push(notBuilt('station_comparison'));
  const qStations = query('report_station_change.sql');
  const qCounts = query('report_period_counts.sql');
  const stations = await into(db, 'ds_stations', qStations, { period_kind: 'month', period: month });
  const counts = await periodCounts(db, qCounts, period, 12);
  const sections: Section[] = [
    {
      en: 'Monthly FIRs per district (12 months)',
      hi: 'जनपदवार मासिक प्राथमिकी (12 माह)',
      body: smallMultiplesSvg(counts, { title: 'Monthly FIRs per district' }),
    },
    {
      en: 'Thanas by change from last month',
      hi: 'पिछले माह से परिवर्तन के अनुसार थाने',
      body: htmlTable(
        [
          ...stationColumns,
          { key: 'tips_received', label: 'Tips · सूचनाएँ' },
          { key: 'tips_actioned', label: 'Tips actioned · कार्रवाई' },
          {
            key: 'charge_sheet_rate',
            label: 'Charge-sheet rate · आरोप-पत्र दर',
            format: (v: unknown) => (v === null ? '' : `${(num(v) * 100).toFixed(0)}%`),
          },
          { key: 'open_past_90_days', label: 'Open > 90 days · 90 दिन से लंबित' },
        ],
        stations,
        missing(inputs, 'station_comparison') ? notBuilt('station_comparison') : 'No thana figures for this month.',
      ),
    },
  ];
  const title = { en: `Thana comparison, ${month}`, hi: `थानावार तुलना, ${month}` };
  const html = page(title, `${periodText(period)}. Varanasi Range · वाराणसी परिक्षेत्र.`, sections);
  return publishReport({
    lake,
    db,
    report: 'station-comparison',
    title: title.en,
    period,
    html,
    datasets: [
      { name: 'thanas', table: 'ds_stations' },
      { name: 'monthly_counts', table: 'ds_counts' },
    ],
    inputs,
    queries: [qStations, qCounts],
    notes,
  });
}

export async function buildReport(
  deps: ReportDeps,
  report: ReportName,
  period: string,
): Promise<PublishedReportResult> {
  if (report === 'weekly-hotspots') return buildWeeklyHotspots(deps, period);
  if (report === 'sensitivity') return buildSensitivity(deps, period);
  return buildStationComparison(deps, period);
}

async function publishedOutputs(deps: ReportDeps, report: ReportName, period: string): Promise<PublishedOutputs> {
  const r = await buildReport(deps, report, period);
  return {
    report,
    prefix: r.prefix,
    rowCount: r.manifest.datasets[0]?.rowCount ?? 0,
    manifestKey: r.manifestKey,
    outputs: r.manifest.outputs.map((o) => ({ ...o, key: r.prefix + o.file })),
  };
}

/**
 * What the report workflows' publish activities return (workflows/activities-reports.ts): keys
 * and counts, never rows. `rowCount` is the first dataset's.
 */
export function publishReportForWorkflow(
  deps: ReportDeps,
  input: { report: ReportName; week: string },
): Promise<PublishedReport>;
export function publishReportForWorkflow(
  deps: ReportDeps,
  input: { report: ReportName; month: string },
): Promise<PublishedMonthlyReport>;
export async function publishReportForWorkflow(
  deps: ReportDeps,
  input: { report: ReportName; week: string } | { report: ReportName; month: string },
): Promise<PublishedReport | PublishedMonthlyReport> {
  if ('week' in input) return { ...(await publishedOutputs(deps, input.report, input.week)), week: input.week };
  return { ...(await publishedOutputs(deps, input.report, input.month)), month: input.month };
}
