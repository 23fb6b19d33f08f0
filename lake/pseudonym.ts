import crypto from 'node:crypto';

/**
 * Keyed pseudonyms for informants (DESIGN.md, privacy invariants). An identifier (a phone
 * number in any written form, a WhatsApp business-scoped user id) becomes
 * `inf_` + the first 20 hex digits of HMAC-SHA256(key, identifier): the same sender always gets
 * the same pseudonym, so repeat informants can be counted, but without the key (held outside the
 * lake) nobody can confirm a guessed number. Opaque ids that embed the number (WhatsApp message
 * ids carry the sender's number in base64) become `msg_` + 24 hex digits the same way.
 */
export const minimumKeyLength = 16;

export class PseudonymKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PseudonymKeyError';
  }
}

export interface Pseudonymiser {
  /** Pseudonym of a phone number written in any Indian or international form. */
  phone(number: string): string;
  /** Pseudonym of a sender identifier: as a phone number when it reads as one, else as an opaque user id. */
  sender(identifier: string): string;
  /** Keyed stand-in for a message id (`msg_…`): stable, so replies and re-ingests still match. */
  messageId(id: string): string;
}

/** Zero of each decimal digit block used in India: ASCII, Devanagari, Bengali … Malayalam. */
const digitZeros = [0x30, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66];
const digitClass = '0-9\u0966-\u096F\u09E6-\u09EF\u0A66-\u0A6F\u0AE6-\u0AEF\u0B66-\u0B6F\u0BE6-\u0BEF\u0C66-\u0C6F\u0CE6-\u0CEF\u0D66-\u0D6F';

const nonAsciiDigit = new RegExp(`[${digitClass.slice(3)}]`, 'gu');
const anyNonAscii = /[^\x00-\x7F]/;

/** ASCII digits for any of the scripts' digits (`९८७` → `987`); other characters unchanged. */
export function asciiDigits(text: string): string {
  if (!anyNonAscii.test(text)) return text; // most text: nothing to replace
  return text.replace(nonAsciiDigit, (ch) => {
    const cp = ch.codePointAt(0)!;
    const zero = digitZeros.find((z) => cp >= z && cp <= z + 9)!;
    return String(cp - zero);
  });
}

/**
 * The canonical digits (country code first, no `+`) of a phone number, or undefined when the
 * text is not one: Indian mobiles as 10 digits, `0…`, `91…`, `+91…`, `0091…`; Indian landlines
 * with the `0` trunk prefix; any `+` international number of 10–15 digits. Separators ignored.
 */
export function canonicalPhone(text: string): string | undefined {
  const s = asciiDigits(text).trim();
  const plus = s.startsWith('+');
  const digits = s.replace(/\D/g, '');
  if (plus) {
    if (digits.startsWith('91')) return /^91[1-9]\d{9}$/.test(digits) ? digits : undefined;
    return digits.length >= 10 && digits.length <= 15 && !digits.startsWith('0') ? digits : undefined;
  }
  if (/^[6-9]\d{9}$/.test(digits)) return '91' + digits;
  if (/^0[1-9]\d{9}$/.test(digits)) return '91' + digits.slice(1);
  if (/^91[6-9]\d{9}$/.test(digits)) return digits;
  if (/^091[6-9]\d{9}$/.test(digits)) return digits.slice(1);
  if (/^0091[6-9]\d{9}$/.test(digits)) return digits.slice(2);
  return undefined;
}

/** Whether a sender identifier is a phone number (an Indian form, or a wa_id: 8–15 digits with the country code). */
export function isPhoneIdentifier(identifier: string): boolean {
  const id = asciiDigits(identifier).trim();
  return canonicalPhone(id) !== undefined || /^\+?\d{8,15}$/.test(id);
}

export function createPseudonymiser(key: string): Pseudonymiser {
  if (key.length < minimumKeyLength) {
    throw new PseudonymKeyError(
      `the informant pseudonym key is too short (${key.length} characters): use a secret of at least ${minimumKeyLength} characters`,
    );
  }
  const mac = (domain: string, value: string, hexChars: number) =>
    crypto.createHmac('sha256', key).update(`${domain}\u0000${value}`).digest('hex').slice(0, hexChars);
  const ofPhoneDigits = (digits: string) => `inf_${mac('phone', digits, 20)}`;
  return {
    phone(number) {
      return ofPhoneDigits(canonicalPhone(number) ?? asciiDigits(number).replace(/\D/g, ''));
    },
    sender(identifier) {
      const id = asciiDigits(identifier).trim();
      if (!isPhoneIdentifier(id)) return `inf_${mac('user', id, 20)}`;
      // A wa_id is the full international number without `+` (any country).
      return ofPhoneDigits(canonicalPhone(id) ?? id.replace(/\D/g, ''));
    },
    messageId(id) {
      return `msg_${mac('message', id.trim(), 24)}`;
    },
  };
}

/** Tokens this module writes; masking skips them so it can run twice without harm. */
export const pseudonymToken = /(?:inf|msg)_[0-9a-f]{20,24}/;

const separator = '[ \\t\\u00A0.\\-\\u2010-\\u2015()]{1,3}';
const candidate = new RegExp(
  `${pseudonymToken.source}|\\+?[ \\t]?[${digitClass}]+(?:${separator}[${digitClass}]+)*`,
  'gu',
);
const group = new RegExp(`[${digitClass}]+`, 'gu');
const maxPhoneDigits = 15;

/**
 * Replaces every phone number in free text (`+91 98765 43210`, `098765-43210`, `98765 43210`,
 * `9876543210`, Devanagari `९८७६५ ४३२१०`, …) by its pseudonym, or by `[phone]` without a
 * pseudonymiser. Digit groups are joined across spaces, dashes, dots and brackets, and the
 * longest run of groups that forms a phone number is replaced; other numbers (dates, amounts,
 * FIR and vehicle numbers, coordinates) are left as they are.
 */
export function maskPhoneNumbers(text: string, p: Pseudonymiser | null): string {
  return text.replace(candidate, (run) => {
    if (/^(?:inf|msg)_/.test(run)) return run;
    const groups = [...run.matchAll(group)].map((m) => ({ start: m.index, end: m.index + m[0].length, digits: asciiDigits(m[0]) }));
    const plusAt = run.indexOf('+');
    let out = '';
    let copied = 0;
    for (let i = 0; i < groups.length; ) {
      let best = -1;
      let bestPhone = '';
      let digits = '';
      for (let j = i; j < groups.length; j++) {
        digits += groups[j]!.digits;
        if (digits.length > maxPhoneDigits) break;
        const withPlus = i === 0 && plusAt >= 0 ? '+' + digits : digits;
        const phone = canonicalPhone(withPlus);
        if (phone) {
          best = j;
          bestPhone = phone;
        }
      }
      if (best < 0) {
        i++;
        continue;
      }
      const start = i === 0 && plusAt >= 0 ? plusAt : groups[i]!.start;
      out += run.slice(copied, start) + (p ? p.phone(bestPhone) : '[phone]');
      copied = groups[best]!.end;
      i = best + 1;
    }
    return out + run.slice(copied);
  });
}
