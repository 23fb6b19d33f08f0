import { dateValue } from '@duckdb/node-api';
import { createTableSql, ident } from '../../lake/contract.ts';
import { loadSql } from '../../lake/duckdb.ts';
import { StagingTable } from '../../lake/staging.ts';
import { gridSettings, type GridSettings } from '../intermediate/incidents-grid.ts';
import type { Model, ModelContext } from '../models.ts';
import { classifyEmerging } from '../stats/emerging-patterns.ts';
import { mannKendall } from '../stats/mann-kendall.ts';
import { emergingHotspots } from './emerging_hotspots.ts';
import { CellGrid, slice } from './hotspot-grid.ts';
import { hotspotCells } from './hotspot_cells.ts';

/**
 * The TS steps of hotspot_cells and emerging_hotspots: incident counts from SQL
 * (hotspot_counts.sql), H3 neighbourhoods from h3-js, and the Gi*, FDR and Mann-Kendall
 * arithmetic of transforms/stats. The rules are in emerging_hotspots.md.
 */
export const hotspotCountsSql = loadSql(import.meta.url, 'hotspot_counts.sql');
export const hotspotCellsSql = loadSql(import.meta.url, 'hotspot_cells.sql');
const fingerprintsSql = loadSql(import.meta.url, 'hotspot_cells.fingerprints.sql');

/** FIR crime groups analysed besides 'all'; tips are analysed per category (tip_<code>). */
export const firHotspotGroups = ['property', 'violent', 'crimes_against_women', 'ndps', 'excise', 'arms'] as const;

/** Significance of a Mann-Kendall trend in the emerging analysis (a week's Gi* counts at |bin| ≥ 2: 95%, FDR). */
export const emergingAlpha = 0.05;

const dayMs = 86_400_000;
const isoDate = (day: number) => new Date(day * dayMs).toISOString().slice(0, 10);

function settingsText(s: GridSettings): string {
  return `res=${s.resolution};k=${s.k};weeks=${s.weeks};min=${s.minCount};groups=${firHotspotGroups.join(',')}`;
}

export function hotspotSettings(config: ModelContext['config']): string {
  return settingsText(gridSettings(config));
}

export async function hotspotFingerprints(ctx: ModelContext): Promise<ReadonlyMap<string, string>> {
  const s = gridSettings(ctx.config);
  const rows = await ctx.db.all<{ value: string; fingerprint: string }>(fingerprintsSql, {
    settings: settingsText(s),
    weeks: s.weeks,
  });
  return new Map(rows.map((r) => [r.value, r.fingerprint]));
}

/** crime group → week (days since 1970-01-01 of its Monday) → cell id → incidents. */
type Counts = Map<string, Map<number, Map<number, number>>>;

async function loadCounts(ctx: ModelContext, grid: CellGrid, fromDay: number, toDay: number): Promise<Counts> {
  const rows = await ctx.db.all<{ week_day: number; crime_group: string; h3_cell: string; incident_count: number }>(
    hotspotCountsSql,
    { from_week: isoDate(fromDay), to_week: isoDate(toDay), fir_groups: firHotspotGroups.join(',') },
  );
  const counts: Counts = new Map();
  for (const r of rows) {
    let byWeek = counts.get(r.crime_group);
    if (!byWeek) counts.set(r.crime_group, (byWeek = new Map()));
    let byCell = byWeek.get(r.week_day);
    if (!byCell) byWeek.set(r.week_day, (byCell = new Map()));
    byCell.set(grid.id(r.h3_cell), r.incident_count);
  }
  return counts;
}

/** Cells with an incident in the weeks from `fromDay` to `toDay` (with repeats). */
function* cellsIn(byWeek: Map<number, Map<number, number>>, fromDay: number, toDay: number): Generator<number> {
  for (let d = fromDay; d <= toDay; d += 7) yield* byWeek.get(d)?.keys() ?? [];
}

const sortedGroups = (counts: Counts) => [...counts.keys()].sort();

