/**
 * Offence recipes: what an FIR is about, the sections it cites (IPC before 1 July 2024, the
 * BNS equivalents from the reference mapping after), how many accused it tends to have and
 * which brief-facts template describes it. Sections of a recipe always resolve, through
 * `mostSeriousCrimeHead`, to the recipe's crime head.
 */
import { crimeHeadById, sectionMappings, type Act, type CrimeGroup } from '../reference/crime-heads.ts';

export type FactsKind =
  | 'theft'
  | 'vehicle_theft'
  | 'theft_in_dwelling'
  | 'burglary'
  | 'snatching'
  | 'robbery'
  | 'dacoity'
  | 'cheating'
  | 'breach_of_trust'
  | 'extortion'
  | 'arson'
  | 'trespass'
  | 'hurt'
  | 'grievous_hurt'
  | 'attempt_to_murder'
  | 'murder'
  | 'kidnapping'
  | 'house_trespass'
  | 'assault_on_police'
  | 'abetment_of_suicide'
  | 'cruelty'
  | 'dowry_death'
  | 'molestation'
  | 'stalking'
  | 'kidnapping_of_woman'
  | 'rape'
  | 'insult_to_modesty'
  | 'pocso'
  | 'accident_death'
  | 'accident_hurt'
  | 'rash_driving'
  | 'drunken_driving'
  | 'liquor'
  | 'ganja'
  | 'smack'
  | 'tablets'
  | 'doda'
  | 'pistol'
  | 'arms_factory'
  | 'knife'
  | 'gambling'
  | 'riot'
  | 'disobedience'
  | 'enmity'
  | 'cyber_fraud'
  | 'cyber_identity'
  | 'cyber_obscene'
  | 'cow_smuggling'
  | 'cow_slaughter'
  | 'mining'
  | 'intimidation'
  | 'sc_st'
  | 'gangster';

/** One cited provision: IPC sections are converted to BNS on or after the switch. */
export interface Citation {
  act: Act;
  section: string;
}

export interface Recipe {
  key: string;
  crimeHeadId: string;
  crimeGroup: CrimeGroup;
  weight: number;
  facts: FactsKind;
  /** Alternative section sets (IPC form for code sections); one is picked per FIR. */
  citations: readonly (readonly Citation[])[];
  /** BNS-period override when the BNS has its own section (snatching). */
  bnsCitations?: readonly (readonly Citation[])[];
  /** Weights of 0, 1, 2, 3, 4 accused. */
  accused: readonly [number, number, number, number, number];
  /** Accused caught on the spot (recoveries): arrested at registration. */
  spotArrest: boolean;
  /** Probability an accused is arrested later (when not a spot arrest). */
  arrestRate: number;
}

const ipc = (...sections: string[]): Citation[] => sections.map((section) => ({ act: 'IPC', section }));
const bns = (...sections: string[]): Citation[] => sections.map((section) => ({ act: 'BNS', section }));
const law = (act: Act, ...sections: string[]): Citation[] => sections.map((section) => ({ act, section }));

type RecipeRow = Omit<Recipe, 'crimeGroup'>;

