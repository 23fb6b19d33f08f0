import { DOUBLE, VARCHAR } from '@duckdb/node-api';
import { latLngToCell } from 'h3-js';
import { loadSql } from '../../lake/duckdb.ts';
import { tips } from '../../ingestors/tips/tips.ts';
import type { Model, ModelContext } from '../models.ts';
import { optionalInputs } from '../reference-tables.ts';
import { incidents } from './incidents.ts';
import { createTableSql, ident } from '../../lake/contract.ts';
import { gridSettings } from './incidents-grid.ts';
import { writeScopeTable } from '../scope.ts';

/**
 * The TS part of `incidents`: H3 cells (h3-js) for the points that need one at the configured
 * resolution, then the model's SQL over firs and tips, restricted to the weeks being rebuilt.
 */
export const incidentsSql = loadSql(import.meta.url, 'incidents.sql');
const fingerprintsSql = loadSql(import.meta.url, 'incidents.fingerprints.sql');

/** Lake cells are resolution 8; other resolutions are computed from every point. */
const lakeResolution = 8;

async function fillIncidentCells(ctx: ModelContext): Promise<void> {
  const { db } = ctx;
  const { resolution } = gridSettings(ctx.config);
  const needed = resolution === lakeResolution ? 'h3_cell is null' : 'true';
  const points = await db.all<{ latitude: number; longitude: number }>(
    `select distinct latitude, longitude from (
       select latitude, longitude, h3_cell from firs
       union all
       select latitude, longitude, h3_cell from tips
     ) where latitude is not null and longitude is not null and ${needed}`,
  );
  await db.run('create or replace temp table incident_cells (latitude double, longitude double, h3_cell varchar)');
  const appender = await db.connection.createAppender('incident_cells', 'main', 'temp');
  try {
    for (const p of points) {
      if (Math.abs(p.latitude) > 90 || Math.abs(p.longitude) > 180) continue;
      appender.appendValue(p.latitude, DOUBLE);
      appender.appendValue(p.longitude, DOUBLE);
      appender.appendValue(latLngToCell(p.latitude, p.longitude, resolution), VARCHAR);
      appender.endRow();
    }
  } finally {
    appender.closeSync();
  }
}

/** Every incident the lake holds now, as temp table `computed_incidents` (no fingerprint yet). */
async function computeIncidents(ctx: ModelContext): Promise<void> {
  await fillIncidentCells(ctx);
  await ctx.db.run(`create or replace temp table computed_incidents as ${incidentsSql}`, {
    resolution: gridSettings(ctx.config).resolution,
  });
}

export async function incidentFingerprints(ctx: ModelContext): Promise<ReadonlyMap<string, string>> {
  await computeIncidents(ctx);
  const rows = await ctx.db.all<{ value: string; fingerprint: string }>(fingerprintsSql);
  return new Map(rows.map((r) => [r.value, r.fingerprint]));
}

export async function buildIncidents(ctx: ModelContext, staging: string): Promise<void> {
  const values = ctx.scope?.values ?? (await incidentFingerprints(ctx));
  // The build computed the fingerprints from `computed_incidents` just before: reuse it.
  const [made] = await ctx.db.all<{ n: number }>(
    `select count(*)::integer as n from duckdb_tables() where temporary and table_name = 'computed_incidents'`,
  );
  if (!made?.n) await computeIncidents(ctx);
  await writeScopeTable(ctx.db, 'incident_scope', values);
  await ctx.db.run(`drop table if exists ${ident(staging)}`);
  await ctx.db.run(createTableSql(staging, incidents));
  await ctx.db.run(
    `insert into ${ident(staging)} by name
     select c.*, s.fingerprint as input_fingerprint
     from computed_incidents as c
     join incident_scope as s on c.week = s.value`,
  );
  await ctx.db.run('drop table if exists computed_incidents; drop table if exists incident_scope');
}

export const incidentsModel: Model = {
  contract: incidents,
  sql: incidentsSql,
  run: buildIncidents,
  inputs: ['firs'],
  optionalInputs: optionalInputs(tips),
  incremental: { column: 'week', fingerprints: incidentFingerprints },
  settings: (config) => gridSettings(config).resolution,
};
