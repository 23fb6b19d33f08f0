import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  asciiDigits,
  canonicalPhone,
  isPhoneIdentifier,
  maskPhoneNumbers,
  pseudonymToken,
  type Pseudonymiser,
} from '../../lake/pseudonym.ts';
import { informantIdColumns, informantNameColumns } from '../../schemas/tips/layout.ts';
import { readCsv } from '../csv.ts';
import { canonicalHeader, type Profile } from '../profile.ts';

/**
 * The first step of a tips ingest, before anything is written anywhere: a redacted copy of the
 * input file in a private temp folder. Everything after this step (raw landing, batch id and
 * sha256, tables, quarantine, logs) reads only the copy. In the copy every sender identifier
 * (from, wa_id, user_id, from_user_id, recipient ids, phone columns) is the sender's one
 * pseudonym; profile names, identity key hashes, shared contact cards and media ids/URLs are
 * dropped; message ids (which embed the sender's number) are keyed hashes; and phone numbers in
 * any text are masked. Lines stay on the same line numbers, so rejects point at the input.
 */
export type TipsFileKind = 'webhooks' | 'cases';

export interface RedactedFile {
  /** The redacted copy (named like the input, phone numbers in the name masked). */
  path: string;
  /** Masked base name of the input. */
  name: string;
  kind: TipsFileKind;
  /** Webhook lines whose bytes were not valid UTF-8 (their copy has U+FFFD in place of the bytes). */
  invalidUtf8Lines: Set<number>;
  lines: number;
  /** Removes the temp folder. */
  dispose(): void;
}

/** Keys (compared lower-case, without `_`/`-`) whose values identify a person: replaced by the pseudonym. */
const identifierKeys = new Set([
  'from',
  'waid',
  'userid',
  'fromuserid',
  'recipientid',
  'recipientuserid',
  'parentuserid',
  'newwaid',
  'customer',
  'phone',
  'phonenumber',
  'mobile',
  'mobilenumber',
  'msisdn',
  'whatsappnumber',
  'contactnumber',
  'sender',
  'senderid',
]);
/** Keys dropped wherever they appear (names, identity key hashes, usernames). */
const droppedKeys = new Set([
  'profile',
  'identitykeyhash',
  'identity',
  'username',
  'formattedname',
  'firstname',
  'lastname',
  'middlename',
  'pushname',
  'profilename',
  'sendername',
  'informantname',
]);
/** Objects whose `id` is a message id: messages, statuses, the replied-to message. */
const recordKeys = new Set(['messages', 'statuses', 'context']);
const mediaKeys = new Set(['image', 'audio', 'video', 'document', 'sticker', 'voice']);
/** Media ids and their temporary URLs (and document file names) are not kept. */
const droppedMediaKeys = new Set(['id', 'url', 'link', 'filename']);

const norm = (key: string) => key.toLowerCase().replace(/[^a-z0-9]/g, '');
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Renames keys at every level by the profile's aliases (a BSP's variant names → Cloud API names). */
export function applyKeyAliases(value: Json, profile: Profile | undefined): Json {
  const canonical = (key: string) =>
    key
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
  const aliases = new Map(Object.entries(profile?.headerAliases ?? {}).map(([from, to]) => [canonical(from), to]));
  if (aliases.size === 0) return value;
  const walk = (v: Json): Json => {
    if (Array.isArray(v)) return v.map(walk);
    if (!isObject(v)) return v;
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) out[aliases.get(canonical(k)) ?? k] = walk(x);
    return out;
  };
  return walk(value);
}

/** Cross-line memory of one file: a business-scoped user id seen beside a phone number keeps that number's pseudonym. */
export type SenderLinks = Map<string, string>;

const str = (v: Json | undefined): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined;

/**
 * One pseudonym per person in a webhook `value`: the contact and the messages (or statuses) that
 * share a wa_id / phone or a user id are one sender, named by the phone number when there is one.
 */
