import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { latLngToCell } from 'h3-js';
import { createPseudonymiser, maskPhoneNumbers, PseudonymKeyError, type Pseudonymiser } from '../../lake/pseudonym.ts';
import { StagingTable } from '../../lake/staging.ts';
import { districts, findDistrict, findPoliceStation, kebabCase, type PoliceStation } from '../../reference/range.ts';
import { caseRow, mediaKinds, type CaseRow } from '../../schemas/tips/case-row.ts';
import { parseTipCategory, parseTipLanguage } from '../../schemas/tips/categories.ts';
import { caseHeaders, informantIdColumns } from '../../schemas/tips/layout.ts';
import { webhookBody, type WebhookMessage } from '../../schemas/tips/webhook.ts';
import { istMonth } from '../../schemas/time.ts';
import {
  commitBatch,
  describeFile,
  findIngest,
  IngestError,
  landRaw,
  type IngestContext,
  type IngestSummary,
  type Reject,
  type SourceFile,
} from '../batch.ts';
import { readCsv } from '../csv.ts';
import { applyProfile, canonicalHeader } from '../profile.ts';
import { redactTipsFile, type RedactedFile, type TipsFileKind } from './redact.ts';
import { tipEvents, type TipEventKind } from './tip_events.ts';
import { tipMedia } from './tip_media.ts';
import { tipMessages } from './tip_messages.ts';
import { tips } from './tips.ts';

export const source = 'tips';
/** H3 resolution of the tip tables' `h3_cell` (~0.7 km² hexagons, as `firs`). */
export const h3Resolution = 8;
export const webhookExtensions = ['.jsonl', '.ndjson'];
export const caseExtensions = ['.csv'];

export const missingKeyMessage =
  'CRIMELAKE_INFORMANT_KEY is not set: tips cannot be ingested without the informant pseudonym key; ' +
  'set a secret of at least 16 characters (kept outside the lake)';

/** The tips ingest refuses to run without the key: nothing is read or written. */
export class MissingInformantKeyError extends IngestError {
  constructor(file: string, message = missingKeyMessage) {
    super(file, undefined, undefined, message);
    this.name = 'MissingInformantKeyError';
  }
}

/** Webhook lines (.jsonl) or the case export (.csv), by extension, else by the first character. */
export function detectTipsFileKind(filePath: string): TipsFileKind {
  const ext = path.extname(filePath).toLowerCase();
  if (webhookExtensions.includes(ext) || ext === '.json') return 'webhooks';
  if (caseExtensions.includes(ext)) return 'cases';
  const fd = fs.openSync(filePath, 'r');
  try {
    const head = Buffer.alloc(4096);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    return /^\s*\{/.test(
      head
        .subarray(0, n)
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    )
      ? 'webhooks'
      : 'cases';
  } finally {
    fs.closeSync(fd);
  }
}

function pseudonymiserOf(ctx: IngestContext, file: string): Pseudonymiser {
  if (!ctx.informantKey) throw new MissingInformantKeyError(file);
  try {
    return createPseudonymiser(ctx.informantKey);
  } catch (error) {
    if (error instanceof PseudonymKeyError) {
      throw new MissingInformantKeyError(file, `CRIMELAKE_INFORMANT_KEY is too short: ${error.message}`);
    }
    throw error;
  }
}

/**
 * Ingests one tips file: the bot's webhook bodies (.jsonl) or its case export (.csv). The file is
 * first redacted into a private temp copy (redact.ts); the batch id, the raw landing, every table
 * and the quarantine come from that copy only, so no informant identifier reaches the lake.
 */
export async function ingestTipsFile(ctx: IngestContext, filePath: string): Promise<IngestSummary> {
  const p = pseudonymiserOf(ctx, maskPhoneNumbers(path.basename(filePath), null));
  const { lake } = ctx;
  const now = ctx.now?.() ?? new Date();
  const kind = detectTipsFileKind(filePath);
  const size = fs.statSync(filePath).size;
  const redacted = await redactTipsFile({
    filePath,
    kind,
    p,
    profile: ctx.profile,
    onBytes: (b) => ctx.onProgress?.(b, size),
  });
  try {
    const described = await describeFile(redacted.path);
    const file: SourceFile = { ...described, name: redacted.name };
    const previous = await findIngest(lake, source, file.batchId);
    if (previous) {
      lake.log.info('already ingested, nothing to do', { file: file.name, batch: file.batchId });
      return { ...previous, file: file.name, alreadyIngested: true };
    }
    const rawKey = await landRaw(lake, source, file, now);
    const batch = { file, rawKey, now };
    return kind === 'webhooks' ? await ingestWebhooks(ctx, redacted, batch) : await ingestCases(ctx, redacted, batch);
  } finally {
    redacted.dispose();
  }
}

interface Batch {
  file: SourceFile;
  rawKey: string;
  now: Date;
}

/** `entry.0.changes.0.value.messages.0.timestamp` → `entry[0].changes[0].value.messages[0].timestamp`. */
export function jsonPath(parts: readonly PropertyKey[]): string {
  if (parts.length === 0) return '(record)';
  return parts.map((x, i) => (typeof x === 'number' ? `[${x}]` : `${i > 0 ? '.' : ''}${String(x)}`)).join('');
}

/** Path of the first string (or key) holding U+FFFD, where bytes that were not UTF-8 now are. */
function replacementCharPath(value: unknown, at: PropertyKey[] = []): PropertyKey[] | undefined {
  if (typeof value === 'string') return value.includes('\uFFFD') ? at : undefined;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const hit = replacementCharPath(v, [...at, i]);
      if (hit) return hit;
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\uFFFD')) return [...at, k];
      const hit = replacementCharPath(v, [...at, k]);
      if (hit) return hit;
    }
  }
  return undefined;
}

