import fs from 'node:fs';
import readline from 'node:readline';
import type { TableDef } from '../../lake/contract.ts';
import { StagingTable } from '../../lake/staging.ts';
import {
  commitBatch,
  firstIssue,
  IngestError,
  landRaw,
  type IngestContext,
  type IngestSummary,
  type Reject,
  type SourceFile,
  openBatch,
} from '../batch.ts';
import { readCsv } from '../csv.ts';
import { jsonErrorAt, parseJsonFile } from '../json.ts';
import { applyProfile, canonicalHeader } from '../profile.ts';
import { readCsvExtractBulk } from './bulk.ts';
import { cctnsKinds, cctnsTables, type CctnsKind, type Lineage, type Staged, type StagedAny } from './kinds.ts';

export const source = 'cctns';

/** Counts and rejects of one file as its records are read. */
interface Tally {
  rowsIn: number;
  rowsLanded: number;
  rejects: Reject[];
}

function detectKind(header: string[], fileName: string): CctnsKind {
  const k = cctnsKinds.find((c) => header.includes(c.marker));
  if (!k) {
    throw new IngestError(
      fileName,
      1,
      undefined,
      `not a CCTNS extract: the header has none of ${cctnsKinds.map((c) => c.marker).join(', ')} (found: ${header.join(', ')}); a mapping profile (--profile) can rename columns`,
    );
  }
  return k;
}

/** Validates one record of a kind and emits its rows; a failure becomes a reject. */
function take(
  ctx: IngestContext,
  kind: CctnsKind,
  record: Record<string, string>,
  staged: Staged,
  lineage: Lineage,
  where: { line: number; fieldPrefix: string; raw: string },
  tally: Tally,
): boolean {
  tally.rowsIn++;
  // A JSON record may leave out optional fields; absent is blank (required ones then fail by name).
  const complete: Record<string, string> = {};
  for (const h of kind.headers) complete[h] = record[h] ?? '';
  const parsed = kind.row.safeParse(applyProfile({ ...record, ...complete }, ctx.profile, kind.dateColumns));
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    tally.rejects.push({
      line: where.line,
      field: where.fieldPrefix + issue.field,
      reason: issue.reason,
      raw: where.raw,
    });
    return false;
  }
  kind.emit(parsed.data, staged, lineage);
  tally.rowsLanded++;
  return true;
}

async function stage(ctx: IngestContext, tables: readonly TableDef[]): Promise<Staged> {
  const staged: Staged = new Map();
  for (const t of tables) staged.set(t.name, await StagingTable.create(ctx.db, t));
  return staged;
}

/** A profile that only renames columns leaves the cells as they are: the bulk path reads them. */
function bulkAllowed(profile: IngestContext['profile']): boolean {
  return !profile || (profile.dateFormats.length === 0 && Object.keys(profile.valueMaps).length === 0);
}

/** The bulk path for a clean extract (bulk.ts); undefined when it must be read record by record. */
async function readCsvExtractFast(
  ctx: IngestContext,
  file: SourceFile,
  lineage: Omit<Lineage, 'source_line'>,
  tally: Tally,
): Promise<StagedAny | undefined> {
  if (ctx.bulk === false || !bulkAllowed(ctx.profile)) return undefined;
  let header: string[] | undefined;
  for await (const rec of readCsv(file.path, file.name)) {
    header = rec.fields.map((h) => canonicalHeader(h, ctx.profile));
    break;
  }
  if (!header) return undefined;
  const kind = detectKind(header, file.name);
  if (kind.headers.some((h) => !header.includes(h))) return undefined; // the row reader names the missing column
  return readCsvExtractBulk(ctx, file, kind, header, lineage, tally);
}

async function readCsvExtract(
  ctx: IngestContext,
  file: SourceFile,
  lineage: Omit<Lineage, 'source_line'>,
  tally: Tally,
): Promise<StagedAny> {
  const fast = await readCsvExtractFast(ctx, file, lineage, tally);
  if (fast) return fast;
  let header: string[] | undefined;
  let kind: CctnsKind | undefined;
  let staged: Staged = new Map();
  for await (const rec of readCsv(file.path, file.name, (b) => ctx.onProgress?.(b, file.size))) {
    if (!header || !kind) {
      header = rec.fields.map((h) => canonicalHeader(h, ctx.profile));
      kind = detectKind(header, file.name);
      const missing = kind.headers.filter((h) => !header!.includes(h));
      if (missing.length > 0) {
        throw new IngestError(
          file.name,
          1,
          missing[0],
          `column missing from the header (missing: ${missing.join(', ')})`,
        );
      }
      staged = await stage(ctx, kind.tables);
      continue;
    }
    if (rec.fields.length !== header.length) {
      tally.rowsIn++;
      tally.rejects.push({
        line: rec.line,
        field: '(record)',
        reason: `expected ${header.length} columns, found ${rec.fields.length}`,
        raw: rec.raw,
      });
      continue;
    }
    const record: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) record[header[i]!] = rec.fields[i]!;
    take(
      ctx,
      kind,
      record,
      staged,
      { ...lineage, source_line: rec.line },
      { line: rec.line, fieldPrefix: '', raw: rec.raw },
      tally,
    );
  }
  if (!header) throw new IngestError(file.name, undefined, undefined, 'the file is empty (no header line)');
  return staged;
}

