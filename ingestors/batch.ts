import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { ident } from '../lake/contract.ts';
import type { DuckDb } from '../lake/duckdb.ts';
import type { Lake } from '../lake/lake.ts';
import { quarantine } from '../lake/quarantine.ts';
import { StagingTable, type StagedRows } from '../lake/staging.ts';
import { writeTable, type WriteTableResult } from '../lake/table-writer.ts';
import { istDate } from '../schemas/time.ts';
import type { Profile } from './profile.ts';

/**
 * The steps every ingestor shares: name the batch by the file's content, land the raw copy,
 * collect rejects, write every table and the quarantine, then record the batch in the ledger.
 * Each step is idempotent, so a retried or repeated ingest adds nothing twice.
 */
export interface SourceFile {
  path: string;
  name: string;
  size: number;
  sha256: string;
  /** Derived from the content: the same bytes are the same batch whatever the file is called. */
  batchId: string;
  /** Lines of text (newlines, plus a last line without one), counted while hashing. */
  lines: number;
}

export interface Reject {
  line: number;
  field: string;
  reason: string;
  raw: string;
}

export interface TableSummary {
  table: string;
  rows: number;
  replaced: number;
  rowCount: number;
  version: number;
  skipped: boolean;
}

export interface IngestSummary {
  source: string;
  file: string;
  batchId: string;
  sha256: string;
  rawKey: string;
  /** True when the ledger shows this content was ingested before. */
  alreadyIngested: boolean;
  rowsIn: number;
  rowsLanded: number;
  rowsQuarantined: number;
  tables: TableSummary[];
  /** The first rejects, for the error report (all of them are in the quarantine table). */
  rejects: Reject[];
  ingestedAt: string;
}

export interface IngestContext {
  lake: Lake;
  db: DuckDb;
  now?: () => Date;
  /** Called as the file is read: bytes read so far and the file's size. */
  onProgress?: (bytes: number, total: number) => void;
  /** Mapping profile of the export variant (header aliases, date formats, value maps). */
  profile?: Profile;
  /** Test hook passed to the table writer: fail after upload, before commit. */
  failAfterUpload?: boolean;
  /** Called right after the raw copy is landed, before any table is written (the worker's fault injection for tests). */
  afterRawLanding?: () => Promise<void>;
  /** False reads CSV extracts record by record, never in bulk (the reference the bulk path is tested against). */
  bulk?: boolean;
  /** Secret key of the informant pseudonyms (CRIMELAKE_INFORMANT_KEY); tips cannot be ingested without it. */
  informantKey?: string;
}

