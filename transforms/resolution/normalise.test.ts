import { describe, expect, it } from 'vitest';
import { foldWord, normaliseName, parseAddress, skeleton, splitNameField } from './normalise.ts';
import { devanagariToLatin } from './transliterate.ts';

describe('transliteration', () => {
  it.each([
    ['राजेश कुमार यादव', 'rajesh kumar yadav'],
    ['कमलेश', 'kamlesh'],
    ['अरविन्द', 'arvind'],
    ['धर्मेन्द्र', 'dharmendra'],
    ['राजभर', 'rajbhar'],
    ['सिंह', 'singh'],
    ['नूरजहां', 'nurjahan'],
    ['गढ़', 'garh'],
    ['फ़िरोज़', 'phiroj'],
  ])('%s → %s', (hi, latin) => {
    expect(devanagariToLatin(hi)).toBe(latin);
  });
});

describe('folding Indian-name spelling variants', () => {
  it.each([
    ['Suneel', 'Sunil'],
    ['Vinod', 'Binod'],
    ['Yadav', 'Yadava'],
    ['Yadaw', 'Jadav'],
    ['Shaikh', 'Sheikh'],
    ['Qureshi', 'Kureshi'],
    ['Siddiqui', 'Siddiqi'],
    ['Pandey', 'Panday'],
    ['Tiwari', 'Tiwary'],
    ['Maurya', 'Mourya'],
    ['Kushwaha', 'Kushwah'],
    ['Chaurasia', 'Chaurasiya'],
    ['Sanjay', 'Sanjai'],
    ['Bind', 'Bindh'],
    ['Noorjahan', 'Nurjahan'],
  ])('%s ≈ %s', (a, b) => {
    expect(foldWord(a.toLowerCase())).toBe(foldWord(b.toLowerCase()));
  });

  it('keeps a medial vowel but not in the skeleton', () => {
    expect(skeleton(foldWord('kamalesh'))).toBe(skeleton(foldWord('kamlesh')));
  });

  it('drops honorifics and expands Mohd., Kr.', () => {
    const a = normaliseName('Shri Mohd. Salim')!;
    expect(a.text).toBe('mohammad salim');
    expect(a.mohammad).toBe(true);
    expect(a.first).toBe('salim');
    expect(normaliseName('Rajesh Kr. Yadav')!.text).toBe('rajesh kumar yadav');
    expect(normaliseName('मो० इमरान')!.text).toBe('mohammad imran');
  });

  it('compares names in either script and without a middle Kumar', () => {
    const keys = ['राजेश कुमार यादव', 'Rajesh Kumar Yadav', 'Rajesh Yadav', 'Rajes Kr Yadava'].map(
      (n) => normaliseName(n)!.full,
    );
    expect(new Set(keys)).toEqual(new Set(['rajes jadab']));
  });

  it('takes a father and an alias out of the name field', () => {
    expect(splitNameField('Rajesh Yadav s/o Ram Prasad')).toEqual({
      name: 'rajesh yadav',
      alias: null,
      father: 'ram prasad',
    });
    expect(splitNameField('राजेश उर्फ राजू')).toEqual({ name: 'rajesh', alias: 'raju', father: null });
    expect(splitNameField('Salim @ Pappu').alias).toBe('pappu');
  });
});

describe('addresses', () => {
  it('finds place, police station and district in either script and layout', () => {
    const forms = [
      'Gram Fatehabad Kalan, Thana Line Bazar, Jaunpur',
      'R/o Fatehabad Kalan, Line Bazar, Jaunpur',
      'Vill. Fatehabad Kalan, PS Line Bazar, Distt. Jaunpur',
      'ग्राम फतेहाबाद कलां थाना लाइन बाजार जिला जौनपुर',
    ];
    for (const a of forms) {
      const p = parseAddress(a);
      expect(p.policeStationId).toBe('jaunpur-line-bazar');
      expect(p.districtId).toBe('jaunpur');
      expect(p.placeKey).toBe(parseAddress(forms[0]).placeKey);
    }
  });
});
