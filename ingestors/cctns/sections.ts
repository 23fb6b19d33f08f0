/**
 * Parses the free-text "acts and sections" field of CCTNS FIRs ("379/411 IPC", "धारा 379, 411
 * भादवि", "BNS 303(2); 317(2)", "IPC 147, 148, 149, 307 & 7 CLA Act", "3/25 Arms Act") into one
 * entry per cited section, each with its act and crime head. Never throws: unreadable text gives
 * [] or entries with nulls.
 *
 * How sections find their act: an act written before its sections ("IPC 379, 411") governs the
 * sections that follow it; an act written after ("379, 411 IPC") takes the sections before it that
 * no act has claimed. When sections between two acts could belong to either ("IPC 302, 3/25 Arms
 * Act"), the later act takes the last one, and earlier ones too while they are sections of the
 * later act and not of the earlier. Sections with no act written for them take `defaultAct`:
 * all of them when the text names no act, and, before an act written after them, those that act
 * does not know but the default act does ("498A, 3/4 D.P. Act" with IPC: 498A stays IPC).
 *
 * A slash lists sections under the IPC and BNS ("379/411" = 379 and 411) but is one citation
 * under special laws ("8/20" = section 8 punished under section 20; "25/27" with no row of its
 * own = 25 and 27).
 */
import { lookupCrimeHead, sectionMappings, type Act, type CrimeGroup } from '../../reference/crime-heads.ts';

export interface ParsedSection {
  /** null: an act not in the reference list (actText says which), or no act at all. */
  act: Act | null;
  /** The act as written ('भादवि', 'NDPS Act', 'CLA Act'); '' when the act came from `defaultAct`. */
  actText: string;
  /** IPC/BNS: number and letter ('304A'); other acts: the whole citation ('8/20', '3(1)(r)'). */
  section: string;
  /** IPC/BNS: the first sub-section ('2' of 303(2)); null otherwise. */
  subSection: string | null;
  crimeHeadId: string | null;
  crimeGroup: CrimeGroup | null;
}

/** The section as it would be cited: '303(2)', '8/20'. */
export function citedSection(p: Pick<ParsedSection, 'section' | 'subSection'>): string {
  return p.subSection === null ? p.section : `${p.section}(${p.subSection})`;
}

// ---------------------------------------------------------------------------------------------
// Lexer

const ACT_WORD = String.raw`(?:\s*(?:act|अधिनियम|अधि0|एक्ट|ऐक्ट)(?:\s*,?\s*(?:18|19|20)\d{2})?)?`;
const END = String.raw`(?![\p{L}\p{M}])`;
/** Hindi abbreviations are written with '.', '0' or nothing between letters: भा.द.वि. / भा0द0वि0 / भादवि. */
const D = String.raw`\s?[.0]?\s?`;

