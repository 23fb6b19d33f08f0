/**
 * Tip categories of the WhatsApp tip bot (DESIGN.md, sources) and the languages it offers.
 * A category is stored as its snake_case code; exports and menu replies write the English label,
 * the code, or a Hindi name, all read here.
 */
export const tipCategories = [
  {
    code: 'cow_smuggling',
    label: 'cow smuggling',
    aliases: ['cattle smuggling', 'गौ तस्करी', 'गोवंश तस्करी', 'गो तस्करी'],
  },
  { code: 'liquor_smuggling', label: 'liquor smuggling', aliases: ['illicit liquor', 'शराब तस्करी', 'अवैध शराब'] },
  {
    code: 'drug_smuggling',
    label: 'drug smuggling',
    aliases: ['drugs', 'narcotics', 'मादक पदार्थ तस्करी', 'नशा तस्करी', 'ड्रग तस्करी'],
  },
  { code: 'illegal_arms', label: 'illegal arms', aliases: ['arms', 'अवैध हथियार', 'अवैध असलहा', 'अवैध शस्त्र'] },
  {
    code: 'gambling_betting',
    label: 'gambling/betting',
    aliases: ['gambling', 'betting', 'gambling betting', 'जुआ', 'सट्टा', 'जुआ/सट्टा'],
  },
  {
    code: 'women_and_child_trafficking',
    label: 'women and child trafficking',
    aliases: ['women & child trafficking', 'human trafficking', 'trafficking', 'महिला एवं बाल तस्करी', 'मानव तस्करी'],
  },
  {
    code: 'forced_religious_conversion',
    label: 'forced religious conversion',
    aliases: ['religious conversion', 'conversion', 'धर्मांतरण', 'जबरन धर्म परिवर्तन', 'धर्म परिवर्तन'],
  },
  { code: 'illegal_mining', label: 'illegal mining', aliases: ['sand mining', 'अवैध खनन', 'अवैध बालू खनन'] },
  { code: 'overloading', label: 'overloading', aliases: ['overload', 'ओवरलोडिंग', 'ओवरलोड'] },
  { code: 'extortion', label: 'extortion', aliases: ['rangdari', 'रंगदारी', 'वसूली'] },
  { code: 'police_corruption', label: 'police corruption', aliases: ['corruption', 'पुलिस भ्रष्टाचार', 'भ्रष्टाचार'] },
  { code: 'other', label: 'other', aliases: ['others', 'misc', 'अन्य'] },
] as const;

export type TipCategoryCode = (typeof tipCategories)[number]['code'];
export const tipCategoryCodes = tipCategories.map((c) => c.code);

/** Case-, space-, dash- and slash-insensitive key: `Gambling / Betting` = `gambling_betting`. */
function key(text: string): string {
  return text
    .normalize('NFC')
    .trim()
    .toLowerCase()
    .replace(/[\s_/&,.-]+/g, ' ')
    .replace(/\band\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const categoryIndex = new Map<string, TipCategoryCode>();
for (const c of tipCategories) for (const n of [c.code, c.label, ...c.aliases]) categoryIndex.set(key(n), c.code);

/** Every spelling the category parser accepts → its code (for zod `oneOf`). */
export const tipCategorySpellings: Record<string, TipCategoryCode> = Object.fromEntries(
  tipCategories.flatMap((c) => [c.code, c.label, ...c.aliases].map((n) => [n, c.code])),
);

export function parseTipCategory(text: string): TipCategoryCode | undefined {
  return categoryIndex.get(key(text));
}

/** Languages by name (English, Hindi, native script) → code: ISO 639 where there is one. */
const languageNames: Record<string, string> = {
  hi: 'hi',
  hindi: 'hi',
  हिंदी: 'hi',
  हिन्दी: 'hi',
  en: 'en',
  english: 'en',
  अंग्रेजी: 'en',
  अंग्रेज़ी: 'en',
  ur: 'ur',
  urdu: 'ur',
  उर्दू: 'ur',
  اردو: 'ur',
  bho: 'bho',
  bhojpuri: 'bho',
  भोजपुरी: 'bho',
  awa: 'awa',
  awadhi: 'awa',
  अवधी: 'awa',
  hinglish: 'hinglish',
};

/** Language code of a language name or code; undefined when it is not one the bot offers. */
export function parseTipLanguage(text: string): string | undefined {
  return languageNames[text.normalize('NFC').trim().toLowerCase()];
}
