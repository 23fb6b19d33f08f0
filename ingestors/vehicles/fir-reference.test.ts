import { describe, expect, it } from 'vitest';
import { parseFirReference } from './fir-reference.ts';

describe('parseFirReference', () => {
  it.each([
    ['0123/2024', null, null, '0123', 2024],
    ['123/24', null, null, '123', 2024],
    ['123 - 2024', null, null, '123', 2024],
    ['FIR No. 123/2024', null, null, '123', 2024],
    ['F.I.R. 77/2023', null, null, '77', 2023],
    ['Cr. No. 45 of 2023', null, null, '45', 2023],
    ['मु.अ.सं. 123/2024', null, null, '123', 2024],
    ['Jaunpur/Line Bazar/0123/2024', 'Jaunpur', 'Line Bazar', '0123', 2024],
    ['Line Bazar, Jaunpur, FIR 123/2024', 'Jaunpur', 'Line Bazar', '123', 2024],
    ['Line Bazar 123/2024', null, 'Line Bazar', '123', 2024],
    ['जौनपुर/लाइन बाजार/0045/2025', 'जौनपुर', 'लाइन बाजार', '0045', 2025],
  ])('%j', (text, district, policeStation, firNumber, firYear) => {
    expect(parseFirReference(text)).toEqual({ district, policeStation, firNumber, firYear });
  });

  it.each(['', 'pending', 'FIR not lodged', '2024'])('has no FIR in %j', (text) => {
    expect(parseFirReference(text)).toBeUndefined();
  });
});