/** Tried in order at each position; the first match wins (BNSS before BNS, …). */
const actPatterns: [act: Act | null, pattern: string][] = [
  [
    null,
    String.raw`B\.?\s?N\.?\s?S\.?\s?S\.?|बीएनएसएस|भारतीय\s+नागरिक\s+सुरक्षा\s+संहिता|Bhara?tiya\s+Nagarik\s+Suraksha\s+Sanhita`,
  ],
  [null, String.raw`Cr\.?\s?P\.?\s?C\.?|द${D}ं?${D}प्र${D}सं${D}|दंड\s+प्रक्रिया\s+संहिता`],
  [
    'IPC',
    String.raw`I\.?\s?P\.?\s?C\.?|Indian\s+Penal\s+Code|भा${D}दं?${D}वि${D}|भा${D}द${D}सं${D}|भारतीय\s+द(?:ं|ण्)ड\s+(?:संहिता|विधान)|आईपीसी|ताजीरात[\s-]*(?:ए[\s-]*)?हिन्द`,
  ],
  [
    'BNS',
    String.raw`B\.?\s?N\.?\s?S\.?|Bhara?tiya\s+Nyaya?\s+Sanhita|बीएनएस|बी${D}एन${D}एस${D}|भारतीय\s+न्याय\s+संहिता|भा${D}न्या${D}सं${D}`,
  ],
  [
    'NDPS',
    String.raw`N\.?\s?D\.?\s?P\.?\s?S\.?|एनडीपीएस|एन${D}डी${D}पी${D}एस${D}|Narcotic\s+Drugs\s+and\s+Psychotropic\s+Substances|स्वापक\s+औषधि(?:\s+(?:एवं|और)\s+मन:प्रभावी\s+पदार्थ)?`,
  ],
  [
    'SCST',
    String.raw`S\.?\s?C\.?\s?[/&]?\s?S\.?\s?T\.?(?:\s*\(\s*P\.?\s?o\.?\s?A\.?\s*\))?|एससी\s?/?\s?एसटी|अनुसूचित\s+जाति(?:\s+(?:एवं|और|व)\s+(?:अनुसूचित\s+)?जनजाति)?(?:\s*\(?\s*अत्याचार\s+निवारण\s*\)?)?|Prevention\s+of\s+Atrocities`,
  ],
  ['POCSO', String.raw`P\.?\s?O\.?\s?C\.?\s?S\.?\s?O\.?|पॉक्सो|पोक्सो|पाक्सो`],
  [
    'GANGSTERS',
    String.raw`(?:U\.?\s?P\.?\s*)?Gangsters?(?:\s+and\s+Anti[\s-]*Social\s+Activities\s*\(\s*Prevention\s*\))?|गैंगस्टर|गैगस्टर|गिरोहबन्द|गिरोहबंद`,
  ],
  ['ARMS', String.raw`Arms|A\.\s?Act|आर्म्स|आयुध|शस्त्र(?=\s*अधिनियम)`],
  ['EXCISE', String.raw`(?:U\.?\s?P\.?\s*)?(?:Excise|Abkari|Aabkari)|Ex\.\s?Act|आबकारी`],
  ['GAMBLING', String.raw`(?:Public\s+)?(?:Gambling|Gaming)|जुआ|(?:सार्वजनिक\s+)?द्यूत`],
  ['IT', String.raw`(?:I\.?\s?T\.?|Information\s+Technology)(?=\s*Act)|आईटी(?=\s*(?:एक्ट|अधिनियम))|सूचना\s+प्रौद्योगिकी`],
  [
    'COW',
    String.raw`(?:U\.?\s?P\.?\s*)?(?:Prevention\s+of\s+)?Cow\s+Slaughter(?:\s+Prevention)?|G(?:au|o|ow)\s*-?\s*[vw]adh(?:\s+Nivaran)?(?:\s+Adhiniyam)?|(?:उ${D}प्र${D}\s*)?(?:गो|गौ)[\s-]?वध(?:\s+निवारण)?`,
  ],
  [
    'MINES',
    String.raw`Mines\s+(?:and|&)\s+Minerals?(?:\s*\(\s*Development\s+(?:and|&)\s+Regulation\s*\))?|M\.?\s?M\.?\s?D\.?\s?R\.?|Mines|Mining|खान\s+(?:एवं|और)\s+खनिज(?:\s*\(\s*विकास\s+(?:एवं|और)\s+विनियमन\s*\))?|खनिज|खनन`,
  ],
  [
    'DOWRY',
    String.raw`Dowry(?:\s+Prohibition)?|D\.\s?P\.\s?Act|DP\s?Act|दहेज(?:\s+प्रतिषेध)?|डी${D}पी${D}(?=\s*(?:एक्ट|अधिनियम))`,
  ],
  [
    'MV',
    String.raw`M\.?\s?V\.?(?=\s*Act)|Motor\s+Vehicles?|एमवी(?=\s*(?:एक्ट|अधिनियम))|एम${D}वी${D}(?=\s*(?:एक्ट|अधिनियम))|मोटर\s+(?:यान|वाहन)`,
  ],
];

const actRegexes = actPatterns.map(
  ([act, pattern]) => [act, new RegExp(`(?:${pattern})${ACT_WORD}${END}`, 'iuy')] as const,
);

