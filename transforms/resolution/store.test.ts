/**
 * The compact forms that let the resolver scale: the columnar store, blocking by counting sorts
 * (checked against the plain string-key algorithm it replaces), numeric person ids, and the
 * model's passive field.
 */
import { describe, expect, it } from 'vitest';
import { blockingRules, forEachCandidatePair, prng, type BlockingRule } from './blocking.ts';
import { fieldBases, fields } from './comparisons.ts';
import { PersonIdSet, PersonNamer, personIdNumber, personIdOf, personIdText, personNumberOf } from './ids.ts';
import { estimate } from './model.ts';
import { storeOf } from './resolve.ts';
import { noYear, RecordStore, type RecordStore as Store } from './store.ts';
import type { AccusedRecord } from './features.ts';

function records(n: number, seed: number): AccusedRecord[] {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const firsts = ['Rajesh', 'Rajes', 'Ramesh', 'Suresh', 'Chhote Lal', 'Chhotelal', 'Mohd. Irfan', 'Raju'];
  const lasts = ['Yadav', 'Yadava', 'Maurya', 'Pal', '', 'Raj Bhar'];
  const fathers = ['Ram Prasad', 'Ram', 'Ramprasad', 'Shiv Shankar', 'Hari', 'Ab', 'Abc', ''];
  const places = ['Rampur', 'Rampura', 'Shivpur', 'Alinagar', 'Ab', 'Abc'];
  const stations = ['Line Bazar', 'Kerakat', 'Sikrara'];
  return Array.from({ length: n }, (_, i) => {
    const last = pick(lasts);
    const father = pick(fathers);
    return {
      recordId: `r${String(i).padStart(5, '0')}`,
      firId: `f${Math.floor(i / 2)}`,
      accusedNumber: (i % 2) + 1,
      district: pick(['Jaunpur', 'Ghazipur']),
      firYear: 2020 + Math.floor(rand() * 5),
      name: `${pick(firsts)} ${last}`.trim() + (rand() < 0.1 ? ` alias ${pick(['Raju', 'Pappu'])}` : ''),
      alias: rand() < 0.3 ? pick(['Raju', 'Pappu', 'Raju @ Pappu']) : null,
      fatherName: father === '' ? null : `${father} ${last}`.trim(),
      sex: pick(['M', 'M', 'F', null]),
      age: rand() < 0.2 ? null : 18 + Math.floor(rand() * 50),
      address: rand() < 0.1 ? null : `Gram ${pick(places)}, Thana ${pick(stations)}, Jaunpur`,
    };
  });
}

/** The pairs of the rules as the string-key algorithm made them: groups by joined key, sorted by joined key. */
function referencePairs(s: Store, rules: readonly BlockingRule[], window: number): Set<string> {
  const text = (part: string, i: number, followed: boolean): string => {
    let t: string;
    if (part === 'birthYear') t = s.birthYearOf(i) === noYear ? '----' : String(s.birthYearOf(i));
    else {
      const v =
        part === 'firstSkeleton'
          ? s.firstSkeleton(i)
          : part === 'lastSkeleton'
            ? s.lastSkeleton(i)
            : part === 'fatherGiven'
              ? s.fatherGivenOf(i)
              : part === 'fatherFirstSkeleton'
                ? s.fatherFirstSkeleton(i)
                : part === 'place'
                  ? s.place(i)
                  : part === 'alias'
                    ? s.aliasOf(i)
                    : -2;
      if (part === 'station') t = s.station(i) < 0 ? '' : s.labels.text(s.station(i));
      else t = v < 0 ? '' : s.strings.text(v);
    }
    return followed ? t + '|' : t;
  };
  const pairs = new Set<string>();
  for (const rule of rules) {
    const groups = new Map<string, number[]>();
    for (let i = 0; i < s.size; i++) {
      if (!s.isNamed(i)) continue;
      if ((rule.requires ?? []).some((p) => text(p, i, false) === '')) continue;
      const key = rule.block.map((p) => text(p, i, true)).join('');
      groups.set(key, [...(groups.get(key) ?? []), i]);
    }
    for (const g of groups.values()) {
      const sortKey = (i: number) => rule.sort.map((p, k) => text(p, i, k < rule.sort.length - 1)).join('');
      const order = [...g].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : a - b));
      for (let x = 0; x < order.length; x++)
        for (let y = x + 1; y < Math.min(order.length, x + window + 1); y++) {
          const a = Math.min(order[x] as number, order[y] as number);
          const b = Math.max(order[x] as number, order[y] as number);
          pairs.add(`${a}-${b}`);
        }
    }
  }
  return pairs;
}