/** Language and category a menu reply chooses: by id (`lang_hi`, `cat_cow_smuggling`), else by title. */
export function replyChoice(
  id: string,
  title: string | undefined,
): { language: string | null; category: string | null } {
  const lang = /^(?:lang|language)[_:.-](.+)$/i.exec(id);
  const cat = /^(?:cat|category)[_:.-](.+)$/i.exec(id);
  const language = lang
    ? (parseTipLanguage(lang[1]!) ?? lang[1]!.toLowerCase())
    : cat
      ? undefined
      : (parseTipLanguage(id) ?? (title ? parseTipLanguage(title) : undefined));
  const category = cat
    ? parseTipCategory(cat[1]!)
    : lang
      ? undefined
      : (parseTipCategory(id) ?? (title ? parseTipCategory(title) : undefined));
  return { language: language ?? null, category: category ?? null };
}

const mediaMessageKinds = ['image', 'audio', 'video', 'document', 'sticker'] as const;

async function ingestWebhooks(ctx: IngestContext, redacted: RedactedFile, batch: Batch): Promise<IngestSummary> {
  const { db, lake } = ctx;
  const { file, now } = batch;
  const lineage = { batch_id: file.batchId, source_file: file.name, ingested_at: now };
  const stMessages = await StagingTable.create(db, tipMessages);
  const stMedia = await StagingTable.create(db, tipMedia);
  const rejects: Reject[] = [];
  let rowsIn = 0;
  let rowsLanded = 0;
  let bodiesWithoutMessages = 0;
  let line = 0;
  const input = fs.createReadStream(redacted.path, { encoding: 'utf8' });
  try {
    for await (const text of readline.createInterface({ input, crlfDelay: Infinity })) {
      line++;
      if (text.trim() === '') continue;
      rowsIn++;
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (error) {
        const field = redacted.invalidUtf8Lines.has(line) ? '(encoding)' : '(record)';
        const why = redacted.invalidUtf8Lines.has(line)
          ? 'not valid UTF-8 (is the file in another encoding?)'
          : 'not valid JSON (truncated?)';
        rejects.push({ line, field, reason: `${why}: ${(error as Error).message}`, raw: text });
        continue;
      }
      if (redacted.invalidUtf8Lines.has(line)) {
        const at = replacementCharPath(body);
        rejects.push({
          line,
          field: at ? jsonPath(at) : '(encoding)',
          reason: 'not valid UTF-8 (is the file in another encoding?)',
          raw: text,
        });
        continue;
      }
      const parsed = webhookBody.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        rejects.push({ line, field: jsonPath(issue.path), reason: issue.message, raw: text });
        continue;
      }
      rowsLanded++;
      const row = { ...lineage, source_line: line };
      let messages = 0;
      for (const entry of parsed.data.entry) {
        for (const change of entry.changes) {
          const botId = change.value.metadata?.phone_number_id ?? null;
          for (const m of change.value.messages ?? []) {
            messages++;
            appendMessage(stMessages, stMedia, m, botId, row);
          }
        }
      }
      if (messages === 0) bodiesWithoutMessages++;
    }
  } finally {
    input.destroy();
  }
  lake.log.info('tip webhooks read', {
    file: file.name,
    bodies: rowsIn,
    messages: stMessages.rowCount,
    media: stMedia.rowCount,
    withoutMessages: bodiesWithoutMessages,
  });
  return commitBatch(ctx, {
    source,
    file,
    rawKey: batch.rawKey,
    rowsIn,
    rowsLanded,
    tables: [stMessages, stMedia] as StagingTable<typeof tipMessages>[],
    rejects,
    ingestedAt: now,
  });
}

