import { describe, expect, it } from 'vitest';
import { asciiDigits, canonicalPhone, createPseudonymiser, maskPhoneNumbers, PseudonymKeyError } from './pseudonym.ts';

const key = 'test-informant-key-0001';
const p = createPseudonymiser(key);
const pseudonym = /^inf_[0-9a-f]{20}$/;

describe('createPseudonymiser', () => {
  it('gives one pseudonym per number, whatever the written form', () => {
    const forms = [
      '9876543210',
      '919876543210',
      '+91 98765 43210',
      '+91-98765-43210',
      '098765 43210',
      '0091 98765 43210',
      '९८७६५४३२१०',
      '+९१ ९८७६५-४३२१०',
    ];
    const all = new Set(forms.map((f) => p.phone(f)));
    expect(all.size).toBe(1);
    expect([...all][0]).toMatch(pseudonym);
    // A wa_id (the number with its country code, no +) as a sender is the same person.
    expect(p.sender('919876543210')).toBe(p.phone('98765 43210'));
    expect(p.sender('447700900123')).toBe(p.phone('+44 7700 900123'));
  });

  it('names a business-scoped user id apart from numbers, and stably', () => {
    const u = p.sender('IN.1180471928376452');
    expect(u).toMatch(pseudonym);
    expect(p.sender('IN.1180471928376452')).toBe(u);
    expect(u).not.toBe(p.sender('IN.1180471928376453'));
    expect(u).not.toBe(p.phone('9876543210'));
  });

  it('gives different pseudonyms under different keys', () => {
    const other = createPseudonymiser('another-informant-key-02');
    expect(other.phone('9876543210')).not.toBe(p.phone('9876543210'));
    expect(other.sender('IN.1180471928376452')).not.toBe(p.sender('IN.1180471928376452'));
    expect(other.messageId('wamid.X')).not.toBe(p.messageId('wamid.X'));
  });

  it('hashes message ids, which embed the number, to msg_ tokens', () => {
    const id = 'wamid.HBgMOTE5ODc2NTQzMjEwFQIAEhggM0E=';
    expect(p.messageId(id)).toMatch(/^msg_[0-9a-f]{24}$/);
    expect(p.messageId(id)).toBe(p.messageId(id));
    expect(p.messageId(id)).not.toContain('OTE5ODc2NTQzMjEw');
  });

  it('refuses a key shorter than 16 characters', () => {
    expect(() => createPseudonymiser('short')).toThrow(PseudonymKeyError);
    expect(() => createPseudonymiser('short')).toThrow(/at least 16 characters/);
  });
});

describe('canonicalPhone', () => {
  it('reads Indian mobiles and landlines in their usual forms', () => {
    expect(canonicalPhone('98765 43210')).toBe('919876543210');
    expect(canonicalPhone('098765-43210')).toBe('919876543210');
    expect(canonicalPhone('+91 98765 43210')).toBe('919876543210');
    expect(canonicalPhone('0542 2502111')).toBe('915422502111');
    expect(canonicalPhone('+1 202 555 0123')).toBe('12025550123');
  });

  it('rejects numbers that are not phones', () => {
    for (const s of ['1717000000', '5876543210', '12345', '987654321', '98765432101', '2024-03-15']) {
      expect(canonicalPhone(s), s).toBeUndefined();
    }
  });
});

describe('maskPhoneNumbers', () => {
  const masked = p.phone('9876543210');

  it('masks numbers inside free text in every common format', () => {
    const cases = [
      'call +91 98765 43210 now',
      'call +91-98765-43210 now',
      'call +919876543210 now',
      'call 098765 43210 now',
      'call 098765-43210 now',
      'call 98765 43210 now',
      'call 98765-43210 now',
      'call 9876543210 now',
      'call 987 654 3210 now',
      'call (98765) 43210 now',
      'call ९८७६५४३२१० now',
      'call ९८७६५ ४३२१० now',
    ];
    for (const c of cases) {
      const out = maskPhoneNumbers(c, p);
      expect(out, c).toContain(masked);
      expect(asciiDigits(out).replace(/inf_[0-9a-f]+/g, ''), c).not.toMatch(/\d{4}/);
    }
    expect(maskPhoneNumbers('call 98765 43210 now', null)).toBe('call [phone] now');
  });

  it('masks two numbers side by side separately', () => {
    expect(maskPhoneNumbers('9876543210 9812345678', p)).toBe(`${masked} ${p.phone('9812345678')}`);
    expect(maskPhoneNumbers('नंबर 98765 43210, 98123 45678 है', null)).toBe('नंबर [phone], [phone] है');
  });

  it('leaves dates, amounts, FIR and vehicle numbers, coordinates and times alone', () => {
    const text = 'FIR 0123/2024 dated 15/03/2024 10:30, Rs 7,500, UP65 AB 1234, at 25.7520, 82.6890; ts 1717000000; id 12345678901234567';
    expect(maskPhoneNumbers(text, p)).toBe(text);
  });

  it('is idempotent: masking twice leaves the pseudonyms alone', () => {
    const once = maskPhoneNumbers('call 98765 43210 or +91 70000 12345', p);
    expect(maskPhoneNumbers(once, p)).toBe(once);
  });

  it('keeps Devanagari text around a number unchanged', () => {
    expect(maskPhoneNumbers('इस व्यक्ति का नंबर 9876543210 है।', p)).toBe(`इस व्यक्ति का नंबर ${masked} है।`);
  });
});