export async function buildHotspotCells(ctx: ModelContext, staging: string): Promise<void> {
  const { db } = ctx;
  const settings = gridSettings(ctx.config);
  const values = ctx.scope?.values ?? (await hotspotFingerprints(ctx));
  const weeks = (
    await db.all<{ week: string; week_day: number }>(
      `select distinct week, (week_start - date '1970-01-01')::integer as week_day from incidents`,
    )
  )
    .filter((w) => values.has(w.week))
    .sort((a, b) => a.week_day - b.week_day);
  await db.run(
    `create or replace temp table hotspot_gi (
       slice_id integer, cell_id integer, incident_count integer, neighbourhood_count integer,
       neighbourhood_cells integer, gi_z double, p_value double, q_value double, bin integer);
     create or replace temp table hotspot_slices (
       slice_id integer, week varchar, week_start date, crime_group varchar, study_area_cells integer,
       study_area_incidents integer, input_fingerprint varchar);
     create or replace temp table hotspot_grid (cell_id integer, h3_cell varchar)`,
  );
  const grid = new CellGrid(settings.k);
  if (weeks.length > 0) {
    const span = 7 * (settings.weeks - 1);
    const [first] = await db.all<{ week_day: number }>(
      `select (min(week_start) - date '1970-01-01')::integer as week_day from incidents`,
    );
    // The window of a week: the N weeks ending with it, or the first N weeks of data.
    const windowStart = (day: number) => Math.max(day - span, first!.week_day);
    const counts = await loadCounts(
      ctx,
      grid,
      windowStart(weeks[0]!.week_day),
      Math.max(...weeks.map((w) => windowStart(w.week_day) + span)),
    );
    const gi = await db.connection.createAppender('hotspot_gi', 'main', 'temp');
    const slices = await db.connection.createAppender('hotspot_slices', 'main', 'temp');
    try {
      let sliceId = 0;
      for (const group of sortedGroups(counts)) {
        const byWeek = counts.get(group)!;
        for (const { week, week_day: day } of weeks) {
          const area = grid.studyArea(cellsIn(byWeek, windowStart(day), windowStart(day) + span));
          if (area.cells.length === 0) continue;
          const s = slice(grid, area, byWeek.get(day), settings.minCount);
          sliceId++;
          slices.appendInteger(sliceId);
          slices.appendVarchar(week);
          slices.appendDate(dateValue(day));
          slices.appendVarchar(group);
          slices.appendInteger(area.cells.length);
          slices.appendInteger(s.areaIncidents);
          slices.appendVarchar(values.get(week)!);
          slices.endRow();
          for (let i = 0; i < area.cells.length; i++) {
            if (s.localSum[i]! === 0 && s.bin[i]! === 0) continue;
            gi.appendInteger(sliceId);
            gi.appendInteger(area.cells[i]!);
            gi.appendInteger(s.count[i]!);
            gi.appendInteger(s.localSum[i]!);
            gi.appendInteger(s.weight[i]!);
            gi.appendDouble(s.z[i]!);
            gi.appendDouble(s.p[i]!);
            gi.appendDouble(s.q[i]!);
            gi.appendInteger(s.bin[i]!);
            gi.endRow();
          }
        }
      }
    } finally {
      gi.closeSync();
      slices.closeSync();
    }
  }
  const names = await db.connection.createAppender('hotspot_grid', 'main', 'temp');
  try {
    grid.cells.forEach((cell, id) => {
      names.appendInteger(id);
      names.appendVarchar(cell);
      names.endRow();
    });
  } finally {
    names.closeSync();
  }
  await db.run(`drop table if exists ${ident(staging)}`);
  await db.run(createTableSql(staging, hotspotCells));
  await db.run(`insert into ${ident(staging)} by name ${hotspotCellsSql}`, { resolution: settings.resolution });
  await db.run('drop table hotspot_gi; drop table hotspot_slices; drop table hotspot_grid');
}

export async function buildEmergingHotspots(ctx: ModelContext, staging: string): Promise<void> {
  const settings = gridSettings(ctx.config);
  const table = await StagingTable.create(ctx.db, emergingHotspots, staging);
  try {
    const [last] = await ctx.db.all<{ week_day: number | null }>(
      `select (max(week_start) - date '1970-01-01')::integer as week_day from incidents`,
    );
    if (last?.week_day === null || last?.week_day === undefined) return;
    const endDay = last.week_day;
    const startDay = endDay - 7 * (settings.weeks - 1);
    const days = Array.from({ length: settings.weeks }, (_, i) => startDay + 7 * i);
    const [labels] = await ctx.db.all<{ first: string; last: string }>(
      `select strftime($first::date, '%G-W%V') as first, strftime($last::date, '%G-W%V') as last`,
      { first: isoDate(startDay), last: isoDate(endDay) },
    );
    const grid = new CellGrid(settings.k);
    const counts = await loadCounts(ctx, grid, startDay, endDay);
    for (const group of sortedGroups(counts)) {
      const byWeek = counts.get(group)!;
      const area = grid.studyArea(cellsIn(byWeek, startDay, endDay));
      if (area.cells.length === 0) continue;
      const slices = days.map((d) => slice(grid, area, byWeek.get(d), settings.minCount));
      for (let i = 0; i < area.cells.length; i++) {
        const weekly = slices.map((s) => s.count[i]!);
        const z = slices.map((s) => s.z[i]!);
        const significant = slices.map((s) => Math.abs(s.bin[i]!) >= 2);
        const countTrend = mannKendall(weekly);
        const giTrend = mannKendall(z);
        table.append({
          crime_group: group,
          h3_cell: grid.cells[area.cells[i]!]!,
          h3_resolution: settings.resolution,
          window_start_week: labels!.first,
          window_end_week: labels!.last,
          window_end_week_start: isoDate(endDay),
          weeks: settings.weeks,
          incident_count: weekly.reduce((a, b) => a + b, 0),
          weekly_counts: weekly.join(','),
          weekly_bins: slices.map((s) => s.bin[i]!).join(','),
          hot_weeks: z.filter((v, t) => significant[t] && v > 0).length,
          cold_weeks: z.filter((v, t) => significant[t] && v < 0).length,
          last_gi_z: z.at(-1)!,
          count_trend_s: countTrend.s,
          count_trend_variance: countTrend.variance,
          count_trend_z: countTrend.z,
          count_trend_p: countTrend.p,
          gi_trend_s: giTrend.s,
          gi_trend_variance: giTrend.variance,
          gi_trend_z: giTrend.z,
          gi_trend_p: giTrend.p,
          pattern: classifyEmerging({ z, significant, trend: giTrend, alpha: emergingAlpha }),
        });
      }
    }
  } finally {
    table.close();
  }
}

export const hotspotCellsModel: Model = {
  contract: hotspotCells,
  sql: hotspotCountsSql + hotspotCellsSql,
  run: buildHotspotCells,
  inputs: ['incidents'],
  incremental: { column: 'week', fingerprints: hotspotFingerprints },
  settings: hotspotSettings,
};

/**
 * Not incremental, on purpose: the table is the analysis of one window, the last N weeks of data,
 * so every new week moves the window and changes every cell's series, trend and pattern; it is
 * rebuilt whole (from hotspot counts, not from the raw incidents' weeks one by one).
 */
export const emergingHotspotsModel: Model = {
  contract: emergingHotspots,
  sql: hotspotCountsSql,
  run: buildEmergingHotspots,
  inputs: ['incidents'],
  settings: hotspotSettings,
};