function senderPseudonyms(value: JsonObject, p: Pseudonymiser, links: SenderLinks): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const add = (x: string) => {
    if (!parent.has(x)) parent.set(x, x);
  };
  const union = (a: string, b: string) => parent.set(find(a), find(b));
  const phoneIds = new Set<string>();
  const userIds = new Set<string>();
  const people: string[][] = [];
  const person = (phones: (string | undefined)[], users: (string | undefined)[]) => {
    const ids: string[] = [];
    for (const x of phones.filter((v): v is string => v !== undefined)) {
      phoneIds.add(x);
      ids.push(x);
    }
    for (const x of users.filter((v): v is string => v !== undefined)) {
      userIds.add(x);
      ids.push(x);
    }
    ids.forEach(add);
    for (const x of ids.slice(1)) union(x, ids[0]!);
    if (ids.length > 0) people.push(ids);
  };
  const list = (k: string) => (Array.isArray(value[k]) ? (value[k] as Json[]).filter(isObject) : []);
  const contacts = list('contacts');
  for (const c of contacts) person([str(c.wa_id)], [str(c.user_id)]);
  for (const m of list('messages')) person([str(m.from)], [str(m.from_user_id)]);
  for (const s of list('statuses')) person([str(s.recipient_id)], [str(s.recipient_user_id)]);
  // The one contact of a value is the sender of its messages.
  if (contacts.length === 1 && people.length > 1) for (const ids of people.slice(1)) union(ids[0]!, people[0]![0]!);

  const byRoot = new Map<string, string[]>();
  for (const x of parent.keys()) byRoot.set(find(x), [...(byRoot.get(find(x)) ?? []), x]);
  const out = new Map<string, string>();
  for (const ids of byRoot.values()) {
    const phone = ids.find((x) => phoneIds.has(x) && isPhoneIdentifier(x));
    const linked = ids.map((x) => links.get(x)).find((x) => x !== undefined);
    const first = ids.find((x) => phoneIds.has(x)) ?? ids[0]!;
    const pseudonym = phone ? p.sender(phone) : (linked ?? p.sender(first));
    for (const x of ids) {
      out.set(x, pseudonym);
      if (userIds.has(x) && phone) links.set(x, pseudonym);
    }
  }
  return out;
}