describe('record store', () => {
  it('keeps every dictionary code, however far beyond its tables’ first size', () => {
    const s = new RecordStore(4);
    for (let c = 0; c < 3000; c++) s.addFather(c, c === 2047 ? 'Arvind Mishra' : `Ram ${c}`);
    s.addName(5000, 'Jitendra Kumar Mishra');
    for (let c = 0; c < 3000; c += 7) s.addAddress(c, `Gram Rampur ${c}, Thana Line Bazar, Jaunpur`);
    const i = s.addRecord({
      name: 5000,
      alias: -1,
      father: 2047,
      address: 2996,
      sex: -1,
      district: -1,
      age: 30,
      firYear: 2024,
      fir: 1,
      previous: -1,
    });
    expect(s.strings.text(s.fatherGivenOf(i))).toBe('arbind');
    expect(s.place(i)).toBeGreaterThanOrEqual(0);
    expect(s.strings.text(s.place(i))).toBe('rampur');
  });
});

describe('blocking by counting sorts', () => {
  it('proposes exactly the pairs of the string-key algorithm, each once', () => {
    const rs = records(1500, 3);
    const s = storeOf(rs, new Int32Array(rs.length).fill(-1));
    for (const window of [1, 4]) {
      const seen = new Set<string>();
      let duplicates = 0;
      const stats = forEachCandidatePair(s, { window }, (a, b) => {
        expect(a).toBeLessThan(b);
        const k = `${a}-${b}`;
        if (seen.has(k)) duplicates++;
        seen.add(k);
      });
      expect(duplicates).toBe(0);
      expect(stats.distinct).toBe(seen.size);
      expect([...seen].sort()).toEqual([...referencePairs(s, blockingRules, window)].sort());
    }
  });
});

describe('person ids as numbers', () => {
  it('writes and reads the id of a 50-bit number as personIdOf does', () => {
    for (const anchor of ['2024|jaunpur-line-bazar/2024/0001#1', '9999|x', '']) {
      const n = personNumberOf(anchor);
      expect(n).toBeLessThan(2 ** 50);
      expect(personIdText(n)).toBe(personIdOf(anchor));
      expect(personIdNumber(personIdOf(anchor))).toBe(n);
    }
    expect(personIdNumber('P1')).toBeNaN();
  });

  it('keeps a set of ids, numbers and others alike, through growth', () => {
    const set = new PersonIdSet();
    const ids = Array.from({ length: 100_000 }, (_, i) => personIdOf(String(i)));
    ids.forEach((id) => set.add(id));
    set.add('P1');
    expect(ids.every((id) => set.has(id))).toBe(true);
    expect(set.has('P1')).toBe(true);
    expect(set.has(personIdOf('x'))).toBe(false);
  });

  it('names a cluster whose id is taken as the sequential naming does', () => {
    const root = Int32Array.from([0, 0, 2, 3]);
    const kept = new Int32Array(4).fill(-1);
    const anchors = ['a', 'b', 'c', 'd'];
    const reserved = () => {
      const used = new PersonIdSet();
      used.add(personIdOf('c'));
      return used;
    };
    const direct = new PersonNamer(root, kept, reserved());
    anchors.forEach((a, i) => direct.offer(i, a));
    const hashed = new PersonNamer(root, kept, reserved());
    anchors.forEach((a, i) => hashed.offerNumber(i, personNumberOf(a)));
    expect(hashed.pending).toEqual([2]);
    for (const i of hashed.pending) hashed.settle(i, anchors[i] as string);
    expect(Array.from(hashed.newId)).toEqual(Array.from(direct.newId));
    expect(personIdText(direct.newId[2] as number)).toBe(personIdOf('c#1'));
  });
});

describe('the model', () => {
  it('estimates the district from the posteriors without letting it steer them', () => {
    const level = (field: string, l: number): number =>
      l * (fieldBases[fields.findIndex((f) => f.name === field)] as number);
    const counts = (flip: boolean) => {
      const c = new Map<number, number>();
      const add = (code: number, n: number) => c.set(code, (c.get(code) ?? 0) + n);
      // Matches: father and address agree. Non-matches: they differ. District as given.
      add(level('father_name', 1) + level('address', 1) + level('district', flip ? 2 : 1), 50);
      add(level('father_name', 4) + level('address', 5) + level('district', 1), 5000);
      add(level('father_name', 4) + level('address', 4) + level('district', flip ? 1 : 2), 3000);
      return c;
    };
    const a = estimate(counts(false));
    const b = estimate(counts(true));
    expect(b.lambda).toBeCloseTo(a.lambda, 12);
    expect(a.lambda).toBeGreaterThan(0.005);
    expect(a.lambda).toBeLessThan(0.02);
  });
});