function appendMessage(
  stMessages: StagingTable<typeof tipMessages>,
  stMedia: StagingTable<typeof tipMedia>,
  m: WebhookMessage,
  botId: string | null,
  lineage: { batch_id: string; source_file: string; source_line: number; ingested_at: Date },
): void {
  const month = istMonth(m.timestamp);
  const reply =
    m.interactive?.button_reply ??
    m.interactive?.list_reply ??
    (m.button ? { id: m.button.payload ?? m.button.text ?? '', title: m.button.text } : undefined);
  const choice = reply ? replyChoice(reply.id, reply.title) : { language: null, category: null };
  const mediaKind = mediaMessageKinds.find((k) => m.type === k && m[k] !== undefined);
  const media = mediaKind ? m[mediaKind] : undefined;
  const loc = m.location;
  stMessages.append({
    message_id: m.id,
    month,
    sender_id: (m.from ?? m.from_user_id)!,
    received_at: m.timestamp,
    kind: m.type,
    text: m.text?.body ?? media?.caption ?? m.button?.text ?? null,
    latitude: loc?.latitude ?? null,
    longitude: loc?.longitude ?? null,
    h3_cell: loc ? latLngToCell(loc.latitude, loc.longitude, h3Resolution) : null,
    location_name: loc?.name ?? null,
    location_address: loc?.address ?? null,
    reply_id: reply?.id ?? null,
    reply_title: reply?.title ?? null,
    tip_language: choice.language,
    tip_category: choice.category,
    context_message_id: m.context?.id ?? null,
    is_forwarded: m.context?.forwarded === true || m.context?.frequently_forwarded === true,
    bot_phone_number_id: botId,
    ...lineage,
  });
  if (mediaKind && media) {
    stMedia.append({
      message_id: m.id,
      media_index: 1,
      month,
      kind: mediaKind,
      mime_type: media.mime_type ?? null,
      size_bytes: media.file_size ?? null,
      sha256: media.sha256 ?? null,
      is_voice: mediaKind === 'audio' ? media.voice === true : null,
      received_at: m.timestamp,
      ...lineage,
    });
  }
}

const dateColumns = ['received_at', 'forwarded_sp_at', 'forwarded_dig_at', 'action_taken_at', 'informant_notified_at'];

/** A thana named without its district: the one district that has it, if exactly one does. */
function stationAnywhere(name: string): PoliceStation | undefined {
  const hits = districts
    .map((d) => findPoliceStation(d.districtId, name))
    .filter((s): s is PoliceStation => s !== undefined);
  return hits.length === 1 ? hits[0] : undefined;
}

function placeOf(r: CaseRow) {
  const station = r.police_station
    ? r.district
      ? findPoliceStation(r.district, r.police_station)
      : stationAnywhere(r.police_station)
    : undefined;
  const district = station
    ? districts.find((d) => d.districtId === station.districtId)!.nameEn
    : r.district
      ? (findDistrict(r.district)?.nameEn ?? r.district)
      : 'unknown';
  const fallbackId =
    r.police_station && kebabCase(r.police_station) ? `${kebabCase(district)}-${kebabCase(r.police_station)}` : null;
  return {
    district,
    police_station: r.police_station,
    police_station_id: station?.policeStationId ?? fallbackId,
    is_known_police_station: station !== undefined,
  };
}

const hoursBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 3_600_000;

async function ingestCases(ctx: IngestContext, redacted: RedactedFile, batch: Batch): Promise<IngestSummary> {
  const { db, lake } = ctx;
  const { file, now } = batch;
  const lineage = { batch_id: file.batchId, source_file: file.name, ingested_at: now };
  const rejects: Reject[] = [];
  let header: string[] | undefined;
  let senderColumn: string | undefined;
  let rowsIn = 0;
  let rowsLanded = 0;
  const stTips = await StagingTable.create(db, tips);
  const stEvents = await StagingTable.create(db, tipEvents);

  for await (const rec of readCsv(redacted.path, file.name)) {
    if (!header) {
      header = rec.fields.map((h) => canonicalHeader(h, ctx.profile));
      const missing = caseHeaders.filter((h) => !header!.includes(h));
      if (missing.length > 0) {
        throw new IngestError(
          file.name,
          rec.line,
          missing[0],
          `not a tip-bot case export: column missing from the header (missing: ${missing.join(', ')}; found: ${header.join(', ')})`,
        );
      }
      senderColumn = header.find((h) => (informantIdColumns as readonly string[]).includes(h));
      continue;
    }
    rowsIn++;
    if (rec.fields.length !== header.length) {
      rejects.push({
        line: rec.line,
        field: '(record)',
        reason: `expected ${header.length} columns, found ${rec.fields.length}`,
        raw: rec.raw,
      });
      continue;
    }
    const obj: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) obj[header[i]!] = rec.fields[i]!;
    const parsed = caseRow.safeParse(applyProfile(obj, ctx.profile, dateColumns));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      rejects.push({ line: rec.line, field: jsonPath(issue.path), reason: issue.message, raw: rec.raw });
      continue;
    }
    rowsLanded++;
    const r = parsed.data;
    const place = placeOf(r);
    const month = istMonth(r.received_at);
    const located = r.latitude !== null && r.longitude !== null;
    const row = { ...lineage, source_line: rec.line };
    const sender = senderColumn ? obj[senderColumn]?.trim() : undefined;
    stTips.append({
      tip_id: r.tip_id,
      ...place,
      month,
      category: r.category,
      language: r.language,
      media_kinds: r.media_kinds,
      has_media: (r.media_kinds ?? '').split(',').some((k) => (mediaKinds as readonly string[]).includes(k)),
      text: r.text,
      latitude: r.latitude,
      longitude: r.longitude,
      h3_cell: located ? latLngToCell(r.latitude!, r.longitude!, h3Resolution) : null,
      sender_id: sender ? sender : null,
      received_at: r.received_at,
      forwarded_sp_at: r.forwarded_sp_at,
      forwarded_dig_at: r.forwarded_dig_at,
      action_taken_at: r.action_taken_at,
      action_note: r.action_note,
      informant_notified_at: r.informant_notified_at,
      hours_to_action: r.action_taken_at ? hoursBetween(r.received_at, r.action_taken_at) : null,
      ...row,
    });
    const events: [TipEventKind, Date | null, string | null][] = [
      ['forwarded_sp', r.forwarded_sp_at, null],
      ['forwarded_dig', r.forwarded_dig_at, null],
      ['action_taken', r.action_taken_at, r.action_note],
      ['informant_notified', r.informant_notified_at, null],
    ];
    for (const [event, at, note] of events) {
      if (!at) continue;
      stEvents.append({
        tip_id: r.tip_id,
        event,
        district: place.district,
        month,
        police_station_id: place.police_station_id,
        event_at: at,
        hours_since_received: hoursBetween(r.received_at, at),
        note,
        ...row,
      });
    }
  }
  if (!header) throw new IngestError(file.name, undefined, undefined, 'the file is empty (no header line)');
  lake.log.info('tip cases read', { file: file.name, rows: rowsIn, events: stEvents.rowCount });
  return commitBatch(ctx, {
    source,
    file,
    rawKey: batch.rawKey,
    rowsIn,
    rowsLanded,
    tables: [stTips, stEvents] as StagingTable<typeof tips>[],
    rejects,
    ingestedAt: now,
  });
}
