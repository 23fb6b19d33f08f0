import { describe, expect, it } from 'vitest';
import { compactPlateText, normalisePlate, stateCodes } from './plates.ts';

/** [text, canonical, display, repaired] for readable plates. */
const readable: [string, string, string, boolean][] = [
  // Spacing, dashes, dots and case.
  ['UP65AB1234', 'UP65AB1234', 'UP 65 AB 1234', false],
  ['UP65 AB 1234', 'UP65AB1234', 'UP 65 AB 1234', false],
  ['UP 65 AB 1234', 'UP65AB1234', 'UP 65 AB 1234', false],
  ['up-65-ab-1234', 'UP65AB1234', 'UP 65 AB 1234', false],
  ['U P 6 5 A B 1 2 3 4', 'UP65AB1234', 'UP 65 AB 1234', false],
  ['UP.65.AB.1234', 'UP65AB1234', 'UP 65 AB 1234', false],
  [' up65ab1234 ', 'UP65AB1234', 'UP 65 AB 1234', false],
  ['UP६५AB१२३४', 'UP65AB1234', 'UP 65 AB 1234', false],
  // Zero-padding of the number (and of a one-digit RTO outside Delhi) is not a repair.
  ['UP 65 AB 123', 'UP65AB0123', 'UP 65 AB 0123', false],
  ['UP65AB7', 'UP65AB0007', 'UP 65 AB 0007', false],
  ['MH1AB1234', 'MH01AB1234', 'MH 01 AB 1234', false],
  ['UP65A1234', 'UP65A1234', 'UP 65 A 1234', false],
  ['UP651234', 'UP651234', 'UP 65 1234', false],
  ['BR01PK5566', 'BR01PK5566', 'BR 01 PK 5566', false],
  // Delhi: single-digit RTO and a three-letter series, written unpadded.
  ['DL3CAB1234', 'DL3CAB1234', 'DL 3 CAB 1234', false],
  ['DL 03 CAB 1234', 'DL3CAB1234', 'DL 3 CAB 1234', false],
  // Letters read where digits must be (RTO and number).
  ['UPG5AB1234', 'UP65AB1234', 'UP 65 AB 1234', true],
  ['UP6SAB1234', 'UP65AB1234', 'UP 65 AB 1234', true],
  ['UP65AB1O34', 'UP65AB1034', 'UP 65 AB 1034', true],
  ['UP65AB0O12', 'UP65AB0012', 'UP 65 AB 0012', true],
  ['UP65ABI234', 'UP65AB1234', 'UP 65 AB 1234', true],
  ['UP65AB12Q4', 'UP65AB1204', 'UP 65 AB 1204', true],
  ['UP65ABD234', 'UP65AB0234', 'UP 65 AB 0234', true],
  ['UP65AB1Z3B', 'UP65AB1238', 'UP 65 AB 1238', true],
  // Digits read where letters must be (state code and series).
  ['UP65A81234', 'UP65AB1234', 'UP 65 AB 1234', true],
  ['UP65A51234', 'UP65AS1234', 'UP 65 AS 1234', true],
  ['UP65A21234', 'UP65AZ1234', 'UP 65 AZ 1234', true],
  ['UP65A61234', 'UP65AG1234', 'UP 65 AG 1234', true],
  ['0D02AB1234', 'OD02AB1234', 'OD 02 AB 1234', true],
  // Bharat series.
  ['22 BH 1234 AA', '22BH1234AA', '22 BH 1234 AA', false],
  ['22BH1234AA', '22BH1234AA', '22 BH 1234 AA', false],
  ['23-bh-0042-c', '23BH0042C', '23 BH 0042 C', false],
  ['228H1234AA', '22BH1234AA', '22 BH 1234 AA', true],
  ['22BH12S4A8', '22BH1254AB', '22 BH 1254 AB', true],
];

describe('normalisePlate', () => {
  it.each(readable)('reads %j as %s', (text, canonical, display, repaired) => {
    const r = normalisePlate(text);
    expect(r).toMatchObject({ raw: text, isValid: true, registrationNumber: canonical, display, isRepaired: repaired });
  });

  it('has at least 25 readable cases', () => expect(readable.length).toBeGreaterThanOrEqual(25));

  const unreadable = [
    '',
    '   ',
    'HELLO',
    '???',
    'N/A',
    'UP65AB12#4', // a character that is no separator
    'UP65AB1234567', // too long
    'UP6', // too short
    'XX65AB1234', // no such state code
    'U965AB1234', // 9 is no OCR confusion for a letter
    'UP65AB0000', // no plate is number 0000
    'UP00AB1234', // nor RTO 00
    'UP65AB12345', // a number of five digits does not fit anywhere without guessing
    '20BH1234AA', // Bharat series began in 2021
    '22BH123AA', // Bharat numbers have four digits
    'ABCDEFGH',
    '12345678',
    'उत्तर प्रदेश',
  ];
  it.each(unreadable)('keeps %j as unreadable, with its raw text', (text) => {
    const r = normalisePlate(text);
    expect(r).toEqual({
      raw: text,
      isValid: false,
      registrationNumber: null,
      display: null,
      kind: null,
      stateCode: null,
      rtoCode: null,
      isRepaired: false,
      repairs: [],
    });
  });

  it('reports the repairs, the kind, the state and the RTO', () => {
    expect(normalisePlate('UPG5AB1O34')).toMatchObject({
      registrationNumber: 'UP65AB1034',
      kind: 'state',
      stateCode: 'UP',
      rtoCode: 'UP65',
      repairs: [
        { position: 2, from: 'G', to: '6' },
        { position: 7, from: 'O', to: '0' },
      ],
    });
    expect(normalisePlate('22BH1234AA')).toMatchObject({ kind: 'bharat', stateCode: null, rtoCode: 'BH', repairs: [] });
    expect(normalisePlate('DL3CAB1234').rtoCode).toBe('DL3');
  });

  it('does not trust readings that need many repairs', () => {
    // Three confusions in one plate: more likely another plate or a bad read.
    expect(normalisePlate('UPG5A8IO34').isValid).toBe(false);
    expect(normalisePlate('UPG5A81034')).toMatchObject({ isValid: true, registrationNumber: 'UP65AB1034' });
  });

  it('is idempotent on canonical and display forms', () => {
    for (const [, canonical, display] of readable) {
      expect(normalisePlate(canonical)).toMatchObject({ registrationNumber: canonical, isRepaired: false });
      expect(normalisePlate(display).registrationNumber).toBe(canonical);
    }
  });

  it('reads every state code', () => {
    for (const code of Object.keys(stateCodes)) {
      const rto = code === 'DL' ? '5' : '05';
      expect(normalisePlate(`${code} 5 XY 42`).registrationNumber).toBe(`${code}${rto}XY0042`);
    }
  });

  it('compacts separators, case and Devanagari digits', () => {
    expect(compactPlateText(' up 65–ab.१२३४ ')).toBe('UP65AB1234');
  });
});