const rows: RecipeRow[] = [
  // property
  {
    key: 'theft',
    crimeHeadId: 'theft',
    weight: 10,
    facts: 'theft',
    citations: [ipc('379'), ipc('379'), ipc('379', '411')],
    accused: [60, 25, 10, 4, 1],
    spotArrest: false,
    arrestRate: 0.45,
  },
  {
    key: 'vehicle_theft',
    crimeHeadId: 'theft',
    weight: 6,
    facts: 'vehicle_theft',
    citations: [ipc('379'), ipc('379', '411')],
    accused: [75, 15, 7, 2, 1],
    spotArrest: false,
    arrestRate: 0.5,
  },
  {
    key: 'theft_in_dwelling',
    crimeHeadId: 'theft_in_dwelling',
    weight: 3,
    facts: 'theft_in_dwelling',
    citations: [ipc('380'), ipc('380', '411')],
    accused: [60, 28, 8, 3, 1],
    spotArrest: false,
    arrestRate: 0.45,
  },
  {
    key: 'burglary',
    crimeHeadId: 'house_breaking',
    weight: 4,
    facts: 'burglary',
    citations: [ipc('457', '380'), ipc('454', '380'), ipc('457', '380', '411')],
    accused: [55, 25, 12, 6, 2],
    spotArrest: false,
    arrestRate: 0.45,
  },
  {
    key: 'snatching',
    crimeHeadId: 'theft',
    weight: 2,
    facts: 'snatching',
    citations: [ipc('379')],
    bnsCitations: [bns('304(2)'), bns('304(2)', '317(2)')],
    accused: [45, 35, 15, 4, 1],
    spotArrest: false,
    arrestRate: 0.5,
  },
  {
    key: 'robbery',
    crimeHeadId: 'robbery',
    weight: 2,
    facts: 'robbery',
    citations: [ipc('392'), ipc('392', '411'), ipc('394', '411')],
    accused: [20, 30, 30, 15, 5],
    spotArrest: false,
    arrestRate: 0.6,
  },
  {
    key: 'dacoity',
    crimeHeadId: 'dacoity',
    weight: 0.3,
    facts: 'dacoity',
    citations: [ipc('395'), ipc('395', '397'), ipc('395', '411')],
    accused: [10, 5, 15, 30, 40],
    spotArrest: false,
    arrestRate: 0.6,
  },
  {
    key: 'cheating',
    crimeHeadId: 'cheating',
    weight: 3,
    facts: 'cheating',
    citations: [ipc('420'), ipc('420', '406'), ipc('420', '467', '468', '471'), ipc('420', '504', '506')],
    accused: [5, 45, 30, 15, 5],
    spotArrest: false,
    arrestRate: 0.35,
  },
  {
    key: 'breach_of_trust',
    crimeHeadId: 'criminal_breach_of_trust',
    weight: 1,
    facts: 'breach_of_trust',
    citations: [ipc('406'), ipc('406', '504', '506')],
    accused: [5, 55, 25, 10, 5],
    spotArrest: false,
    arrestRate: 0.3,
  },
  {
    key: 'extortion',
    crimeHeadId: 'extortion',
    weight: 0.7,
    facts: 'extortion',
    citations: [ipc('384', '504', '506'), ipc('384', '506')],
    accused: [10, 50, 25, 10, 5],
    spotArrest: false,
    arrestRate: 0.5,
  },
  {
    key: 'arson',
    crimeHeadId: 'arson',
    weight: 0.5,
    facts: 'arson',
    citations: [ipc('436'), ipc('435', '504', '506')],
    accused: [20, 40, 25, 10, 5],
    spotArrest: false,
    arrestRate: 0.4,
  },
  {
    key: 'trespass',
    crimeHeadId: 'criminal_trespass',
    weight: 1,
    facts: 'trespass',
    citations: [ipc('447', '504', '506'), ipc('447', '427', '504', '506')],
    accused: [5, 40, 30, 15, 10],
    spotArrest: false,
    arrestRate: 0.3,
  },
  // violent
  {
    key: 'hurt',
    crimeHeadId: 'hurt',
    weight: 7,
    facts: 'hurt',
    citations: [
      ipc('323', '504', '506'),
      ipc('323', '504'),
      ipc('324', '323', '504', '506'),
      ipc('323', '341', '504', '506'),
    ],
    accused: [3, 35, 30, 20, 12],
    spotArrest: false,
    arrestRate: 0.35,
  },
  {
    key: 'grievous_hurt',
    crimeHeadId: 'grievous_hurt',
    weight: 1.5,
    facts: 'grievous_hurt',
    citations: [ipc('325', '323', '504', '506'), ipc('326', '323', '504')],
    accused: [3, 30, 30, 22, 15],
    spotArrest: false,
    arrestRate: 0.5,
  },
  {
    key: 'attempt_to_murder',
    crimeHeadId: 'attempt_to_murder',
    weight: 1.2,
    facts: 'attempt_to_murder',
    citations: [ipc('307', '504', '506'), ipc('307', '34'), ipc('307', '323', '504', '506')],
    accused: [5, 30, 30, 20, 15],
    spotArrest: false,
    arrestRate: 0.7,
  },
  {
    key: 'murder',
    crimeHeadId: 'murder',
    weight: 0.6,
    facts: 'murder',
    citations: [ipc('302'), ipc('302', '201'), ipc('302', '34'), ipc('302', '120B')],
    accused: [8, 35, 27, 18, 12],
    spotArrest: false,
    arrestRate: 0.8,
  },
  {
    key: 'kidnapping',
    crimeHeadId: 'kidnapping',
    weight: 0.6,
    facts: 'kidnapping',
    citations: [ipc('363'), ipc('364')],
    accused: [25, 45, 20, 7, 3],
    spotArrest: false,
    arrestRate: 0.55,
  },
  {
    key: 'house_trespass',
    crimeHeadId: 'house_trespass_for_hurt',
    weight: 1,
    facts: 'house_trespass',
    citations: [ipc('452', '323', '504', '506')],
    accused: [2, 30, 30, 23, 15],
    spotArrest: false,
    arrestRate: 0.35,
  },
  {
    key: 'assault_on_police',
    crimeHeadId: 'assault_on_public_servant',
    weight: 0.4,
    facts: 'assault_on_police',
    citations: [ipc('332', '353', '504'), ipc('353', '186', '504')],
    accused: [0, 30, 30, 20, 20],
    spotArrest: true,
    arrestRate: 0.9,
  },
  {
    key: 'abetment_of_suicide',
    crimeHeadId: 'abetment_of_suicide',
    weight: 0.3,
    facts: 'abetment_of_suicide',
    citations: [ipc('306')],
    accused: [5, 45, 30, 15, 5],
    spotArrest: false,
    arrestRate: 0.6,
  },
  // crimes against women
  {
    key: 'cruelty',
    crimeHeadId: 'cruelty_by_husband',
    weight: 3.5,
    facts: 'cruelty',
    citations: [ipc('498A', '323', '504', '506'), [...ipc('498A', '323', '504', '506'), ...law('DOWRY', '3/4')]],
    accused: [0, 20, 25, 30, 25],
    spotArrest: false,
    arrestRate: 0.3,
  },
  {
    key: 'dowry_death',
    crimeHeadId: 'dowry_death',
    weight: 0.4,
    facts: 'dowry_death',
    citations: [[...ipc('304B', '498A'), ...law('DOWRY', '3/4')], ipc('304B', '498A', '201')],
    accused: [0, 15, 25, 30, 30],
    spotArrest: false,
    arrestRate: 0.8,
  },
  {
    key: 'molestation',
    crimeHeadId: 'assault_on_woman',
    weight: 2,
    facts: 'molestation',
    citations: [ipc('354', '323', '504', '506'), ipc('354A'), ipc('354', '354B', '506')],
    accused: [3, 60, 25, 8, 4],
    spotArrest: false,
    arrestRate: 0.5,
  },
  {
    key: 'stalking',
    crimeHeadId: 'stalking',
    weight: 0.5,
    facts: 'stalking',
    citations: [ipc('354D', '506'), ipc('354D', '504', '506')],
    accused: [3, 80, 12, 4, 1],
    spotArrest: false,
    arrestRate: 0.5,
  },
  {
    key: 'kidnapping_of_woman',
    crimeHeadId: 'kidnapping_of_woman',
    weight: 1.5,
    facts: 'kidnapping_of_woman',
    citations: [ipc('363', '366'), ipc('366')],
    accused: [5, 60, 25, 7, 3],
    spotArrest: false,
    arrestRate: 0.6,
  },
  {
    key: 'rape',
    crimeHeadId: 'rape',
    weight: 0.7,
    facts: 'rape',
    citations: [ipc('376', '506'), ipc('376', '323', '506')],
    accused: [2, 80, 12, 4, 2],
    spotArrest: false,
    arrestRate: 0.75,
  },
  {
    key: 'insult_to_modesty',
    crimeHeadId: 'insult_to_modesty',
    weight: 0.5,
    facts: 'insult_to_modesty',
    citations: [ipc('509', '504', '506')],
    accused: [3, 70, 20, 5, 2],
    spotArrest: false,
    arrestRate: 0.35,
  },
  {
    key: 'pocso',
    crimeHeadId: 'pocso_sexual_assault',
    weight: 0.5,
    facts: 'pocso',
    citations: [
      [...ipc('354'), ...law('POCSO', '7/8')],
      [...ipc('354', '506'), ...law('POCSO', '7/8')],
    ],
    accused: [2, 85, 10, 2, 1],
    spotArrest: false,
    arrestRate: 0.75,
  },
  // traffic
  {
    key: 'accident_death',
    crimeHeadId: 'death_by_negligence',
    weight: 3,
    facts: 'accident_death',
    citations: [ipc('279', '304A'), ipc('279', '304A', '427')],
    accused: [45, 55, 0, 0, 0],
    spotArrest: false,
    arrestRate: 0.5,
  },
  {
    key: 'accident_hurt',
    crimeHeadId: 'hurt_by_rash_act',
    weight: 4,
    facts: 'accident_hurt',
    citations: [ipc('279', '337'), ipc('279', '338'), ipc('279', '337', '338', '427')],
    accused: [40, 60, 0, 0, 0],
    spotArrest: false,
    arrestRate: 0.4,
  },
  {
    key: 'rash_driving',
    crimeHeadId: 'rash_driving',
    weight: 0.8,
    facts: 'rash_driving',
    citations: [ipc('279'), [...ipc('279'), ...law('MV', '3/181')]],
    accused: [0, 100, 0, 0, 0],
    spotArrest: true,
    arrestRate: 1,
  },
  {
    key: 'drunken_driving',
    crimeHeadId: 'drunken_driving',
    weight: 0.4,
    facts: 'drunken_driving',
    citations: [law('MV', '185')],
    accused: [0, 100, 0, 0, 0],
    spotArrest: true,
    arrestRate: 1,
  },
  // excise, NDPS, arms, gambling
  {
    key: 'liquor',
    crimeHeadId: 'illicit_liquor',
    weight: 6,
    facts: 'liquor',
    citations: [law('EXCISE', '60'), law('EXCISE', '60'), law('EXCISE', '60/72'), law('EXCISE', '63')],
    accused: [3, 80, 12, 4, 1],
    spotArrest: true,
    arrestRate: 1,
  },
  {
    key: 'ganja',
    crimeHeadId: 'ndps_cannabis',
    weight: 1.8,
    facts: 'ganja',
    citations: [law('NDPS', '8/20')],
    accused: [0, 80, 15, 4, 1],
    spotArrest: true,
    arrestRate: 1,
  },
  {
    key: 'smack',
    crimeHeadId: 'ndps_manufactured_drugs',
    weight: 0.9,
    facts: 'smack',
    citations: [law('NDPS', '8/21'), law('NDPS', '8/21', '29')],
    accused: [0, 75, 18, 5, 2],
    spotArrest: true,
    arrestRate: 1,
  },
  {
    key: 'tablets',
    crimeHeadId: 'ndps_psychotropic',
    weight: 0.3,
    facts: 'tablets',
    citations: [law('NDPS', '8/22')],
    accused: [0, 85, 12, 2, 1],
    spotArrest: true,
    arrestRate: 1,
  },
  {
    key: 'doda',
    crimeHeadId: 'ndps_poppy_straw',
    weight: 0.2,
    facts: 'doda',
    citations: [law('NDPS', '8/15')],
    accused: [0, 75, 20, 4, 1],
    spotArrest: true,
    arrestRate: 1,
  },
  {
    key: 'pistol',
    crimeHeadId: 'illegal_arms_possession',
    weight: 3,
    facts: 'pistol',
    citations: [law('ARMS', '3/25')],
    accused: [0, 92, 6, 2, 0],
    spotArrest: true,
    arrestRate: 1,
  },
  {
    key: 'knife',
    crimeHeadId: 'illegal_arms_possession',
    weight: 0.7,
    facts: 'knife',
    citations: [law('ARMS', '4/25')],
    accused: [0, 95, 5, 0, 0],
    spotArrest: true,
    arrestRate: 1,
  },
  {
    key: 'arms_factory',
    crimeHeadId: 'arms_manufacture_sale',
    weight: 0.3,
    facts: 'arms_factory',
    citations: [law('ARMS', '5/25'), [...law('ARMS', '3/25', '5/25')]],
    accused: [0, 50, 30, 15, 5],
    spotArrest: true,
    arrestRate: 1,
  },
  {
    key: 'gambling',
    crimeHeadId: 'gambling',
    weight: 3.5,
    facts: 'gambling',
    citations: [law('GAMBLING', '13'), law('GAMBLING', '3/4')],
    accused: [0, 5, 25, 30, 40],
    spotArrest: true,
    arrestRate: 1,
  },
  // public order
  {
    key: 'riot',
    crimeHeadId: 'rioting',
    weight: 2,
    facts: 'riot',
    citations: [
      ipc('147', '148', '149', '323', '504', '506'),
      ipc('147', '323', '504', '506'),
      ipc('147', '148', '149', '323', '427', '504', '506'),
    ],
    accused: [0, 0, 5, 25, 70],
    spotArrest: false,
    arrestRate: 0.45,
  },
  {
    key: 'disobedience',
    crimeHeadId: 'disobedience_of_order',
    weight: 1,
    facts: 'disobedience',
    citations: [ipc('188'), ipc('188', '186')],
    accused: [5, 70, 15, 5, 5],
    spotArrest: true,
    arrestRate: 0.8,
  },
  {
    key: 'enmity',
    crimeHeadId: 'promoting_enmity',
    weight: 0.25,
    facts: 'enmity',
    citations: [ipc('153A', '295A', '505'), ipc('153A', '505')],
    accused: [5, 70, 15, 7, 3],
    spotArrest: false,
    arrestRate: 0.6,
  },
  // cyber (IT Act alone: with IPC 419/420 the FIR's head would be cheating)
  {
    key: 'cyber_fraud',
    crimeHeadId: 'cyber_fraud',
    weight: 2.2,
    facts: 'cyber_fraud',
    citations: [law('IT', '66D'), law('IT', '66C', '66D')],
    accused: [70, 22, 6, 2, 0],
    spotArrest: false,
    arrestRate: 0.3,
  },
  {
    key: 'cyber_identity',
    crimeHeadId: 'cyber_identity_theft',
    weight: 0.4,
    facts: 'cyber_identity',
    citations: [law('IT', '66C')],
    accused: [60, 35, 5, 0, 0],
    spotArrest: false,
    arrestRate: 0.3,
  },
  {
    key: 'cyber_obscene',
    crimeHeadId: 'cyber_obscenity',
    weight: 0.4,
    facts: 'cyber_obscene',
    citations: [law('IT', '67'), law('IT', '67A')],
    accused: [30, 65, 5, 0, 0],
    spotArrest: false,
    arrestRate: 0.4,
  },
  // cow slaughter, mining
  {
    key: 'cow_smuggling',
    crimeHeadId: 'cow_smuggling',
    weight: 1,
    facts: 'cow_smuggling',
    citations: [law('COW', '5A/8'), law('COW', '3/5A/8')],
    accused: [10, 40, 30, 15, 5],
    spotArrest: true,
    arrestRate: 1,
  },
  {
    key: 'cow_slaughter',
    crimeHeadId: 'cow_slaughter',
    weight: 0.5,
    facts: 'cow_slaughter',
    citations: [law('COW', '3/8')],
    accused: [10, 40, 30, 15, 5],
    spotArrest: true,
    arrestRate: 1,
  },
  {
    key: 'mining',
    crimeHeadId: 'illegal_mining',
    weight: 1,
    facts: 'mining',
    citations: [law('MINES', '4/21')],
    accused: [5, 70, 20, 5, 0],
    spotArrest: true,
    arrestRate: 1,
  },
  // other
  {
    key: 'intimidation',
    crimeHeadId: 'criminal_intimidation',
    weight: 2,
    facts: 'intimidation',
    citations: [ipc('504', '506'), ipc('506'), ipc('294', '504', '506')],
    accused: [5, 55, 25, 10, 5],
    spotArrest: false,
    arrestRate: 0.2,
  },
  {
    key: 'sc_st',
    crimeHeadId: 'sc_st_atrocity',
    weight: 1,
    facts: 'sc_st',
    citations: [
      [...ipc('323', '504', '506'), ...law('SCST', '3(1)(r)')],
      [...ipc('504', '506'), ...law('SCST', '3(1)(r)', '3(1)(s)')],
    ],
    accused: [0, 40, 30, 20, 10],
    spotArrest: false,
    arrestRate: 0.5,
  },
  {
    key: 'gangster',
    crimeHeadId: 'gangster_act',
    weight: 0.3,
    facts: 'gangster',
    citations: [law('GANGSTERS', '2/3')],
    accused: [0, 10, 30, 30, 30],
    spotArrest: false,
    arrestRate: 0.7,
  },
];

