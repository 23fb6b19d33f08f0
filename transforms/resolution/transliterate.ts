/**
 * Devanagari → Latin for names and addresses, the way a Hindi-speaking clerk writes them in
 * English: the transliteration itself is done by Sanscript (IAST), then the inherent vowel that
 * Hindi does not pronounce is dropped (schwa deletion: राजेश → rajesh, not rajesha; कमलेश →
 * kamlesh) and the diacritics are folded to plain ASCII (ś → sh, ṭ → t, सिंह → singh).
 */
import { createRequire } from 'node:module';

interface SanscriptApi {
  t(data: string, from: string, to: string): string;
}

// A CommonJS package whose typings declare an ES default export it does not have: load it as
// what it is.
const Sanscript = createRequire(import.meta.url)('@indic-transliteration/sanscript') as SanscriptApi;

const devanagari = /[\u0900-\u097f]/;

/** Whether the text has any Devanagari letter. */
export function hasDevanagari(text: string): boolean {
  return devanagari.test(text);
}

// Nukta letters are Urdu/Persian sounds; the plain letter is what the Latin spellings fold to
// (ज़ and ज both end as "j" after folding), except ड़/ढ़, which are spoken r/rh (गढ़ → garh).
const nukta: readonly [RegExp, string][] = [
  [/\u0921\u093c/g, '\u0930'], // ड़ → र
  [/\u0922\u093c/g, '\u0930\u094d\u0939'], // ढ़ → र्ह
  [/\u093c/g, ''],
];

// IAST units: consonants (aspirates first), vowels, and the rest.
const consonants = [
  'kh', 'gh', 'ch', 'jh', 'ṭh', 'ḍh', 'th', 'dh', 'ph', 'bh',
  'k', 'g', 'ṅ', 'c', 'j', 'ñ', 'ṭ', 'ḍ', 'ṇ', 't', 'd', 'n', 'p', 'b', 'm', 'y', 'r', 'l', 'v', 'ś', 'ṣ', 's', 'h', 'ḻ',
]; // prettier-ignore
const vowels = ['ai', 'au', 'a', 'ā', 'i', 'ī', 'u', 'ū', 'ṛ', 'ṝ', 'ḷ', 'e', 'o'];
const semivowelFinal = new Set(['r', 'y', 'v']);

type Unit = { text: string; kind: 'C' | 'V' | 'O' };

function units(word: string): Unit[] {
  const out: Unit[] = [];
  let i = 0;
  outer: while (i < word.length) {
    for (const c of consonants) {
      if (word.startsWith(c, i)) {
        out.push({ text: c, kind: 'C' });
        i += c.length;
        continue outer;
      }
    }
    for (const v of vowels) {
      if (word.startsWith(v, i)) {
        out.push({ text: v, kind: 'V' });
        i += v.length;
        continue outer;
      }
    }
    out.push({ text: word[i] as string, kind: 'O' });
    i++;
  }
  return out;
}

/**
 * Hindi schwa deletion on one IAST word (after Ohala): a short "a" after a consonant is dropped
 * at the end of the word (unless a cluster ending in r/y/v needs it: चन्द्र → chandra, मौर्य →
 * maurya) and inside the word in the context V C _ C V (कमलेश → kamlesh, राजभर → rajbhar).
 * Only short "a" written after a consonant is inherent. Left to right, because names are
 * compounds whose first part keeps its shape (नूरजहां → nurjahan, सरफराज → sarphraj).
 */
export function deleteSchwa(word: string): string {
  const u = units(word);
  const isSchwa = (i: number): boolean => u[i]?.text === 'a' && u[i - 1]?.kind === 'C';
  const last = u.length - 1;
  if (last >= 2 && isSchwa(last)) {
    const c1 = u[last - 1] as Unit;
    const c0 = u[last - 2] as Unit;
    const cluster = c0.kind === 'C';
    if (!(cluster && semivowelFinal.has(c1.text))) u.splice(last, 1);
  }
  for (let i = 2; i < u.length - 2; i++) {
    if (!isSchwa(i)) continue;
    const before = u[i - 2] as Unit;
    const next = u[i + 1] as Unit;
    const after = u[i + 2];
    if (before.kind === 'V' && next.kind === 'C' && after?.kind === 'V') u.splice(i, 1);
  }
  return u.map((x) => x.text).join('');
}

const asciiFold: readonly [RegExp, string | ((m: string) => string)][] = [
  [/jñ/g, 'gy'], // ज्ञ is spoken gy (ज्ञान → gyan)
  [/ṃh/g, 'ngh'], // सिंह → singh
  [/ṃ(?=[pbm])/g, 'm'],
  [/[ṃṅñ]|m̐/g, 'n'],
  [/ch|c/g, (m) => (m === 'ch' ? 'chh' : 'ch')], // IAST c = च (ch), ch = छ (chh)
  [/[śṣ]/g, 'sh'],
  [/[ṛṝ]/g, 'ri'],
  [/ā/g, 'a'],
  [/ī/g, 'i'],
  [/ū/g, 'u'],
  [/ṭ/g, 't'],
  [/ḍ/g, 'd'],
  [/ṇ/g, 'n'],
  [/[ḷḻ]/g, 'l'],
  [/ḥ/g, 'h'],
];

const cache = new Map<string, string>();
const cacheLimit = 200_000;

/**
 * Latin spelling of a Devanagari text (other characters pass through; Devanagari digits become
 * ASCII digits). Lower case. Cached: names repeat a lot.
 */
export function devanagariToLatin(text: string): string {
  if (!hasDevanagari(text)) return text;
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  let s = text.normalize('NFD');
  for (const [re, to] of nukta) s = s.replace(re, to);
  s = s.normalize('NFC');
  // Sanscript leaves Latin untouched, so mixed text ("Gram रामपुर") works word by word.
  const iast = Sanscript.t(s, 'devanagari', 'iast');
  let out = iast
    .toLowerCase()
    .split(/(\s+|[^\p{L}\p{M}]+)/u)
    .map((w) => (/\p{L}/u.test(w) ? deleteSchwa(w) : w))
    .join('');
  for (const [re, to] of asciiFold) out = typeof to === 'string' ? out.replace(re, to) : out.replace(re, to);
  out = out.normalize('NFD').replace(/\p{M}/gu, '');
  if (cache.size >= cacheLimit) cache.clear();
  cache.set(text, out);
  return out;
}
