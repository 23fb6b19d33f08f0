import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/util/lakes.ts';
import { applyProfile, canonicalHeader, loadProfile, parseWithFormats } from './profile.ts';

describe('mapping profiles', () => {
  it('maps headers, values and date formats of an export variant', () => {
    const dir = tempDir('profile');
    const file = path.join(dir, 'variant.yaml');
    fs.writeFileSync(
      file,
      [
        'source: cctns',
        'headerAliases:',
        '  "PS Name": police_station',
        '  "FIR No": fir_number',
        'dateFormats: ["MM-DD-YYYY HH:mm"]',
        'valueMaps:',
        '  status: { "Pending": "Under Investigation", "CS": "Charge Sheet Filed" }',
      ].join('\n'),
    );
    const profile = loadProfile(file, 'cctns');
    expect(canonicalHeader('PS Name', profile)).toBe('police_station');
    expect(canonicalHeader(' fir no ', profile)).toBe('fir_number');
    expect(canonicalHeader('District', profile)).toBe('district');
    expect(applyProfile({ status: 'pending', registered_at: '07-15-2024 14:30' }, profile, ['registered_at'])).toEqual({
      status: 'Under Investigation',
      registered_at: '2024-07-15 14:30:00',
    });
  });

  it('names the file and the field of a bad profile', () => {
    const dir = tempDir('profile');
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ source: 'cctns', dateFormats: ['%d/%m/%Y'] }));
    expect(() => loadProfile(file, 'cctns')).toThrow(/bad\.json: dateFormats\.0: use tokens/);
    fs.writeFileSync(file, JSON.stringify({ source: 'tips' }));
    expect(() => loadProfile(file, 'cctns')).toThrow('this profile is for source "tips", not "cctns"');
  });

  it('reads a month-first date by the profile even where day-first would also parse', async () => {
    const { applyProfile: apply } = await import('./profile.ts');
    const profile = { source: 'cctns', headerAliases: {}, dateFormats: ['MM/DD/YYYY HH:mm'], valueMaps: {} };
    expect(apply({ registered_at: '03/07/2024 10:00' }, profile, ['registered_at'])).toEqual({
      registered_at: '2024-03-07 10:00:00',
    });
  });

  it('rejects impossible dates even when the format matches', () => {
    expect(parseWithFormats('02-31-2024 10:00', ['MM-DD-YYYY HH:mm'])).toBeUndefined();
    expect(parseWithFormats('20240715', ['YYYYMMDD'])).toBe('2024-07-15 00:00:00');
  });
});