function groupOf(crimeHeadId: string): CrimeGroup {
  const head = crimeHeadById(crimeHeadId);
  if (!head) throw new Error(`generator recipe names an unknown crime head: ${crimeHeadId}`);
  return head.crimeGroup;
}

export const recipes: readonly Recipe[] = rows.map((r) => ({ ...r, crimeGroup: groupOf(r.crimeHeadId) }));

/** IPC section as cited ('498A') → BNS section as cited ('85'), from the reference mapping. */
const ipcToBns = new Map<string, string>();
for (const m of sectionMappings) {
  if (m.act === 'IPC' && m.bnsEquivalent) {
    const cited = m.subSection === null ? m.section : `${m.section}(${m.subSection})`;
    if (!ipcToBns.has(cited)) ipcToBns.set(cited, m.bnsEquivalent);
  }
}

/** The citations of an FIR registered before (IPC) or from (BNS) 1 July 2024. */
export function citationsFor(set: readonly Citation[], useBns: boolean): Citation[] {
  if (!useBns) return [...set];
  const out: Citation[] = [];
  for (const c of set) {
    if (c.act !== 'IPC') {
      out.push(c);
      continue;
    }
    const b = ipcToBns.get(c.section);
    if (!b) throw new Error(`no BNS equivalent in reference/crime-heads.ts for IPC ${c.section}`);
    // Two IPC sections can map to one BNS section (435, 436 → 326): cite it once.
    if (!out.some((o) => o.act === 'BNS' && o.section === b)) out.push({ act: 'BNS', section: b });
  }
  return out;
}

export function recipesOfGroup(group: CrimeGroup): Recipe[] {
  return recipes.filter((r) => r.crimeGroup === group);
}

export const meanAccusedPerFir =
  recipes.reduce((s, r) => {
    const total = r.accused.reduce((a, b) => a + b, 0);
    const mean = r.accused.reduce((a, w, k) => a + w * k, 0) / total;
    return s + r.weight * mean;
  }, 0) / recipes.reduce((s, r) => s + r.weight, 0);
