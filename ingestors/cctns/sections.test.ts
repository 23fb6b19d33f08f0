import { describe, expect, it } from 'vitest';
import type { Act } from '../../reference/crime-heads.ts';
import { citedSection, parseActsSections, type ParsedSection } from './sections.ts';

/** 'ACT section[(sub)] head' per entry, compact enough to read a case at a glance. */
function brief(text: string, defaultAct?: Act): string[] {
  return parseActsSections(text, defaultAct).map((p) => `${p.act ?? '?'} ${citedSection(p)} ${p.crimeHeadId ?? '-'}`);
}

describe('parseActsSections', () => {
  const cases: [text: string, expected: string[], defaultAct?: Act][] = [
    ['IPC 379, 411', ['IPC 379 theft', 'IPC 411 receiving_stolen_property']],
    ['379/411 IPC', ['IPC 379 theft', 'IPC 411 receiving_stolen_property']],
    ['BNS 303(2); 317(2)', ['BNS 303(2) theft', 'BNS 317(2) receiving_stolen_property']],
    ['धारा 379, 411 भादवि', ['IPC 379 theft', 'IPC 411 receiving_stolen_property']],
    ['धारा ३०२, २०१ भा0द0वि0', ['IPC 302 murder', 'IPC 201 disappearance_of_evidence']],
    ['धारा 103(1) बीएनएस', ['BNS 103(1) murder']],
    // Spellings found in real exports (and the generator): dotted Hindi BNS, Abkari for Excise.
    ['धारा 305 बी.एन.एस.', ['BNS 305 theft_in_dwelling']],
    ['धारा 120बी भादवि', ['IPC 120B criminal_conspiracy']],
    ['60 Abkari Act', ['EXCISE 60 illicit_liquor']],
    ['Govadh Nivaran Adhiniyam 3/8', ['COW 3/8 cow_slaughter']],
    ['Gowadh Act 5A/8', ['COW 5A/8 cow_smuggling']],
    ['185 मोटर वाहन अधिनियम', ['MV 185 drunken_driving']],
    ['भारतीय न्याय संहिता की धारा 64, 351(2)', ['BNS 64 rape', 'BNS 351(2) criminal_intimidation']],
    ['NDPS Act 8/20', ['NDPS 8/20 ndps_cannabis']],
    ['8/20 NDPS Act', ['NDPS 8/20 ndps_cannabis']],
    ['धारा 8/21 एनडीपीएस एक्ट', ['NDPS 8/21 ndps_manufactured_drugs']],
    ['Arms Act 25', ['ARMS 25 illegal_arms_possession']],
    ['3/25 Arms Act', ['ARMS 3/25 illegal_arms_possession']],
    ['25/27 Arms Act', ['ARMS 25 illegal_arms_possession', 'ARMS 27 arms_use']],
    [
      'IPC 147, 148, 149, 307 & 7 CLA Act',
      ['IPC 147 rioting', 'IPC 148 rioting', 'IPC 149 unlawful_assembly', 'IPC 307 attempt_to_murder', '? 7 -'],
    ],
    [
      'BNS 191(2), 191(3), 190, 109(1)',
      ['BNS 191(2) rioting', 'BNS 191(3) rioting', 'BNS 190 unlawful_assembly', 'BNS 109(1) attempt_to_murder'],
    ],
    ['60 Excise Act', ['EXCISE 60 illicit_liquor']],
    ['धारा 60 आबकारी अधिनियम', ['EXCISE 60 illicit_liquor']],
    ['IT Act 66D', ['IT 66D cyber_fraud']],
    ['Gangster Act 2/3', ['GANGSTERS 2/3 gangster_act']],
    [
      '302/34 IPC व 3/25 आयुध अधिनियम',
      ['IPC 302 murder', 'IPC 34 common_intention', 'ARMS 3/25 illegal_arms_possession'],
    ],
    ['IPC 302, 3/25 Arms Act', ['IPC 302 murder', 'ARMS 3/25 illegal_arms_possession']],
    ['IPC 379 Arms Act 25', ['IPC 379 theft', 'ARMS 25 illegal_arms_possession']],
    ['379 IPC 25 Arms Act', ['IPC 379 theft', 'ARMS 25 illegal_arms_possession']],
    [
      'IPC 420, 467, 468, 471 & 66D IT Act',
      ['IPC 420 cheating', 'IPC 467 forgery', 'IPC 468 forgery', 'IPC 471 forgery', 'IT 66D cyber_fraud'],
    ],
    [
      '376, 506 IPC & 3/4 POCSO Act',
      ['IPC 376 rape', 'IPC 506 criminal_intimidation', 'POCSO 3/4 pocso_penetrative_sexual_assault'],
    ],
    ['3(1)(r), 3(2)(v) SC/ST Act', ['SCST 3(1)(r) sc_st_atrocity', 'SCST 3(2)(v) sc_st_atrocity_enhancement']],
    ['3(1)(द) एससी/एसटी एक्ट', ['SCST 3(1)(r) sc_st_atrocity']],
    ['u/s 354(D), 509 I.P.C.', ['IPC 354D stalking', 'IPC 509 insult_to_modesty']],
    ['120 B, 304-A IPC', ['IPC 120B criminal_conspiracy', 'IPC 304A death_by_negligence']],
    ['धारा 498-क, 304-ख भादवि', ['IPC 498A cruelty_by_husband', 'IPC 304B dowry_death']],
    ['302 r/w 34 IPC', ['IPC 302 murder', 'IPC 34 common_intention']],
    ['8/20/29 NDPS Act', ['NDPS 8/20 ndps_cannabis', 'NDPS 29 ndps_abetment_conspiracy']],
    ['3/5A/8 गोवध निवारण अधिनियम', ['COW 3 cow_slaughter', 'COW 5A/8 cow_smuggling']],
    ['4/21 Mines and Minerals Act', ['MINES 4/21 illegal_mining']],
    ['3/4 D.P. Act, 498A IPC', ['DOWRY 3/4 dowry_demand', 'IPC 498A cruelty_by_husband']],
    ['185 MV Act', ['MV 185 drunken_driving']],
    ['13 Public Gambling Act', ['GAMBLING 13 gambling']],
    // no act written: the default act (IPC before 2024-07-01, BNS after)
    ['379, 411', ['IPC 379 theft', 'IPC 411 receiving_stolen_property'], 'IPC'],
    ['303(2), 317(2)', ['BNS 303(2) theft', 'BNS 317(2) receiving_stolen_property'], 'BNS'],
    ['379, 411', ['? 379 -', '? 411 -']],
    // the act written after takes what it knows; the rest keeps the default act
    [
      'धारा 498ए, 120बी, 3/4 दहेज प्रतिषेध अधिनियम',
      ['IPC 498A cruelty_by_husband', 'IPC 120B criminal_conspiracy', 'DOWRY 3/4 dowry_demand'],
      'IPC',
    ],
    ['379 IPC, 411', ['IPC 379 theft', 'IPC 411 receiving_stolen_property'], 'BNS'],
  ];

  it.each(cases)('%s', (text, expected, defaultAct) => {
    expect(brief(text, defaultAct)).toEqual(expected);
  });

  it('keeps the act as written', () => {
    const parsed = parseActsSections('धारा 379 भादवि व 3/25 Arms Act, 1959');
    expect(parsed.map((p) => p.actText)).toEqual(['भादवि', 'Arms Act, 1959']);
    expect(parsed[0]).toEqual<ParsedSection>({
      act: 'IPC',
      actText: 'भादवि',
      section: '379',
      subSection: null,
      crimeHeadId: 'theft',
      crimeGroup: 'property',
    });
  });

  it('keeps unknown acts with act null and their name', () => {
    expect(parseActsSections('151 CrPC')).toEqual<ParsedSection[]>([
      {
        act: null,
        actText: 'CrPC',
        section: '151',
        subSection: null,
        crimeHeadId: null,
        crimeGroup: null,
      },
    ]);
    expect(parseActsSections('Sec. 3 Prevention of Damage to Public Property Act')[0]?.actText).toBe(
      'Prevention of Damage to Public Property Act',
    );
  });

  it('gives the default act an empty actText', () => {
    expect(parseActsSections('323, 504, 506', 'IPC').map((p) => [p.actText, p.crimeGroup])).toEqual([
      ['', 'violent'],
      ['', 'other'],
      ['', 'other'],
    ]);
  });

  it('returns [] for text without sections', () => {
    for (const text of ['', '   ', 'NA', 'n/a', '—', '((((', 'IPC', 'Arms Act', 'धारा', 'garbage !!']) {
      expect(parseActsSections(text, 'IPC'), text).toEqual([]);
    }
  });

  it('never throws on garbage', () => {
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = 'IPCBNSActधारा()/,;&-. 0123456789ABएक्टभादवि\u093c\u0966\n\t"\'{}[]\\';
    for (let n = 0; n < 500; n++) {
      const len = Math.floor(rand() * 60);
      let text = '';
      for (let k = 0; k < len; k++) text += alphabet[Math.floor(rand() * alphabet.length)] ?? '';
      const parsed = parseActsSections(text, n % 2 ? 'BNS' : undefined);
      for (const p of parsed) expect(typeof p.section).toBe('string');
    }
    // Untyped callers (CSV cells) may pass null or undefined.
    expect(parseActsSections(null as unknown as string)).toEqual([]);
    expect(parseActsSections(undefined as unknown as string)).toEqual([]);
  });
});
