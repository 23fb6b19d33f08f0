import { describe, expect, it } from 'vitest';
import type { AccusedRecord } from './features.ts';
import { assignIds, personIdOf } from './ids.ts';
import { resolve } from './resolve.ts';

let fir = 0;
function record(overrides: Partial<AccusedRecord>): AccusedRecord {
  fir++;
  const firId = `jaunpur-line-bazar/2024/${String(fir).padStart(4, '0')}`;
  return {
    recordId: `${firId}#1`,
    firId,
    accusedNumber: 1,
    district: 'Jaunpur',
    firYear: 2024,
    name: 'Rajesh Kumar Yadav',
    alias: null,
    fatherName: 'Ram Prasad Yadav',
    sex: 'M',
    age: 32,
    address: 'Gram Rampur, Thana Line Bazar, Jaunpur',
    ...overrides,
  };
}

/** Unrelated people, so the model has a population to learn from. */
function background(): AccusedRecord[] {
  const firsts = ['Suresh', 'Mukesh', 'Dinesh', 'Anil', 'Sunil', 'Manoj', 'Vinod', 'Ashok', 'Pankaj', 'Amit'];
  const surnames = ['Yadav', 'Maurya', 'Bind', 'Pal', 'Gupta', 'Singh'];
  const fathers = ['Ramesh', 'Shyam', 'Hari', 'Lalji', 'Umesh', 'Rakesh', 'Santosh', 'Vijay'];
  const villages = ['Shivpur', 'Madhogarh', 'Alinagar', 'Kamaldih', 'Haripur', 'Devpur', 'Sultanpur'];
  const out: AccusedRecord[] = [];
  for (let i = 0; i < 300; i++) {
    const s = surnames[i % surnames.length] as string;
    out.push(
      record({
        name: `${firsts[i % firsts.length]} ${s}`,
        fatherName: `${fathers[(i * 7) % fathers.length]} ${s}`,
        age: 20 + ((i * 13) % 40),
        address: `Gram ${villages[(i * 5) % villages.length]}, Thana Line Bazar, Jaunpur`,
      }),
    );
  }
  return out;
}

describe('resolve', () => {
  it('links one person written in two scripts and with variants, and no one else', () => {
    const same = [
      record({}),
      record({
        name: 'राजेश कुमार यादव',
        fatherName: 'राम प्रसाद यादव',
        age: 33,
        address: 'ग्राम रामपुर, थाना लाइन बाजार, जनपद जौनपुर',
      }),
      record({
        name: 'Rajesh Yadav s/o Ram Prasad',
        fatherName: null,
        age: 31,
        address: 'R/o Rampur, Line Bazar, Jaunpur',
      }),
      record({
        name: 'Rajes Kr. Yadava',
        alias: 'Raju',
        age: 32,
        address: 'Vill. Rampur, PS Line Bazar, Distt. Jaunpur',
      }),
    ];
    const records = [...same, ...background()];
    const res = resolve(records);
    const ids = new Set(res.records.slice(0, 4).map((r) => r.personId));
    expect(ids.size).toBe(1);
    const others = res.records.slice(4).filter((r) => ids.has(r.personId));
    expect(others).toEqual([]);
    const linked = res.records[1]!;
    expect(linked.linkProbability).toBeGreaterThan(0.95);
    expect(linked.linkReasons.map((r) => r.field)).toContain('father_name');
  });

  it('does not merge two people with a common name and district but different father and age', () => {
    const a = [
      record({ name: 'Rajesh Kumar Yadav', fatherName: 'Ram Prasad Yadav', age: 30 }),
      record({ name: 'Rajesh Yadav', fatherName: 'Ram Prasad Yadav', age: 31 }),
    ];
    const b = [
      record({
        name: 'Rajesh Kumar Yadav',
        fatherName: 'Shiv Shankar Yadav',
        age: 45,
        address: 'Gram Rampur, Thana Line Bazar, Jaunpur',
      }),
      record({
        name: 'राजेश कुमार यादव',
        fatherName: 'शिव शंकर यादव',
        age: 46,
        address: 'ग्राम रामपुर, थाना लाइन बाजार, जनपद जौनपुर',
      }),
    ];
    const res = resolve([...a, ...b, ...background()]);
    const [a1, a2, b1, b2] = res.records;
    expect(a1!.personId).toBe(a2!.personId);
    expect(b1!.personId).toBe(b2!.personId);
    expect(a1!.personId).not.toBe(b1!.personId);
  });

  it('never puts two accused of one FIR into one person', () => {
    const x = record({});
    const y = { ...record({}), firId: x.firId, recordId: `${x.firId}#2`, accusedNumber: 2 };
    const res = resolve([x, y, ...background()]);
    expect(res.records[0]!.personId).not.toBe(res.records[1]!.personId);
  });

  it('keeps the previous ids and only adds new records (incremental)', () => {
    const first = [record({}), record({ age: 33 }), ...background()];
    const before = resolve(first);
    const previous = new Map(first.map((r, i) => [r.recordId, before.records[i]!.personId]));
    const next = [
      ...first,
      record({ name: 'राजेश यादव', fatherName: 'राम प्रसाद यादव', age: 32 }),
      record({ name: 'Kallu Nishad', fatherName: 'Bhola Nishad' }),
    ];
    const after = resolve(next, { previous });
    first.forEach((r, i) => expect(after.records[i]!.personId).toBe(previous.get(r.recordId)));
    expect(after.records[first.length]!.personId).toBe(after.records[0]!.personId);
    expect(after.records[first.length]!.previousPersonId).toBeNull();
    expect(new Set(previous.values()).has(after.records[first.length + 1]!.personId)).toBe(false);
  });
});

describe('stable ids', () => {
  it('derives a new id from the earliest record, the same on every rebuild', () => {
    const root = Int32Array.from([0, 0, 2]);
    const input = { recordIds: ['a', 'b', 'c'], root, previous: [null, null, null], anchorKey: ['2', '1', '3'] };
    const ids = assignIds(input);
    expect(ids[0]).toBe(personIdOf('1'));
    expect(ids[0]).toBe(ids[1]);
    expect(ids[0]).toMatch(/^P[0-9A-Z]{10}$/);
    expect(assignIds(input)).toEqual(ids);
  });

  it('keeps the id of the larger share on a merge, and gives a split-off part a new id', () => {
    const previous = ['P1', 'P1', 'P2', 'P3', 'P3', 'P3'];
    // records 0-2 now one person (P1 and P2 merged); 3-4 stay; 5 split off
    const root = Int32Array.from([0, 0, 0, 3, 3, 5]);
    const ids = assignIds({
      recordIds: ['a', 'b', 'c', 'd', 'e', 'f'],
      root,
      previous,
      anchorKey: ['a', 'b', 'c', 'd', 'e', 'f'],
    });
    expect(ids.slice(0, 3)).toEqual(['P1', 'P1', 'P1']);
    expect(ids.slice(3, 5)).toEqual(['P3', 'P3']);
    expect(['P1', 'P2', 'P3']).not.toContain(ids[5]);
  });

  it('never hands out a reserved id', () => {
    const reserved = new Set([personIdOf('a')]);
    const ids = assignIds({
      recordIds: ['a'],
      root: Int32Array.from([0]),
      previous: [null],
      anchorKey: ['a'],
      reserved,
    });
    expect(reserved.has(ids[0]!)).toBe(false);
  });
});