/** A section: number, letter ('304A', '304-A', '120 B'), sub-sections ('(1)(r)'). */
const sectionRegex =
  /(\d{1,4})(?:-?([A-Za-z]{1,2})(?![A-Za-z])|\s?-\s?([A-Za-z])(?![A-Za-z])|\s([A-E])(?![\p{L}\p{M}.]))?((?:\s*\(\s*[0-9A-Za-z\u0900-\u097f]{1,5}\s*\))*)/uy;
const conjRegex = /(?:&|\+|;|।|r\s*\/\s*w|read\s+with|(?:and|or|with|सपठित|एवं|तथा|और|व)(?![\p{L}\p{M}]))/iuy;
const noiseRegex =
  /(?:u\s*\/\s*s\.?|sections?|secs?\.?|धाराओं|धाराएं|धाराएँ|धारायें|धारा|अन्तर्गत|अंतर्गत|under)(?![\p{L}\p{M}])/iuy;
const unknownActWordRegex = /(?:act|अधिनियम|एक्ट|ऐक्ट)(?:\s*,?\s*(?:18|19|20)\d{2})?(?![\p{L}\p{M}])/iuy;
const wordRegex = /[\p{L}\p{M}][\p{L}\p{M}.0]*/uy;
/** Words that may precede an unknown act's name without being part of it. */
const fillerWords = new Set(['of', 'the', 'in', 'under', 'की', 'के', 'का', 'में']);

interface SectionToken {
  kind: 'section';
  number: string;
  letter: string;
  subSections: string[];
}
interface ActToken {
  kind: 'act';
  act: Act | null;
  text: string;
}
type Token = SectionToken | ActToken | { kind: 'comma' } | { kind: 'slash' } | { kind: 'conj' };

/** Hindi statutes letter clauses क, ख, ग, … where English ones use a, b, c, …: 125(क) = 125(a). */
const hindiClauseLetters = 'कखगघङचछजझञटठडढणतथदधनपफबभमयरलव';
/** Section letters written in Hindi: 498-क / 498ए = 498A, 120-ख / 120बी = 120B. */
const hindiSectionLetters: Record<string, string> = {
  क: 'A',
  ख: 'B',
  ग: 'C',
  घ: 'D',
  ङ: 'E',
  ए: 'A',
  बी: 'B',
  सी: 'C',
  डी: 'D',
  ई: 'E',
};

function normaliseText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\u093c/g, '') // nukta: ज़ = ज
    .replace(/[\u0966-\u096f]/g, (d) => String(d.charCodeAt(0) - 0x0966)) // ०-९ → 0-9
    .replace(/[\u00a0\u2000-\u200b\u202f]/g, ' ')
    .replace(
      // Not when the letter starts a dotted abbreviation: "305 बी.एन.एस." is BNS 305.
      /(\d)\s?-?\s?(बी|सी|डी|[कखगघङएई])(?![\p{L}\p{M}]|[.0]\s?[\p{L}])/gu,
      (_, d: string, l: string) => `${d}${hindiSectionLetters[l] ?? l}`,
    )
    .replace(/\(\s*([\u0915-\u0939])\s*\)/gu, (whole: string, l: string) => {
      const i = hindiClauseLetters.indexOf(l);
      return i < 0 ? whole : `(${String.fromCharCode(97 + i)})`;
    });
}

