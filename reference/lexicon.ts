/**
 * The social media cell's lexicon (reference/lexicon.yaml): Hindi and English terms that flag a
 * post (communal, hate, rumour / fake news), terms that make a citizen's comment a complaint, a
 * watch-list of accounts, and the extra place names posts are attributed by. The transforms
 * load it into the lake as `social_lexicon`, `social_watch_list` and `place_names`, so every
 * flag can be traced to the term that raised it.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { z } from 'zod';

export const flagCategories = ['communal', 'hate', 'rumour'] as const;
export type FlagCategory = (typeof flagCategories)[number];
/** A term list: the three flag categories, and `complaint` (social_response_times). */
export const termLists = [...flagCategories, 'complaint'] as const;
export type TermList = (typeof termLists)[number];
export const termLanguages = ['en', 'hi', 'hinglish'] as const;
export type TermLanguage = (typeof termLanguages)[number];

/** A YAML key with nothing under it (`hi:`) is null: read it as an empty list. */
const list = <T extends z.ZodType>(item: T) => z.preprocess((v) => v ?? [], z.array(item));
const terms = list(z.string().trim().min(1));
const byLanguage = z.strictObject({ en: terms, hi: terms, hinglish: terms });

const watchListEntry = z
  .strictObject({
    platform: z.enum(['x', 'facebook', 'instagram', 'youtube']),
    authorId: z.coerce.string().min(1).optional(),
    handle: z
      .string()
      .min(1)
      .transform((h) => h.replace(/^@/, ''))
      .optional(),
    reason: z.string().min(1).default('watch-listed'),
  })
  .refine((e) => e.authorId !== undefined || e.handle !== undefined, {
    message: 'a watch-list entry needs authorId or handle',
  });

const names = z.array(z.string().trim().min(1)).min(1);

export const lexiconSchema = z.strictObject({
  flagTerms: z.strictObject({ communal: byLanguage, hate: byLanguage, rumour: byLanguage }),
  complaintTerms: byLanguage,
  watchList: list(watchListEntry),
  places: z
    .strictObject({
      stationWords: terms,
      policeWords: terms,
      contextOnly: terms,
      districtNames: list(z.strictObject({ district: z.string().min(1), names })),
      localities: list(z.strictObject({ district: z.string().min(1), policeStation: z.string().min(1), names })),
    })
    .default({ stationWords: [], policeWords: [], contextOnly: [], districtNames: [], localities: [] }),
});
export type Lexicon = z.output<typeof lexiconSchema>;
export type WatchListEntry = z.output<typeof watchListEntry>;

export class LexiconError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${field ? field + ': ' : ''}${message}`, options);
    this.name = 'LexiconError';
  }
}

/** The lexicon shipped with crimelake (the cell edits it, or passes its own file). */
export const defaultLexiconPath = fileURLToPath(new URL('./lexicon.yaml', import.meta.url));

/**
 * The lexicon a deployment uses: `CRIMELAKE_LEXICON` when the settings name one, else the shipped
 * reference/lexicon.yaml.
 */
export function lexiconFile(settings: object): string {
  if ('CRIMELAKE_LEXICON' in settings && typeof settings.CRIMELAKE_LEXICON === 'string')
    return settings.CRIMELAKE_LEXICON;
  return defaultLexiconPath;
}

/** Reads and validates a lexicon file (YAML or JSON). */
export function loadLexicon(file: string = defaultLexiconPath): Lexicon {
  let data: unknown;
  try {
    data = YAML.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new LexiconError(file, '', `cannot read the lexicon: ${(error as Error).message.split('\n')[0]}`, {
      cause: error,
    });
  }
  return parseLexicon(data, file);
}

export function parseLexicon(data: unknown, file = '(lexicon)'): Lexicon {
  const parsed = lexiconSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LexiconError(file, issue?.path.join('.') ?? '', issue?.message ?? parsed.error.message);
  }
  return parsed.data;
}

/** Devanagari letters with a nukta, as precomposed code points → their base letter. */
const nuktaLetters: Readonly<Record<string, string>> = {
  '\u0929': '\u0928', // ऩ → न
  '\u0931': '\u0930', // ऱ → र
  '\u0934': '\u0933', // ऴ → ळ
  '\u0958': '\u0915', // क़ → क
  '\u0959': '\u0916', // ख़ → ख
  '\u095a': '\u0917', // ग़ → ग
  '\u095b': '\u091c', // ज़ → ज
  '\u095c': '\u0921', // ड़ → ड
  '\u095d': '\u0922', // ढ़ → ढ
  '\u095e': '\u092b', // फ़ → फ
  '\u095f': '\u092f', // य़ → य
};

/**
 * The normal form text and terms are compared in: NFC, lower case, nukta letters folded to
 * their base letter, chandrabindu as anusvara, every run of anything but letters, marks and
 * digits one space, trimmed. The SQL of post_places, flagged_posts and social_response_times
 * computes the same form (`lexicon.test.ts` proves the two agree).
 */
export function matchForm(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u0929\u0931\u0934\u0958-\u095f]/g, (c) => nuktaLetters[c] ?? c)
    .replace(/\u093c/g, '')
    .replace(/\u0901/g, '\u0902')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim();
}

/** Characters of `nuktaLetters` and their replacements, for SQL `translate()`. */
export const nuktaTranslate = { from: Object.keys(nuktaLetters).join(''), to: Object.values(nuktaLetters).join('') };

export interface LexiconTerm {
  list: TermList;
  language: TermLanguage;
  term: string;
  /** The term in match form, without a trailing `*`. */
  matchKey: string;
  /** Whether the term matches words that begin with it (written with a trailing `*`). */
  isPrefix: boolean;
}

/** Every term of the lexicon, one per list and match form (a duplicate in one list is an error). */
export function lexiconTerms(lexicon: Lexicon, file = '(lexicon)'): LexiconTerm[] {
  const out: LexiconTerm[] = [];
  const seen = new Map<string, string>();
  const add = (list: TermList, language: TermLanguage, term: string, field: string) => {
    const isPrefix = term.endsWith('*');
    const matchKey = matchForm(isPrefix ? term.slice(0, -1) : term);
    if (matchKey === '') throw new LexiconError(file, field, `term "${term}" has no letters or digits`);
    const id = `${list}|${matchKey}|${isPrefix}`;
    const before = seen.get(id);
    if (before !== undefined)
      throw new LexiconError(file, field, `term "${term}" is the same as "${before}" in the ${list} list`);
    seen.set(id, term);
    out.push({ list, language, term, matchKey, isPrefix });
  };
  for (const category of flagCategories) {
    for (const language of termLanguages) {
      lexicon.flagTerms[category][language].forEach((t, i) =>
        add(category, language, t, `flagTerms.${category}.${language}.${i}`),
      );
    }
  }
  for (const language of termLanguages) {
    lexicon.complaintTerms[language].forEach((t, i) =>
      add('complaint', language, t, `complaintTerms.${language}.${i}`),
    );
  }
  return out;
}