export class IngestError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly field: string | undefined,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}${field ? `: ${field}` : ''}: ${message}`, options);
    this.name = 'IngestError';
  }
}

/** The batch id of a file's content hash: the same bytes are the same batch. */
export function batchIdOf(sha256: string): string {
  return sha256.slice(0, 16);
}

export async function describeFile(filePath: string): Promise<SourceFile> {
  const hash = crypto.createHash('sha256');
  let newlines = 0;
  let last = -1;
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer;
    hash.update(buf);
    for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) newlines++;
    if (buf.length > 0) last = buf[buf.length - 1]!;
  }
  const sha256 = hash.digest('hex');
  return {
    path: filePath,
    name: path.basename(filePath),
    size: fs.statSync(filePath).size,
    sha256,
    batchId: batchIdOf(sha256),
    lines: newlines + (last !== -1 && last !== 10 ? 1 : 0),
  };
}

function ledgerKey(source: string, batchId: string): string {
  return `_catalog/ingests/${source}/${batchId}.json`;
}

/** What every row of a batch carries (DESIGN.md invariant 5). */
export interface BatchLineage {
  batch_id: string;
  source_file: string;
  ingested_at: Date;
}

/**
 * The start every file ingest shares: name the batch by the file's content and, if the ledger
 * shows it was ingested before, return that summary instead (so a repeated ingest adds nothing).
 */
export async function openBatch(
  ctx: IngestContext,
  source: string,
  filePath: string,
): Promise<{ previous: IngestSummary } | { previous?: undefined; file: SourceFile; now: Date; lineage: BatchLineage }> {
  const now = ctx.now?.() ?? new Date();
  const file = await describeFile(filePath);
  const previous = await findIngest(ctx.lake, source, file.batchId);
  if (previous) {
    ctx.lake.log.info('already ingested, nothing to do', { file: file.name, batch: file.batchId });
    return { previous: { ...previous, file: file.name, alreadyIngested: true } };
  }
  return { file, now, lineage: { batch_id: file.batchId, source_file: file.name, ingested_at: now } };
}

export async function findIngest(lake: Lake, source: string, batchId: string): Promise<IngestSummary | undefined> {
  const key = ledgerKey(source, batchId);
  if (!(await lake.storage.head(key))) return undefined;
  return JSON.parse((await lake.storage.get(key)).toString('utf8')) as IngestSummary;
}

/**
 * Lands the immutable raw copy (and its sha256) under raw/<source>/ingest_date=…/<batch>/.
 * A marker remembers the key, so a retry on another day reuses the first landing.
 */
export async function landRaw(lake: Lake, source: string, file: SourceFile, now: Date): Promise<string> {
  const marker = `_catalog/raw/${source}/${file.batchId}.json`;
  if (await lake.storage.head(marker)) {
    return (JSON.parse((await lake.storage.get(marker)).toString('utf8')) as { key: string }).key;
  }
  const key = `raw/${source}/ingest_date=${istDate(now)}/${file.batchId}/${file.name}`;
  await lake.storage.putFile(key, file.path);
  await lake.storage.put(`${key}.sha256`, `${file.sha256}  ${file.name}\n`);
  await lake.storage.put(marker, JSON.stringify({ key, sha256: file.sha256, size: file.size }));
  return key;
}

/** The first zod issue of a failed parse as a field name and a message. */
export function firstIssue(error: z.ZodError): { field: string; reason: string } {
  const issue = error.issues[0];
  return {
    field: issue && issue.path.length > 0 ? issue.path.join('.') : '(record)',
    reason: issue?.message ?? error.message,
  };
}

/** Writes the staged tables and the rejects, then the ledger entry; returns the summary. */
export async function commitBatch(
  ctx: IngestContext,
  input: {
    source: string;
    file: SourceFile;
    rawKey: string;
    rowsIn: number;
    rowsLanded: number;
    tables: StagedRows[];
    rejects: Reject[];
    ingestedAt: Date;
  },
): Promise<IngestSummary> {
  const { lake, db } = ctx;
  const results: WriteTableResult[] = [];
  for (const staged of input.tables) {
    staged.close();
    if (staged.rowCount === 0) continue; // e.g. a JSON export without seizures
    results.push(
      await writeTable({
        lake,
        db,
        contract: staged.contract,
        incoming: staged.name,
        batchId: input.file.batchId,
        failAfterUpload: ctx.failAfterUpload,
      }),
    );
  }
  // One DuckDB session may ingest many files: free each file's staged rows once committed.
  for (const staged of input.tables) await staged.drop(db);
  if (input.rejects.length > 0) {
    const q = await StagingTable.create(db, quarantine);
    for (const r of input.rejects) {
      q.append({
        source: input.source,
        batch_id: input.file.batchId,
        source_file: input.file.name,
        source_line: r.line,
        field: r.field,
        reason: r.reason,
        raw: r.raw,
        ingested_at: input.ingestedAt,
      });
    }
    q.close();
    await writeTable({ lake, db, contract: quarantine, incoming: q.name, batchId: input.file.batchId });
    await db.run(`drop table if exists ${ident(q.name)}`);
  }
  const summary: IngestSummary = {
    source: input.source,
    file: input.file.name,
    batchId: input.file.batchId,
    sha256: input.file.sha256,
    rawKey: input.rawKey,
    alreadyIngested: false,
    rowsIn: input.rowsIn,
    rowsLanded: input.rowsLanded,
    rowsQuarantined: input.rejects.length,
    tables: results.map((r) => ({
      table: r.table,
      rows: r.rowsIncoming,
      replaced: r.rowsReplaced,
      rowCount: r.rowCount,
      version: r.version,
      skipped: r.skipped,
    })),
    rejects: input.rejects.slice(0, 20),
    ingestedAt: input.ingestedAt.toISOString(),
  };
  await lake.storage.put(ledgerKey(input.source, input.file.batchId), JSON.stringify(summary, null, 1));
  lake.log.info('ingested', {
    source: input.source,
    file: input.file.name,
    batch: input.file.batchId,
    rowsIn: input.rowsIn,
    landed: input.rowsLanded,
    quarantined: input.rejects.length,
  });
  return summary;
}
