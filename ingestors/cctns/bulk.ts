import { DuckDBScalarFunction, DOUBLE, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { latLngToCell } from 'h3-js';
import { z } from 'zod';
import { ident } from '../../lake/contract.ts';
import type { DuckDb } from '../../lake/duckdb.ts';
import { StagedView } from '../../lake/staging.ts';
import { mostSeriousCrimeHead } from '../../reference/crime-heads.ts';
import { stationIdentity } from '../../reference/range.ts';
import type { IngestContext, Reject, SourceFile } from '../batch.ts';
import { linesOf, loadCsvBulk } from '../bulk-csv.ts';
import { sqlTrim } from '../../schemas/fields-sql.ts';
import { firs } from './firs.ts';
import { firSections } from './fir_sections.ts';
import { bnsFrom, h3Resolution, type CctnsKind, type Lineage, type StagedAny } from './kinds.ts';
import { parseActsSections } from './sections.ts';

/**
 * The bulk path of a CCTNS CSV extract: the same rows as `kinds.ts` emits record by record,
 * computed in DuckDB. What only the JS reference code knows (the station of a district and
 * thana name, the sections and crime head of an "acts & sections" text) is computed once per
 * distinct value and joined; H3 cells come from h3-js through a DuckDB scalar function.
 */
export interface BulkTally {
  rowsIn: number;
  rowsLanded: number;
  rejects: Reject[];
}

const h3Function = 'crimelake_h3_cell';
const withH3 = new WeakSet<DuckDBConnection>();

function registerH3(connection: DuckDBConnection): void {
  if (withH3.has(connection)) return;
  connection.registerScalarFunction(
    DuckDBScalarFunction.create({
      name: h3Function,
      returnType: VARCHAR,
      parameterTypes: [DOUBLE, DOUBLE],
      mainFunction: (_info, input, output) => {
        const lat = input.getColumnVector(0);
        const lng = input.getColumnVector(1);
        for (let i = 0; i < input.rowCount; i++) {
          const a = lat.getItem(i) as number | null;
          const b = lng.getItem(i) as number | null;
          output.setItem(i, a === null || b === null ? null : latLngToCell(a, b, h3Resolution));
        }
        output.flush();
      },
    }),
  );
  withH3.add(connection);
}

/** Appends JS-computed rows to a fresh temp table of text/boolean/integer columns. */
async function tableOf(
  db: DuckDb,
  name: string,
  columns: Record<string, 'VARCHAR' | 'BOOLEAN' | 'INTEGER'>,
  rows: Iterable<unknown[]>,
): Promise<void> {
  await db.run(
    `create or replace temp table ${ident(name)} (${Object.entries(columns)
      .map(([c, t]) => `${ident(c)} ${t}`)
      .join(', ')})`,
  );
  const appender = await db.connection.createAppender(name, 'main', 'temp');
  const types = Object.values(columns);
  for (const row of rows) {
    row.forEach((v, i) => {
      if (v === null || v === undefined) appender.appendNull();
      else if (types[i] === 'BOOLEAN') appender.appendBoolean(v as boolean);
      else if (types[i] === 'INTEGER') appender.appendInteger(v as number);
      else appender.appendVarchar(v as string);
    });
    appender.endRow();
  }
  appender.flushSync();
  appender.closeSync();
}

/** The zero-padded FIR number and the FIR's natural key, as `firIdOf` makes them. */
const paddedSql = (v: string) =>
  `lpad(ltrim(${v}.fir_number, '0'), greatest(4, length(ltrim(${v}.fir_number, '0')))::integer, '0')`;

/** Whether an instant falls under the BNS (SQL of a TIMESTAMPTZ). */
const bnsSql = (at: string) => `(${at} >= to_timestamp(${bnsFrom / 1000}))`;

/** Tables a bulk read builds; the staged views read them, and dropping the views drops them. */
const tables = {
  valid: 'bulk_valid',
  stations: 'bulk_stations',
  lineage: 'bulk_lineage',
  principal: 'bulk_principal',
  sections: 'bulk_sections',
  h3: 'bulk_h3',
};

/**
 * Reads a CSV extract of one kind in bulk, staging its tables as views; undefined when the file
 * must be read record by record (see bulk-csv.ts), having left nothing behind.
 */
export async function readCsvExtractBulk(
  ctx: IngestContext,
  file: SourceFile,
  kind: CctnsKind,
  columns: readonly string[],
  lineage: Omit<Lineage, 'source_line'>,
  tally: BulkTally,
): Promise<StagedAny | undefined> {
  const { db, lake } = ctx;
  if (!(kind.row instanceof z.ZodObject)) return undefined;
  const started = performance.now();
  const step = (name: string) =>
    lake.log.debug('bulk ingest step', {
      file: file.name,
      step: name,
      seconds: ((performance.now() - started) / 1000).toFixed(2),
    });
  let staged: StagedAny | undefined;
  try {
    const load = await loadCsvBulk(
      db,
      file,
      columns,
      kind.row.shape as Record<string, z.ZodType>,
      tables.valid,
      (lines) => identify(db, kind, lines, lineage),
    );
    if (!load.ok) {
      lake.log.info('reading the file record by record', { file: file.name, reason: load.reason });
      return undefined;
    }
    step('read and validated');
    ctx.onProgress?.(Math.round(file.size * 0.6), file.size);
    if (load.failed > 0) {
      const failed = await db.all<{ source_line: number; err_field: string; err_reason: string }>(
        `select source_line, err_field, err_reason from ${tables.valid} where err_field is not null order by source_line`,
      );
      const raw = await linesOf(file.path, new Set(failed.map((f) => f.source_line)));
      for (const f of failed) {
        tally.rejects.push({
          line: f.source_line,
          field: f.err_field,
          reason: f.err_reason,
          raw: raw.get(f.source_line) ?? '',
        });
      }
    }
    tally.rowsIn += load.rows;
    tally.rowsLanded += load.rows - load.failed;

    const owned = Object.values(tables);
    const valid = `select * from ${tables.valid} where err_field is null`;
    const views: StagedAny = new Map();
    if (kind.name === 'firs') {
      // H3 cells in a pass of their own: h3-js runs on the JS thread, and a pipeline calling it
      // would hold the validation's DuckDB threads to its pace.
      registerH3(db.connection);
      await db.run(
        `create or replace temp table ${tables.h3} as
         select source_line, ${h3Function}(latitude, longitude) as h3_cell from ${tables.valid}
         where err_field is null and latitude is not null and longitude is not null`,
      );
      const firsOf = `select v.*, h.h3_cell from ${tables.valid} as v
        left join ${tables.h3} as h on h.source_line = v.source_line
        where v.err_field is null`;
      views.set(firs.name, await StagedView.create(db, firs, firsOf, owned));
      const sectionsOf = `select f.fir_id, f.district, f.month, s.* exclude (acts_sections, bns),
          f.batch_id, f.source_file, f.source_line, f.ingested_at
        from ${tables.valid} as f
        join ${tables.sections} as s on s.acts_sections = f.acts_sections and s.bns = f.bns
        where f.err_field is null`;
      views.set(firSections.name, await StagedView.create(db, firSections, sectionsOf, owned));
    } else {
      for (const table of kind.tables) views.set(table.name, await StagedView.create(db, table, valid, owned));
    }
    staged = views;
    step('staged');
    return staged;
  } finally {
    if (!staged) for (const t of Object.values(tables)) await db.run(`drop table if exists ${t}`);
  }
}

/**
 * The enrichment of the validated rows (see `BulkEnrich`), in the validating pass: the FIR's
 * identity (station from the reference data, fir_id, month) and the lineage; for FIRs also the
 * principal crime head and the act in force (`bns`). The reference data is looked
 * up once per distinct trimmed cell of the raw rows (a rejected row's too, harmlessly: it is
 * never staged).
 */
async function identify(
  db: DuckDb,
  kind: CctnsKind,
  lines: string,
  lineage: Omit<Lineage, 'source_line'>,
): Promise<(validated: string) => string> {
  const stations = await db.all<{ district: string; police_station: string }>(
    `select distinct ${sqlTrim(ident('district'))} as district, ${sqlTrim(ident('police_station'))} as police_station
     from ${ident(lines)}`,
  );
  await tableOf(
    db,
    tables.stations,
    {
      raw_district: 'VARCHAR',
      raw_police_station: 'VARCHAR',
      district: 'VARCHAR',
      police_station: 'VARCHAR',
      police_station_id: 'VARCHAR',
      is_known_police_station: 'BOOLEAN',
    },
    stations.map((r) => {
      const id = stationIdentity(r.district, r.police_station);
      return [
        r.district,
        r.police_station,
        id.district,
        id.police_station,
        id.police_station_id,
        id.is_known_police_station,
      ];
    }),
  );
  await db.run(
    `create or replace temp table ${tables.lineage} as select $1::varchar as batch_id, $2::varchar as source_file, $3::timestamptz as ingested_at`,
    [lineage.batch_id, lineage.source_file, lineage.ingested_at.toISOString()],
  );
  const firsOnly = kind.name === 'firs';
  if (firsOnly) await stageSectionTexts(db, lines);
  // The month is that of the instant in IST, a fixed UTC+05:30, as `istMonth` makes it.
  return (validated) => `select v.* exclude (district, police_station, fir_number),
      s.district, s.police_station, s.police_station_id, s.is_known_police_station,
      s.police_station_id || '/' || v.fir_year || '/' || ${paddedSql('v')} as fir_id,
      ${paddedSql('v')} as fir_number,
      strftime(v.registered_at::timestamp + interval 330 minute, '%Y-%m') as month,
      l.batch_id, l.source_file, l.ingested_at${
        firsOnly ? `, p.crime_head_id, p.crime_group, ${bnsSql('v.registered_at')} as bns` : ''
      }
    from ${validated} as v
    left join ${tables.stations} as s on s.raw_district = v.district and s.raw_police_station = v.police_station
    cross join ${tables.lineage} as l${
      firsOnly
        ? `
    left join ${tables.principal} as p on p.acts_sections = v.acts_sections and p.bns = ${bnsSql('v.registered_at')}`
        : ''
    }`;
}

/**
 * The sections and principal crime head of each distinct acts-and-sections text of the raw
 * rows, under each act (the IPC before `bnsFrom`, the BNS from then on).
 */
async function stageSectionTexts(db: DuckDb, lines: string): Promise<void> {
  const texts = await db.all<{ acts_sections: string }>(
    `select distinct ${sqlTrim(ident('acts_sections'))} as acts_sections from ${ident(lines)}`,
  );
  const sectionRows: unknown[][] = [];
  const principalRows: unknown[][] = [];
  for (const { acts_sections: text } of texts) {
    for (const bns of [false, true]) {
      const sections = parseActsSections(text, bns ? 'BNS' : 'IPC');
      const principal = mostSeriousCrimeHead(sections.map((s) => s.crimeHeadId));
      principalRows.push([text, bns, principal?.crimeHeadId ?? null, principal?.crimeGroup ?? null]);
      sections.forEach((s, i) =>
        sectionRows.push([text, bns, i + 1, s.act, s.actText, s.section, s.subSection, s.crimeHeadId, s.crimeGroup]),
      );
    }
  }
  await tableOf(
    db,
    tables.principal,
    { acts_sections: 'VARCHAR', bns: 'BOOLEAN', crime_head_id: 'VARCHAR', crime_group: 'VARCHAR' },
    principalRows,
  );
  await tableOf(
    db,
    tables.sections,
    {
      acts_sections: 'VARCHAR',
      bns: 'BOOLEAN',
      section_number: 'INTEGER',
      act: 'VARCHAR',
      act_text: 'VARCHAR',
      section: 'VARCHAR',
      sub_section: 'VARCHAR',
      crime_head_id: 'VARCHAR',
      crime_group: 'VARCHAR',
    },
    sectionRows,
  );
}
