import fs from 'node:fs';
import path from 'node:path';
import { caseHeaders, type CaseHeader } from '../../schemas/tips/layout.ts';

/** Hand-written tip-bot inputs for exact assertions (Cloud API webhook bodies, case export rows). */
export const testKey = 'tips-test-informant-key-0001';

export const bot = { display_phone_number: '915422500100', phone_number_id: '106540352242922' };

/** A wamid as WhatsApp makes them: the sender's number, base64, inside. */
export function wamid(waId: string, tail: string): string {
  return `wamid.HBgM${Buffer.from(waId).toString('base64').replace(/=+$/, '')}FQIAEhgg${tail}`;
}

export interface Sender {
  waId?: string;
  userId?: string;
  name?: string;
  identityKeyHash?: string;
}

/** One webhook body (one line) carrying one inbound message from the sender. */
export function webhook(sender: Sender, message: Record<string, unknown>): string {
  const contact: Record<string, unknown> = {};
  if (sender.name !== undefined) contact.profile = { name: sender.name };
  if (sender.waId) contact.wa_id = sender.waId;
  if (sender.userId) contact.user_id = sender.userId;
  if (sender.identityKeyHash) contact.identity_key_hash = sender.identityKeyHash;
  const m: Record<string, unknown> = {};
  if (sender.waId) m.from = sender.waId;
  if (sender.userId) m.from_user_id = sender.userId;
  Object.assign(m, message);
  return body({ contacts: [contact], messages: [m] });
}

export function body(value: Record<string, unknown>): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [{ value: { messaging_product: 'whatsapp', metadata: bot, ...value }, field: 'messages' }],
      },
    ],
  });
}

export function textMessage(id: string, timestamp: number | string, text: string): Record<string, unknown> {
  return { id, timestamp: String(timestamp), type: 'text', text: { body: text } };
}

/** The line with its `@` replaced by bytes that are not UTF-8 (a lone continuation byte and 0xff). */
export function withInvalidUtf8(line: string): Buffer {
  const bytes = Buffer.from(line);
  const at = bytes.indexOf('@');
  return Buffer.concat([bytes.subarray(0, at), Buffer.from([0xc3, 0x28, 0xff]), bytes.subarray(at + 1)]);
}

export function writeFile(dir: string, name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}

export type CaseFixture = Record<CaseHeader, string>;

export function tipCase(overrides: Partial<CaseFixture> = {}): CaseFixture {
  return {
    tip_id: 'TIP-2025-0000001',
    received_at: '2025-01-15T13:32:00+05:30',
    district: 'Jaunpur',
    police_station: 'Line Bazar',
    category: 'liquor smuggling',
    language: 'hi',
    media_kinds: 'text;image',
    text: 'ग्राम सिखड़ी में कच्ची शराब बिकती है',
    latitude: '25.752',
    longitude: '82.689',
    forwarded_sp_at: '2025-01-15T14:02:00+05:30',
    forwarded_dig_at: '',
    action_taken_at: '2025-01-16T13:32:00+05:30',
    action_note: 'दबिश दी गई',
    informant_notified_at: '',
    ...overrides,
  };
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? '"' + s.replaceAll('"', '""') + '"' : s;
}

export function casesCsv(rows: readonly Record<string, string>[], headers: readonly string[] = caseHeaders): string {
  return [headers.join(','), ...rows.map((r) => headers.map((h) => csvCell(r[h] ?? '')).join(','))].join('\n') + '\n';
}