function matchAt(regex: RegExp, text: string, at: number): RegExpExecArray | null {
  regex.lastIndex = at;
  return regex.exec(text);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let words: string[] = []; // unrecognised words since the last token: an unknown act's name
  let i = 0;
  const push = (t: Token) => {
    tokens.push(t);
    words = [];
  };
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    let m: RegExpExecArray | null = null;
    let matchedAct = false;
    for (const [act, regex] of actRegexes) {
      m = matchAt(regex, text, i);
      if (m) {
        push({ kind: 'act', act, text: m[0].trim().replace(/\s+/g, ' ') });
        matchedAct = true;
        break;
      }
    }
    if (matchedAct && m) {
      i += Math.max(m[0].length, 1);
      continue;
    }
    if ((m = matchAt(noiseRegex, text, i))) {
      i += m[0].length;
      continue;
    }
    if ((m = matchAt(conjRegex, text, i))) {
      push({ kind: 'conj' });
      i += m[0].length;
      continue;
    }
    if ((m = matchAt(sectionRegex, text, i))) {
      const subSections = [...(m[5] ?? '').matchAll(/\(\s*([^()\s]+)\s*\)/g)].map((s) => s[1] ?? '');
      push({
        kind: 'section',
        number: m[1] ?? '',
        letter: (m[2] ?? m[3] ?? m[4] ?? '').toUpperCase(),
        subSections,
      });
      i += m[0].length;
      continue;
    }
    if (ch === ',') {
      push({ kind: 'comma' });
      i++;
      continue;
    }
    if (ch === '/' || ch === '\\') {
      push({ kind: 'slash' });
      i++;
      continue;
    }
    if ((m = matchAt(unknownActWordRegex, text, i))) {
      while (words.length > 0 && fillerWords.has((words[0] ?? '').toLowerCase())) words.shift();
      if (words.length > 0) push({ kind: 'act', act: null, text: `${words.join(' ')} ${m[0].trim()}` });
      i += m[0].length;
      continue;
    }
    if ((m = matchAt(wordRegex, text, i))) {
      words.push(m[0]);
      i += m[0].length;
      continue;
    }
    // Any other character (quotes, brackets, dashes) separates nothing and names nothing.
    i++;
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Grouping and act assignment

/** Sections joined by slashes: '379/411', '8/20', '3(1)(r)'. */
type Element = SectionToken[];
interface Group {
  kind: 'group';
  elements: Element[];
  act?: ActToken | undefined;
}
type Item = Group | ActToken | { kind: 'conj' };

function toItems(tokens: Token[]): Item[] {
  const items: Item[] = [];
  let group: Group | undefined;
  let element: Element | undefined;
  let afterSlash = false;
  const closeGroup = () => {
    group = undefined;
    element = undefined;
  };
  for (const t of tokens) {
    if (t.kind === 'section') {
      if (!group) {
        group = { kind: 'group', elements: [] };
        items.push(group);
      }
      if (element && afterSlash) element.push(t);
      else {
        element = [t];
        group.elements.push(element);
      }
      afterSlash = false;
    } else if (t.kind === 'slash') {
      afterSlash = element !== undefined;
    } else if (t.kind === 'comma') {
      element = undefined;
      afterSlash = false;
    } else {
      closeGroup();
      afterSlash = false;
      items.push(t.kind === 'act' ? t : { kind: 'conj' });
    }
  }
  return items;
}

const isCode = (act: Act | null): act is 'IPC' | 'BNS' => act === 'IPC' || act === 'BNS';

const knownSections = new Set(sectionMappings.map((m) => `${m.act}|${m.section.toUpperCase()}`));
const isKnown = (act: Act, section: string) =>
  knownSections.has(`${act}|${section.replace(/\([^()]*\)/g, '').toUpperCase()}`);

function partText(t: SectionToken): string {
  return `${t.number}${t.letter}${t.subSections.map((s) => `(${s})`).join('')}`;
}

function withHead(act: Act | null, actText: string, section: string, subSection: string | null): ParsedSection {
  const head = act ? lookupCrimeHead(act, section, subSection) : undefined;
  return {
    act,
    actText,
    section,
    subSection,
    crimeHeadId: head?.crimeHeadId ?? null,
    crimeGroup: head?.crimeGroup ?? null,
  };
}

function codeSection(act: 'IPC' | 'BNS', actText: string, t: SectionToken): ParsedSection {
  let section = `${t.number}${t.letter}`;
  let sub = t.subSections[0]?.toLowerCase() ?? null;
  // '354(D)' is section 354D, not sub-section (d) of 354.
  if (!t.letter && sub && /^[a-z]$/.test(sub) && isKnown(act, `${section}${sub}`)) {
    section = `${section}${sub.toUpperCase()}`;
    sub = t.subSections[1]?.toLowerCase() ?? null;
  }
  return withHead(act, actText, section, sub);
}

/** Entries for one slash-joined element under an act. */
function resolveElement(act: Act | null, actText: string, element: Element): ParsedSection[] {
  if (isCode(act)) return element.map((t) => codeSection(act, actText, t));
  const parts = element.map(partText);
  const whole = parts.join('/');
  if (act === null || isKnown(act, whole) || parts.length === 1) {
    return [withHead(act, actText, whole, null)];
  }
  // '8/20/29' = '8/20' and '29'; '25/27' = '25' and '27': longest known runs, left to right.
  const out: string[] = [];
  let i = 0;
  while (i < parts.length) {
    let j = parts.length;
    while (j > i && !isKnown(act, parts.slice(i, j).join('/'))) j--;
    if (j === i) return [withHead(act, actText, whole, null)];
    out.push(parts.slice(i, j).join('/'));
    i = j;
  }
  return out.map((s) => withHead(act, actText, s, null));
}

function knownUnder(act: Act | null, element: Element): boolean {
  if (act === null) return false;
  return resolveElement(act, '', element).every((p) => p.crimeHeadId !== null);
}

/**
 * Each section of `text` with its act and crime head, in order of appearance. `defaultAct`
 * applies to sections when the text names no act at all (the ingest passes IPC for FIRs
 * registered before 2024-07-01, BNS from then on).
 */
export function parseActsSections(text: string, defaultAct?: Act): ParsedSection[] {
  if (typeof text !== 'string' || text.trim() === '') return [];
  const items = toItems(tokenize(normaliseText(text)));

  let current: ActToken | undefined; // act written before its sections
  let lastAct: ActToken | undefined;
  let pending: Group[] = []; // groups waiting for an act written after them
  const groups: Group[] = [];

  /**
   * An act written after its sections takes the groups no act has claimed, except sections it
   * does not know that the default act does ("498A, 3/4 D.P. Act" with IPC: 498A stays IPC).
   * The section right before the act is always its own.
   */
  const claim = (g: Group, act: ActToken, isLast: boolean) => {
    const runs: Group[] = [];
    g.elements.forEach((el, k) => {
      const own =
        (isLast && k === g.elements.length - 1) ||
        !defaultAct ||
        knownUnder(act.act, el) ||
        !knownUnder(defaultAct, el);
      const runAct = own ? act : undefined;
      const last = runs[runs.length - 1];
      if (last && last.act === runAct) last.elements.push(el);
      else runs.push({ kind: 'group', elements: [el], act: runAct });
    });
    groups.splice(groups.indexOf(g), 1, ...runs);
  };

  items.forEach((item, i) => {
    const prev = items[i - 1];
    const next = items[i + 1];
    if (item.kind === 'act') {
      if (prev?.kind === 'group' && pending.length > 0) {
        for (const g of pending) claim(g, item, pending[pending.length - 1] === g);
        pending = [];
      } else {
        current = item;
      }
      lastAct = item;
      return;
    }
    if (item.kind !== 'group') return;
    groups.push(item);
    if (!current) {
      pending.push(item);
      return;
    }
    if (next?.kind === 'act' && items[i + 2]?.kind !== 'group') {
      // "IPC 147, 148 & 7 CLA Act": the later act takes the tail of the group.
      let cut = item.elements.length - 1;
      while (cut > 0) {
        const el = item.elements[cut - 1];
        if (!el || !knownUnder(next.act, el) || knownUnder(current.act, el)) break;
        cut--;
      }
      const head: Group = { kind: 'group', elements: item.elements.slice(0, cut), act: current };
      const tail: Group = { kind: 'group', elements: item.elements.slice(cut) };
      groups.splice(groups.length - 1, 1, head, tail);
      pending.push(tail);
      return;
    }
    item.act = current;
  });

  const fallback = lastAct;
  for (const g of pending) g.act = fallback;

  return groups.flatMap((g) => {
    const act = g.act?.act ?? (g.act ? null : (defaultAct ?? null));
    const actText = g.act?.text ?? '';
    return g.elements.flatMap((el) => resolveElement(act, actText, el));
  });
}