function profileNames(value: JsonObject): string[] {
  const names: string[] = [];
  const contacts = Array.isArray(value.contacts) ? value.contacts : [];
  for (const c of contacts) {
    if (!isObject(c) || !isObject(c.profile)) continue;
    for (const [k, v] of Object.entries(c.profile)) if (typeof v === 'string' && /name$/i.test(k)) names.push(v);
  }
  return names;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Masks the sender's own profile names (3+ characters) inside free text, then phone numbers. */
function textMasker(names: readonly string[], p: Pseudonymiser): (s: string) => string {
  const usable = [...new Set(names.map((n) => n.trim()).filter((n) => n.length >= 3))].sort(
    (a, b) => b.length - a.length,
  );
  const re = usable.length > 0 ? new RegExp(usable.map(escapeRegExp).join('|'), 'giu') : undefined;
  return (s) => maskPhoneNumbers(re ? s.replace(re, '[name]') : s, p);
}

/** Redacts one parsed webhook body (see the module comment); returns a new value. */
export function redactWebhookBody(body: Json, p: Pseudonymiser, links: SenderLinks = new Map()): Json {
  // Senders and profile names of each change value, collected before anything is dropped.
  const senders = new Map<string, string>();
  const names: string[] = [];
  const entries = isObject(body) && Array.isArray(body.entry) ? body.entry : [];
  for (const e of entries) {
    const changes = isObject(e) && Array.isArray(e.changes) ? e.changes : [];
    for (const c of changes) {
      if (!isObject(c) || !isObject(c.value)) continue;
      for (const [k, v] of senderPseudonyms(c.value, p, links)) senders.set(k, v);
      names.push(...profileNames(c.value));
    }
  }
  const mask = textMasker(names, p);
  const pseudonymOf = (v: string) => senders.get(v.trim()) ?? links.get(v.trim()) ?? p.sender(v);

  // `container` is the (normalised) key of the object holding `key`; array elements keep their array's key.
  const walk = (v: Json, key: string, container: string): Json | undefined => {
    const k = norm(key);
    if (identifierKeys.has(k) && (typeof v === 'string' || typeof v === 'number')) return pseudonymOf(String(v));
    if (droppedKeys.has(k)) return undefined;
    if (k === 'name' && typeof v === 'object' && v !== null) return undefined;
    if (mediaKeys.has(container) && droppedMediaKeys.has(k)) return undefined;
    // Message ids (of a message, a status, a replied-to message; any wamid) embed the number.
    const messageId = k === 'messageid' || (k === 'id' && recordKeys.has(container));
    if ((typeof v === 'string' || typeof v === 'number') && messageId) return p.messageId(String(v));
    if (typeof v === 'string') return v.startsWith('wamid.') ? p.messageId(v) : mask(v);
    if (typeof v === 'number') return Number.isInteger(v) && canonicalPhone(String(v)) ? p.phone(String(v)) : v;
    if (Array.isArray(v)) {
      // A message's shared contact cards are third parties' names and numbers: not kept.
      if (k === 'contacts' && container === 'messages') return undefined;
      return v.map((x) => walk(x, key, container) ?? null);
    }
    if (isObject(v)) {
      const out: JsonObject = {};
      for (const [ck, cv] of Object.entries(v)) {
        const r = walk(cv, ck, k);
        if (r !== undefined) out[ck] = r;
      }
      return out;
    }
    return v;
  };
  return walk(body, '', '') ?? null;
}

const jsonString = '"(?:[^"\\\\]|\\\\.)*(?:"|$)';
const unreadableIdentifier = new RegExp(
  `("(?:from|wa_id|user_id|from_user_id|recipient_id|recipient_user_id|parent_user_id|new_wa_id|customer|phone|mobile|msisdn|sender)"\\s*:\\s*)(${jsonString}|-?\\d+)`,
  'giu',
);
const unreadableDropped = new RegExp(
  `("(?:name|identity_key_hash|identity|username|formatted_name|first_name|last_name|url|link|filename)"\\s*:\\s*)${jsonString}`,
  'giu',
);
const unreadableId = new RegExp(`("(?:id|message_id)"\\s*:\\s*)(${jsonString}|-?\\d+)`, 'giu');
const unreadableName = new RegExp(`"profile"\\s*:\\s*\\{[^}]*?"name"\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)`, 'giu');
const digitRun = new RegExp(`${pseudonymToken.source}|\\d(?:[\\s.\\-()]{0,3}\\d){4,}`, 'gu');

const unquote = (s: string) => s.replace(/^"/, '').replace(/"$/, '');

/**
 * Redacts a line that is not valid JSON (a truncated body): identifier values by key, names,
 * ids and URLs, phone numbers, then any remaining run of 5+ digits that is not a unix time, as a
 * truncated number could otherwise survive. Used for the copy and for its quarantine row.
 */
export function redactUnreadableLine(text: string, p: Pseudonymiser): string {
  const ascii = asciiDigits(text);
  const names = [...ascii.matchAll(unreadableName)].map((m) => m[1]!);
  let out = ascii
    .replace(unreadableIdentifier, (_m, k: string, v: string) => `${k}"${p.sender(unquote(v))}"`)
    .replace(unreadableDropped, (_m, k: string) => `${k}"[dropped]"`)
    .replace(unreadableId, (_m, k: string, v: string) => `${k}"${p.messageId(unquote(v))}"`)
    .replace(/wamid\.[A-Za-z0-9+/=_-]*/g, (w) => p.messageId(w));
  out = textMasker(names, p)(out);
  return out.replace(digitRun, (run) => (/^(?:inf|msg)_/.test(run) || /^1\d{9}$/.test(run) ? run : '[number]'));
}

/** Webhook lines at byte level, so bytes that are not UTF-8 are seen (and their lines numbered). */
async function* byteLines(
  filePath: string,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<{ line: number; bytes: Buffer }> {
  let rest = Buffer.alloc(0);
  let line = 0;
  let read = 0;
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer;
    read += buf.length;
    onBytes?.(read);
    let data = rest.length > 0 ? Buffer.concat([rest, buf]) : buf;
    for (let nl = data.indexOf(0x0a); nl >= 0; nl = data.indexOf(0x0a)) {
      const end = nl > 0 && data[nl - 1] === 0x0d ? nl - 1 : nl;
      yield { line: ++line, bytes: data.subarray(0, end) };
      data = data.subarray(nl + 1);
    }
    rest = Buffer.from(data);
  }
  if (rest.length > 0) yield { line: ++line, bytes: rest[rest.length - 1] === 0x0d ? rest.subarray(0, -1) : rest };
}

/** Buffered text writer (one write per megabyte). */
class TextOut {
  private parts: string[] = [];
  private size = 0;
  private constructor(private readonly fd: fs.promises.FileHandle) {}
  static async open(p: string): Promise<TextOut> {
    return new TextOut(await fs.promises.open(p, 'w', 0o600));
  }
  async write(s: string): Promise<void> {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= 1 << 20) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    await this.fd.write(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      await this.fd.close();
    }
  }
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

/** Redacts one webhook line: parsed and walked when it is JSON, by patterns when it is not. */
export function redactWebhookLine(text: string, p: Pseudonymiser, links: SenderLinks, profile?: Profile): string {
  let body: Json;
  try {
    body = JSON.parse(text) as Json;
  } catch {
    // The parser's message quotes the input, so it is not kept; the ingest re-parses the copy.
    return redactUnreadableLine(text, p);
  }
  return JSON.stringify(redactWebhookBody(applyKeyAliases(body, profile), p, links));
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? '"' + s.replaceAll('"', '""') + '"' : s;
}

/**
 * Writes the redacted copy of a tips file into a new private temp folder. Throws (with the
 * masked file name) only when the file cannot be read at all, e.g. a CSV with an unclosed quote.
 */
export async function redactTipsFile(input: {
  filePath: string;
  kind: TipsFileKind;
  p: Pseudonymiser;
  profile?: Profile;
  onBytes?: (bytes: number) => void;
}): Promise<RedactedFile> {
  const { filePath, kind, p, profile } = input;
  const name = maskPhoneNumbers(path.basename(filePath), p);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crimelake-tips-'));
  const dispose = () => fs.rmSync(dir, { recursive: true, force: true });
  const out = path.join(dir, name);
  const invalidUtf8Lines = new Set<number>();
  let lines = 0;
  try {
    const w = await TextOut.open(out);
    try {
      if (kind === 'webhooks') {
        const links: SenderLinks = new Map();
        for await (const { line, bytes } of byteLines(filePath, input.onBytes)) {
          let text: string;
          try {
            text = fatalUtf8.decode(bytes);
          } catch {
            invalidUtf8Lines.add(line);
            text = lenientUtf8.decode(bytes);
          }
          lines = line;
          await w.write((text.trim() === '' ? '' : redactWebhookLine(text, p, links, profile)) + '\n');
        }
      } else {
        let written = 0;
        let idCols: Set<number> | undefined;
        let nameCols = new Set<number>();
        for await (const rec of readCsv(filePath, name, input.onBytes)) {
          let cells: string[];
          if (!idCols) {
            const header = rec.fields.map((h) => canonicalHeader(h, profile));
            const columnsOf = (names: readonly string[]) =>
              new Set(header.flatMap((h, i) => (names.includes(h) ? [i] : [])));
            idCols = columnsOf(informantIdColumns);
            nameCols = columnsOf(informantNameColumns);
            cells = rec.fields.map((c) => maskPhoneNumbers(c, p));
          } else {
            const ids = idCols;
            cells = rec.fields.map((c, i) =>
              ids.has(i) ? (c.trim() === '' ? '' : p.sender(c)) : nameCols.has(i) ? '' : maskPhoneNumbers(c, p),
            );
          }
          lines = rec.line;
          // Blank lines the parser skipped are kept, so line numbers still match the input.
          const record = cells.map(csvCell).join(',');
          await w.write('\n'.repeat(Math.max(0, rec.line - 1 - written)) + record + '\n');
          written = rec.line + (record.match(/\n/g)?.length ?? 0);
        }
      }
    } finally {
      await w.close();
    }
  } catch (error) {
    dispose();
    throw error;
  }
  return { path: out, name, kind, invalidUtf8Lines, lines, dispose };
}
