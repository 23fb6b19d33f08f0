import { z } from 'zod';
import {
  istDateTime,
  oneOf,
  optionalIstDateTime,
  optionalNumberIn,
  optionalText,
  requiredText,
  text,
} from '../fields.ts';
import { parseTipLanguage, tipCategorySpellings } from './categories.ts';

/** Kinds of WhatsApp message a tip can be made of, with the spellings exports use. */
export const messageKinds = [
  'text',
  'image',
  'audio',
  'video',
  'location',
  'interactive',
  'document',
  'sticker',
] as const;
export type MessageKind = (typeof messageKinds)[number];
export const mediaKinds: readonly MessageKind[] = ['image', 'audio', 'video', 'document', 'sticker'];

const kindSpellings: Record<string, MessageKind> = {
  ...Object.fromEntries(messageKinds.map((k) => [k, k])),
  photo: 'image',
  picture: 'image',
  img: 'image',
  voice: 'audio',
  ptt: 'audio',
  doc: 'document',
  file: 'document',
  pdf: 'document',
  gps: 'location',
  button: 'interactive',
  list: 'interactive',
};

/** `image;audio`, `Image, Voice`, `image|video` → `image,audio`; blank → null. */
export const messageKindList = text.transform((s, ctx) => {
  const parts = s
    .toLowerCase()
    .split(/[;,|/\s]+/)
    .filter((p) => p.length > 0 && p !== '-');
  const out: MessageKind[] = [];
  for (const p of parts) {
    const k = kindSpellings[p];
    if (!k) {
      ctx.addIssue({ code: 'custom', message: `not a message kind (${messageKinds.join(', ')}): "${p}"` });
      return z.NEVER;
    }
    if (!out.includes(k)) out.push(k);
  }
  return out.length > 0 ? out.join(',') : null;
});

export const tipLanguage = text.transform((s) => (s === '' ? null : (parseTipLanguage(s) ?? s.toLowerCase())));

const eventColumns = ['forwarded_sp_at', 'forwarded_dig_at', 'action_taken_at', 'informant_notified_at'] as const;

/** One line of the bot's case export (see layout.ts), validated and typed. */
export const caseRow = z
  .object({
    tip_id: requiredText.pipe(z.string().max(100, 'a tip id of at most 100 characters')),
    received_at: istDateTime,
    district: optionalText,
    police_station: optionalText,
    category: oneOf(tipCategorySpellings),
    language: tipLanguage,
    media_kinds: messageKindList,
    text: optionalText,
    // India's bounding box: a point outside it is a data-entry error.
    latitude: optionalNumberIn(6, 37.5),
    longitude: optionalNumberIn(68, 97.5),
    forwarded_sp_at: optionalIstDateTime,
    forwarded_dig_at: optionalIstDateTime,
    action_taken_at: optionalIstDateTime,
    action_note: optionalText,
    informant_notified_at: optionalIstDateTime,
  })
  .superRefine((r, ctx) => {
    if ((r.latitude === null) !== (r.longitude === null)) {
      const missing = r.latitude === null ? 'latitude' : 'longitude';
      ctx.addIssue({
        code: 'custom',
        path: [missing],
        message: 'latitude and longitude come together: this one is empty',
      });
    }
    for (const c of eventColumns) {
      const at = r[c];
      if (at && at.getTime() < r.received_at.getTime()) {
        ctx.addIssue({ code: 'custom', path: [c], message: `before received_at (${r.received_at.toISOString()})` });
      }
    }
  });
export type CaseRow = z.output<typeof caseRow>;