/** JSON values as the text cells the row schemas read. */
function cells(o: Record<string, unknown>, ctx: IngestContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) {
    if (Array.isArray(v) || (v !== null && typeof v === 'object')) continue;
    out[canonicalHeader(k, ctx.profile)] =
      v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? 'Y' : 'N') : String(v);
  }
  return out;
}

/** One FIR of the JSON export with its nested accused, victims, arrests, seizures and reports. */
function takeJsonFir(
  ctx: IngestContext,
  fir: unknown,
  recordNo: number,
  label: string,
  staged: Staged,
  lineage: Omit<Lineage, 'source_line'>,
  tally: Tally,
): void {
  const raw = JSON.stringify(fir);
  if (fir === null || typeof fir !== 'object' || Array.isArray(fir)) {
    tally.rowsIn++;
    tally.rejects.push({ line: recordNo, field: `${label}`, reason: 'an FIR record must be a JSON object', raw });
    return;
  }
  const obj = fir as Record<string, unknown>;
  const firCells = cells(obj, ctx);
  const line = { ...lineage, source_line: recordNo };
  const ok = take(
    ctx,
    cctnsKinds[0]!,
    firCells,
    staged,
    line,
    { line: recordNo, fieldPrefix: `${label}.`, raw },
    tally,
  );
  const ref = {
    district: firCells.district ?? '',
    police_station: firCells.police_station ?? '',
    fir_number: firCells.fir_number ?? '',
    fir_year: firCells.fir_year ?? '',
    registered_at: firCells.registered_at ?? '',
  };
  for (const kind of cctnsKinds.slice(1)) {
    const items = obj[kind.jsonArray ?? kind.name];
    if (items === undefined || items === null) continue;
    if (!Array.isArray(items)) {
      tally.rowsIn++;
      tally.rejects.push({ line: recordNo, field: `${label}.${kind.jsonArray}`, reason: 'must be an array', raw });
      continue;
    }
    items.forEach((item, i) => {
      const where = { line: recordNo, fieldPrefix: `${label}.${kind.jsonArray}[${i}].`, raw: JSON.stringify(item) };
      if (!ok) {
        // The FIR itself was rejected: its children go to quarantine with it, never orphaned.
        tally.rowsIn++;
        tally.rejects.push({ ...where, field: `${label}.${kind.jsonArray}[${i}]`, reason: 'its FIR was rejected' });
        return;
      }
      const cellsOf =
        item !== null && typeof item === 'object' && !Array.isArray(item)
          ? cells(item as Record<string, unknown>, ctx)
          : {};
      take(ctx, kind, { ...cellsOf, ...ref }, staged, line, where, tally);
    });
  }
}

async function readJsonExport(
  ctx: IngestContext,
  file: SourceFile,
  lineage: Omit<Lineage, 'source_line'>,
  tally: Tally,
) {
  const staged = await stage(ctx, cctnsTables);
  if (/\.(jsonl|ndjson)$/i.test(file.name)) {
    const rl = readline.createInterface({ input: fs.createReadStream(file.path, 'utf8'), crlfDelay: Infinity });
    let lineNo = 0;
    for await (const text of rl) {
      lineNo++;
      if (text.trim() === '') continue;
      let fir: unknown;
      try {
        fir = JSON.parse(text);
      } catch (error) {
        tally.rowsIn++;
        tally.rejects.push({
          line: lineNo,
          field: '(record)',
          reason: jsonErrorAt(text, error as Error).message,
          raw: text,
        });
        continue;
      }
      takeJsonFir(ctx, fir, lineNo, 'fir', staged, lineage, tally);
    }
    return staged;
  }
  const doc = parseJsonFile(fs.readFileSync(file.path, 'utf8'), file.name);
  const list = Array.isArray(doc) ? doc : (doc as { firs?: unknown } | null)?.firs;
  if (!Array.isArray(list)) {
    throw new IngestError(
      file.name,
      1,
      'firs',
      'a CCTNS JSON export is an array of FIRs or an object with a "firs" array',
    );
  }
  list.forEach((fir, i) => takeJsonFir(ctx, fir, i + 1, `firs[${i}]`, staged, lineage, tally));
  return staged;
}

/**
 * Ingests one CCTNS export: a CSV extract (FIRs, accused, victims, arrests, seizures or final
 * reports, told apart by the header) or the JSON export of the CCTNS API (FIRs with nested records).
 */
export async function ingestCctnsFile(ctx: IngestContext, filePath: string): Promise<IngestSummary> {
  const { lake } = ctx;
  const opened = await openBatch(ctx, source, filePath);
  if (opened.previous) return opened.previous;
  const { file, now, lineage } = opened;
  const tally: Tally = { rowsIn: 0, rowsLanded: 0, rejects: [] };
  const isJson = /\.(json|jsonl|ndjson)$/i.test(file.name);
  // Read and validate first: a file that cannot be read at all leaves no trace in the lake.
  const staged = isJson
    ? await readJsonExport(ctx, file, lineage, tally)
    : await readCsvExtract(ctx, file, lineage, tally);
  const rawKey = await landRaw(lake, source, file, now);
  await ctx.afterRawLanding?.();
  return commitBatch(ctx, {
    source,
    file,
    rawKey,
    rowsIn: tally.rowsIn,
    rowsLanded: tally.rowsLanded,
    tables: [...staged.values()],
    rejects: tally.rejects,
    ingestedAt: now,
  });
}
