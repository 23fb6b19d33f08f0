import { describe, expect, it } from 'vitest';
import { istIsoWeek, istMonth, parseIstDateTime } from './time.ts';

describe('parseIstDateTime', () => {
  it('reads CCTNS DD/MM/YYYY HH:mm as IST and returns the UTC instant', () => {
    expect(parseIstDateTime('15/07/2024 14:30')?.toISOString()).toBe('2024-07-15T09:00:00.000Z');
    expect(parseIstDateTime('2024-07-15 05:29')?.toISOString()).toBe('2024-07-14T23:59:00.000Z');
    expect(parseIstDateTime('01/07/2024')?.toISOString()).toBe('2024-06-30T18:30:00.000Z');
    expect(parseIstDateTime('2024-07-15T09:00:00Z')?.toISOString()).toBe('2024-07-15T09:00:00.000Z');
  });
  it('rejects impossible dates and other text', () => {
    for (const bad of [
      '31/02/2024 10:00',
      '2024-02-30T10:00:00+05:30',
      '15/13/2024',
      '2024-07-15 25:00',
      'yesterday',
      '',
      '15/07/24',
    ]) {
      expect(parseIstDateTime(bad), bad).toBeUndefined();
    }
  });
});

describe('IST calendar', () => {
  it('puts an instant just after midnight IST into the new month and week', () => {
    const d = new Date('2024-06-30T18:45:00Z'); // 1 July 2024 00:15 IST, a Monday
    expect(istMonth(d)).toBe('2024-07');
    expect(istIsoWeek(d)).toBe('2024-W27');
  });
  it('computes ISO weeks across year ends', () => {
    expect(istIsoWeek(new Date('2024-12-30T06:00:00Z'))).toBe('2025-W01');
    expect(istIsoWeek(new Date('2021-01-03T06:00:00Z'))).toBe('2020-W53');
    expect(istIsoWeek(new Date('2025-06-02T06:00:00Z'))).toBe('2025-W23');
  });
});
