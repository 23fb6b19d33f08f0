import { describe, expect, it } from 'vitest';
import { ingestWorkflowId, isoWeekRange, previousIsoWeek, settledKey, errorKeyFor } from './shared.ts';
import { planWaves } from './activities.ts';
import { groupByContent, forEachLimited } from './flows.ts';

describe('ISO weeks in Asia/Kolkata', () => {
  it('spans Monday 00:00 IST to the next Monday 00:00 IST', () => {
    const { start, end } = isoWeekRange('2025-W23');
    expect(start.toISOString()).toBe('2025-06-01T18:30:00.000Z'); // Monday 2 June 00:00 IST
    expect(end.toISOString()).toBe('2025-06-08T18:30:00.000Z');
    expect(isoWeekRange('2025-W01').start.toISOString()).toBe('2024-12-29T18:30:00.000Z'); // Monday 30 Dec 2024
    expect(isoWeekRange('2020-W53').start.toISOString()).toBe('2020-12-27T18:30:00.000Z');
  });

  it('rejects malformed and non-existent weeks', () => {
    expect(() => isoWeekRange('2025-23')).toThrow(/expected YYYY-Www/);
    expect(() => isoWeekRange('2021-W53')).toThrow(/2021 has no week 53/);
    expect(() => isoWeekRange('2025-W00')).toThrow(/no week 0/);
  });

  it('the week that ended last: Monday 06:00 IST reports the week just ended', () => {
    expect(previousIsoWeek(new Date('2025-06-09T00:30:00Z'))).toBe('2025-W23'); // Mon 06:00 IST
    // Sunday 23:59 IST is still in W23, so the week that ended before it is W22.
    expect(previousIsoWeek(new Date('2025-06-08T18:29:00Z'))).toBe('2025-W22');
    expect(previousIsoWeek(new Date('2025-06-08T18:30:00Z'))).toBe('2025-W23');
    expect(previousIsoWeek(new Date('2025-01-06T00:30:00Z'))).toBe('2025-W01');
  });
});

describe('keys and ids', () => {
  it('names ingests by content and settled objects by outcome', () => {
    const sha = 'ab'.repeat(32);
    expect(ingestWorkflowId('cctns', sha)).toBe('ingest-cctns-' + 'ab'.repeat(12));
    expect(settledKey('done', 'tips', 'a/b.jsonl')).toBe('inbox/done/tips/a/b.jsonl');
    expect(errorKeyFor(settledKey('failed', 'cctns', 'x.csv'))).toBe('inbox/failed/cctns/x.csv.error.txt');
  });

  it('groups objects by source and content in listing order', () => {
    const o = (source: string, key: string, sha256: string) => ({ source, key, name: key, size: 1, sha256 });
    const groups = groupByContent([
      o('cctns', 'a', '1'),
      o('cctns', 'b', '2'),
      o('cctns', 'c', '1'),
      o('tips', 'd', '1'),
    ]);
    expect(groups.map((g) => [g.source, g.objects.map((x) => x.key)])).toEqual([
      ['cctns', ['a', 'c']],
      ['cctns', ['b']],
      ['tips', ['d']],
    ]);
  });

  it('runs at most `limit` at once', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await forEachLimited([1, 2, 3, 4, 5], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      done.push(n);
      running--;
    });
    expect(peak).toBe(2);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('plans every model in a wave after the models it reads', () => {
    const waves = planWaves(['crime_monthly']);
    expect(waves.flat().map((s) => s.model)).toEqual(['crime_monthly']);
    expect(waves.flat().every((s) => s.partitions.length === 0)).toBe(true);
  });
});
