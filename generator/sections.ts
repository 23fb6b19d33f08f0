/**
 * Acts and sections written the many ways FIRs write them: "IPC 379, 411", "379/411 IPC",
 * "BNS 303(2); 317(2)", "धारा 302 भादवि", "NDPS Act 8/20", "3/25 Arms Act", "60 Excise Act".
 */
import type { Act } from '../reference/crime-heads.ts';
import type { Citation } from './offences.ts';
import type { Rng } from './random.ts';

export type Lang = 'hi' | 'en';

const specialLabels: Record<Exclude<Act, 'IPC' | 'BNS'>, { en: readonly string[]; hi: readonly string[] }> = {
  NDPS: { en: ['NDPS Act', 'N.D.P.S. Act'], hi: ['एनडीपीएस एक्ट', 'एन.डी.पी.एस. एक्ट'] },
  ARMS: { en: ['Arms Act'], hi: ['आयुध अधिनियम', 'आर्म्स एक्ट'] },
  EXCISE: { en: ['Excise Act', 'U.P. Excise Act', 'Abkari Act'], hi: ['आबकारी अधिनियम', 'आबकारी एक्ट'] },
  GAMBLING: { en: ['Gambling Act', 'Public Gambling Act'], hi: ['जुआ अधिनियम', 'सार्वजनिक द्यूत अधिनियम'] },
  IT: { en: ['IT Act', 'I.T. Act'], hi: ['आईटी एक्ट', 'सूचना प्रौद्योगिकी अधिनियम'] },
  COW: {
    en: ['Cow Slaughter Act', 'U.P. Prevention of Cow Slaughter Act', 'Govadh Nivaran Adhiniyam'],
    hi: ['गोवध निवारण अधिनियम', 'गौवध अधिनियम'],
  },
  MINES: { en: ['Mines and Minerals Act', 'MMDR Act'], hi: ['खान एवं खनिज अधिनियम', 'खनिज अधिनियम'] },
  DOWRY: { en: ['DP Act', 'Dowry Prohibition Act'], hi: ['दहेज प्रतिषेध अधिनियम', 'डीपी एक्ट'] },
  POCSO: { en: ['POCSO Act', 'Pocso Act'], hi: ['पॉक्सो एक्ट', 'पाक्सो एक्ट'] },
  SCST: { en: ['SC/ST Act', 'SC/ST (PoA) Act'], hi: ['एससी/एसटी एक्ट', 'एससीएसटी एक्ट'] },
  MV: { en: ['MV Act', 'M.V. Act'], hi: ['एमवी एक्ट', 'मोटर वाहन अधिनियम'] },
  GANGSTERS: { en: ['Gangster Act', 'U.P. Gangsters Act'], hi: ['गैंगस्टर एक्ट', 'गिरोहबंद अधिनियम'] },
};

function formatCode(rng: Rng, act: 'IPC' | 'BNS', sections: string[], lang: Lang): string {
  const comma = sections.join(', ');
  if (lang === 'hi') {
    const label =
      act === 'IPC'
        ? rng.pick(['भादवि', 'भा.द.वि.', 'आईपीसी'])
        : rng.pick(['बीएनएस', 'बी.एन.एस.', 'भारतीय न्याय संहिता']);
    return rng.weightedPairs<() => string>([
      [() => `धारा ${comma} ${label}`, 5],
      [() => `धारा ${sections.join('/')} ${label}`, 2],
      [() => `${comma} ${label}`, 2],
    ])();
  }
  return rng.weightedPairs<() => string>([
    [() => `${act} ${comma}`, 5],
    [() => `${sections.join('/')} ${act}`, 3],
    [() => `u/s ${comma} ${act}`, 2],
    [() => `Sec. ${comma} ${act}`, 1],
    [() => `${act} ${sections.join('; ')}`, act === 'BNS' ? 2 : 0.5],
    [() => `${comma} ${act}`, 1],
  ])();
}

/** Labels are listed most common first: weights 6, 3, 1. */
function pickLabel(rng: Rng, labels: readonly string[]): string {
  return rng.weighted(
    labels,
    labels.map((_, i) => [6, 3, 1][i] ?? 1),
  );
}

function formatSpecial(rng: Rng, act: Exclude<Act, 'IPC' | 'BNS'>, sections: string[], lang: Lang): string {
  const label = pickLabel(rng, specialLabels[act][lang]);
  const list = sections.join(', ');
  if (lang === 'hi') return rng.chance(0.7) ? `${list} ${label}` : `धारा ${list} ${label}`;
  return rng.chance(0.55) ? `${list} ${label}` : `${label} ${list}`;
}

/** One acts-and-sections text for the citations of an FIR. */
export function formatActsSections(rng: Rng, citations: readonly Citation[], lang: Lang): string {
  const groups: { act: Act; sections: string[] }[] = [];
  for (const c of citations) {
    const g = groups.find((x) => x.act === c.act);
    if (g) g.sections.push(c.section);
    else groups.push({ act: c.act, sections: [c.section] });
  }
  const parts = groups.map((g) =>
    g.act === 'IPC' || g.act === 'BNS'
      ? formatCode(rng, g.act, g.sections, lang)
      : formatSpecial(rng, g.act, g.sections, lang),
  );
  const joiner = lang === 'hi' ? rng.pick([' व ', ' एवं ', ', ']) : rng.pick([' & ', ' and ', '; ', ', ']);
  return parts.join(joiner);
}
