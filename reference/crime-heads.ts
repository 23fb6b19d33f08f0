/**
 * Acts and sections → one crime head, so that an FIR registered under the Indian Penal Code
 * (before 1 July 2024) and one registered under the Bharatiya Nyaya Sanhita (from 1 July 2024)
 * for the same offence land on the same crime head, and special and local laws (NDPS, Arms,
 * Excise, …) land on heads of their own.
 *
 * The IPC↔BNS pairs follow the official correspondence table (MHA/BPRD); where a sub-section
 * was not certain the bare BNS section is mapped, which `lookupCrimeHead` matches for any
 * sub-section. `reference/crime-heads.md` is generated from this file
 * (`npx tsx reference/write-crime-heads-doc.ts`).
 */

export const crimeGroups = [
  'violent',
  'property',
  'crimes_against_women',
  'ndps',
  'excise',
  'arms',
  'public_order',
  'cyber',
  'cow_slaughter',
  'mining',
  'gambling',
  'traffic',
  'other',
] as const;
export type CrimeGroup = (typeof crimeGroups)[number];

export const acts = [
  'IPC',
  'BNS',
  'NDPS',
  'ARMS',
  'EXCISE',
  'GAMBLING',
  'IT',
  'COW',
  'MINES',
  'DOWRY',
  'POCSO',
  'SCST',
  'MV',
  'GANGSTERS',
] as const;
export type Act = (typeof acts)[number];

/** Full names of the acts, for docs and reports. */
export const actNames: Record<Act, { en: string; hi: string }> = {
  IPC: { en: 'Indian Penal Code, 1860', hi: 'भारतीय दंड विधान, 1860' },
  BNS: { en: 'Bharatiya Nyaya Sanhita, 2023', hi: 'भारतीय न्याय संहिता, 2023' },
  NDPS: {
    en: 'Narcotic Drugs and Psychotropic Substances Act, 1985',
    hi: 'स्वापक औषधि एवं मन:प्रभावी पदार्थ अधिनियम, 1985',
  },
  ARMS: { en: 'Arms Act, 1959', hi: 'आयुध अधिनियम, 1959' },
  EXCISE: { en: 'Uttar Pradesh Excise Act, 1910', hi: 'उत्तर प्रदेश आबकारी अधिनियम, 1910' },
  GAMBLING: { en: 'Public Gambling Act, 1867', hi: 'सार्वजनिक द्यूत अधिनियम, 1867' },
  IT: { en: 'Information Technology Act, 2000', hi: 'सूचना प्रौद्योगिकी अधिनियम, 2000' },
  COW: {
    en: 'Uttar Pradesh Prevention of Cow Slaughter Act, 1955',
    hi: 'उत्तर प्रदेश गोवध निवारण अधिनियम, 1955',
  },
  MINES: {
    en: 'Mines and Minerals (Development and Regulation) Act, 1957',
    hi: 'खान और खनिज (विकास और विनियमन) अधिनियम, 1957',
  },
  DOWRY: { en: 'Dowry Prohibition Act, 1961', hi: 'दहेज प्रतिषेध अधिनियम, 1961' },
  POCSO: {
    en: 'Protection of Children from Sexual Offences Act, 2012',
    hi: 'लैंगिक अपराधों से बालकों का संरक्षण अधिनियम, 2012',
  },
  SCST: {
    en: 'Scheduled Castes and Scheduled Tribes (Prevention of Atrocities) Act, 1989',
    hi: 'अनुसूचित जाति एवं अनुसूचित जनजाति (अत्याचार निवारण) अधिनियम, 1989',
  },
  MV: { en: 'Motor Vehicles Act, 1988', hi: 'मोटर यान अधिनियम, 1988' },
  GANGSTERS: {
    en: 'Uttar Pradesh Gangsters and Anti-Social Activities (Prevention) Act, 1986',
    hi: 'उत्तर प्रदेश गिरोहबंद एवं समाज विरोधी क्रियाकलाप (निवारण) अधिनियम, 1986',
  },
};

/**
 * `offence`: the section names what was done. `qualifier`: the section only says how or by whom
 * (common intention, conspiracy, unlawful assembly, abetment, attempt, SC/ST enhancement) and
 * never decides an FIR's crime head when an offence section is present.
 */
export type CrimeHeadRole = 'offence' | 'qualifier';

export interface CrimeHead {
  crimeHeadId: string;
  nameEn: string;
  nameHi: string;
  crimeGroup: CrimeGroup;
  role: CrimeHeadRole;
}

export interface SectionMapping {
  act: Act;
  /** IPC/BNS: the section number with its letter ('303', '304A'); special laws: the whole cited section ('8/20', '3(1)(r)'). */
  section: string;
  /** IPC/BNS only: the first sub-section ('2' for 303(2), 'a' for 125(a)); null for the bare section and special laws. */
  subSection: string | null;
  crimeHeadId: string;
  /** On BNS rows: the IPC section(s) it replaces, comma-separated ('302', '435, 436'). */
  ipcEquivalent?: string;
  /** On IPC rows: the BNS section that replaces it as cited ('303(2)'). */
  bnsEquivalent?: string;
}

type HeadRow = [crimeHeadId: string, nameEn: string, nameHi: string, crimeGroup: CrimeGroup, role?: CrimeHeadRole];

/**
 * Ordered from most to least serious: an FIR with several sections takes the first head in this
 * order (see `mostSeriousCrimeHead`). Qualifiers come last.
 */
const headRows: HeadRow[] = [
  ['murder', 'Murder', 'हत्या', 'violent'],
  ['dowry_death', 'Dowry death', 'दहेज मृत्यु', 'crimes_against_women'],
  ['gang_rape', 'Gang rape', 'सामूहिक बलात्कार', 'crimes_against_women'],
  ['rape', 'Rape', 'बलात्कार', 'crimes_against_women'],
  [
    'pocso_penetrative_sexual_assault',
    'Penetrative sexual assault on a child (POCSO)',
    'बालक पर प्रवेशन लैंगिक हमला (पॉक्सो)',
    'crimes_against_women',
  ],
  ['dacoity', 'Dacoity', 'डकैती', 'property'],
  ['kidnapping_for_ransom', 'Kidnapping for ransom', 'फिरौती हेतु अपहरण', 'violent'],
  ['attempt_to_murder', 'Attempt to murder', 'हत्या का प्रयास', 'violent'],
  [
    'culpable_homicide',
    'Culpable homicide not amounting to murder',
    'हत्या की कोटि में न आने वाला आपराधिक मानव वध',
    'violent',
  ],
  ['acid_attack', 'Acid attack', 'तेजाब से हमला', 'violent'],
  ['human_trafficking', 'Human trafficking', 'मानव तस्करी', 'crimes_against_women'],
  ['robbery', 'Robbery', 'लूट', 'property'],
  ['preparation_for_dacoity', 'Preparation or assembly for dacoity', 'डकैती की तैयारी', 'property'],
  [
    'kidnapping_of_woman',
    'Kidnapping or abduction of a woman to compel marriage',
    'विवाह हेतु विवश करने के लिए स्त्री का अपहरण',
    'crimes_against_women',
  ],
  ['kidnapping', 'Kidnapping and abduction', 'व्यपहरण एवं अपहरण', 'violent'],
  ['organised_crime', 'Organised crime', 'संगठित अपराध', 'other'],
  ['gangster_act', 'Gang activity (UP Gangsters Act)', 'गैंगस्टर अधिनियम', 'other'],
  ['abetment_of_suicide', 'Abetment of suicide', 'आत्महत्या का दुष्प्रेरण', 'violent'],
  ['attempt_to_culpable_homicide', 'Attempt to commit culpable homicide', 'आपराधिक मानव वध का प्रयास', 'violent'],
  ['pocso_sexual_assault', 'Sexual assault on a child (POCSO)', 'बालक पर लैंगिक हमला (पॉक्सो)', 'crimes_against_women'],
  ['sexual_intercourse_by_deceit', 'Sexual intercourse by deceitful means', 'छलपूर्वक यौन संबंध', 'crimes_against_women'],
  ['death_by_negligence', 'Causing death by negligence', 'उपेक्षा द्वारा मृत्यु', 'traffic'],
  ['ndps_manufactured_drugs', 'Manufactured drugs (smack, heroin)', 'विनिर्मित मादक पदार्थ (स्मैक, हेरोइन)', 'ndps'],
  ['ndps_opium', 'Opium', 'अफीम', 'ndps'],
  ['ndps_psychotropic', 'Psychotropic substances', 'मन:प्रभावी पदार्थ', 'ndps'],
  ['ndps_cannabis', 'Cannabis (ganja, charas)', 'गांजा, चरस', 'ndps'],
  ['ndps_poppy_straw', 'Poppy straw (doda)', 'डोडा पोस्त', 'ndps'],
  ['arms_manufacture_sale', 'Illegal manufacture or sale of arms', 'अवैध शस्त्र निर्माण या बिक्री', 'arms'],
  ['arms_use', 'Use of illegal arms', 'अवैध शस्त्र का प्रयोग', 'arms'],
  ['illegal_arms_possession', 'Illegal possession of arms', 'अवैध शस्त्र रखना', 'arms'],
  ['spurious_liquor', 'Spurious liquor causing death or injury', 'जहरीली शराब', 'excise'],
  ['cow_slaughter', 'Cow slaughter', 'गोवध', 'cow_slaughter'],
  ['cow_smuggling', 'Transport of cattle for slaughter', 'गोवंश तस्करी', 'cow_slaughter'],
  ['extortion', 'Extortion', 'उद्दापन (रंगदारी)', 'property'],
  ['snatching', 'Snatching', 'छिनैती (झपटमारी)', 'property'],
  ['house_breaking', 'House-breaking (burglary)', 'नकबजनी (गृहभेदन)', 'property'],
  ['grievous_hurt', 'Grievous hurt', 'घोर उपहति', 'violent'],
  [
    'assault_on_woman',
    'Assault on a woman to outrage her modesty',
    'स्त्री की लज्जा भंग करने के आशय से हमला',
    'crimes_against_women',
  ],
  ['sexual_harassment', 'Sexual harassment', 'यौन उत्पीड़न', 'crimes_against_women'],
  [
    'pocso_sexual_harassment',
    'Sexual harassment of a child (POCSO)',
    'बालक का लैंगिक उत्पीड़न (पॉक्सो)',
    'crimes_against_women',
  ],
  ['stalking', 'Stalking', 'पीछा करना', 'crimes_against_women'],
  ['voyeurism', 'Voyeurism', 'दृश्यरतिकता', 'crimes_against_women'],
  ['cruelty_by_husband', 'Cruelty by husband or his relatives', 'पति या नातेदारों द्वारा क्रूरता', 'crimes_against_women'],
  ['dowry_demand', 'Giving, taking or demanding dowry', 'दहेज की मांग', 'crimes_against_women'],
  ['rioting', 'Rioting', 'बलवा', 'public_order'],
  ['promoting_enmity', 'Promoting enmity between groups', 'समूहों के बीच शत्रुता बढ़ाना', 'public_order'],
  [
    'outraging_religious_feelings',
    'Outraging or wounding religious feelings',
    'धार्मिक भावनाएं आहत करना',
    'public_order',
  ],
  [
    'public_mischief_statements',
    'Statements conducing to public mischief (rumours)',
    'लोक रिष्टि कारक वक्तव्य (अफवाह)',
    'public_order',
  ],
  ['criminal_breach_of_trust', 'Criminal breach of trust', 'आपराधिक न्यासभंग', 'property'],
  ['cheating_by_personation', 'Cheating by personation', 'प्रतिरूपण द्वारा छल', 'property'],
  ['cheating', 'Cheating', 'छल (धोखाधड़ी)', 'property'],
  ['cyber_fraud', 'Cheating by personation using a computer (online fraud)', 'ऑनलाइन धोखाधड़ी', 'cyber'],
  ['cyber_identity_theft', 'Identity theft', 'पहचान की चोरी', 'cyber'],
  ['cyber_hacking', 'Computer-related offences (hacking)', 'कंप्यूटर संबंधी अपराध (हैकिंग)', 'cyber'],
  [
    'cyber_obscenity',
    'Publishing obscene or sexually explicit material online',
    'इलेक्ट्रॉनिक रूप में अश्लील सामग्री',
    'cyber',
  ],
  ['forgery', 'Forgery', 'कूटरचना', 'property'],
  ['theft_in_dwelling', 'Theft in a dwelling house', 'गृह में चोरी', 'property'],
  ['theft', 'Theft', 'चोरी', 'property'],
  ['receiving_stolen_property', 'Receiving stolen property', 'चोरी की संपत्ति प्राप्त करना', 'property'],
  [
    'house_trespass_for_hurt',
    'House-trespass after preparation for hurt or assault',
    'उपहति की तैयारी के बाद गृह-अतिचार',
    'violent',
  ],
  ['assault_on_public_servant', 'Assault or hurt to a public servant', 'लोक सेवक पर हमला', 'violent'],
  ['illegal_mining', 'Illegal mining', 'अवैध खनन', 'mining'],
  ['sc_st_atrocity', 'Atrocity on a member of a Scheduled Caste or Tribe', 'अनुसूचित जाति/जनजाति उत्पीड़न', 'other'],
  ['hurt', 'Hurt', 'उपहति (मारपीट)', 'violent'],
  ['hurt_by_rash_act', 'Endangering life or hurt by a rash or negligent act', 'उतावलेपन या उपेक्षा से उपहति', 'traffic'],
  ['wrongful_restraint', 'Wrongful restraint or confinement', 'सदोष अवरोध या परिरोध', 'violent'],
  ['insult_to_modesty', 'Insult to the modesty of a woman', 'स्त्री की लज्जा का अनादर', 'crimes_against_women'],
  ['arson', 'Mischief by fire or explosive', 'आगजनी', 'property'],
  ['mischief', 'Mischief', 'रिष्टि', 'property'],
  ['criminal_trespass', 'Criminal trespass and house-trespass', 'आपराधिक अतिचार', 'property'],
  ['illicit_liquor', 'Illicit liquor (possession, sale, manufacture)', 'अवैध शराब', 'excise'],
  ['gambling', 'Gambling', 'जुआ', 'gambling'],
  ['dangerous_driving', 'Dangerous driving', 'खतरनाक ढंग से वाहन चलाना', 'traffic'],
  ['drunken_driving', 'Drunken driving', 'नशे में वाहन चलाना', 'traffic'],
  ['rash_driving', 'Rash driving on a public way', 'लोक मार्ग पर उतावलेपन से वाहन चलाना', 'traffic'],
  ['driving_without_licence', 'Driving without a licence', 'बिना लाइसेंस वाहन चलाना', 'traffic'],
  ['ndps_consumption', 'Consumption of narcotic drugs', 'मादक पदार्थ का सेवन', 'ndps'],
  ['obstructing_public_servant', 'Obstructing a public servant', 'लोक सेवक के कार्य में बाधा', 'public_order'],
  ['disobedience_of_order', 'Disobedience of an order of a public servant', 'लोक सेवक के आदेश की अवज्ञा', 'public_order'],
  ['criminal_intimidation', 'Criminal intimidation', 'आपराधिक अभित्रास (धमकी)', 'other'],
  ['intentional_insult', 'Intentional insult to provoke breach of peace', 'शांति भंग कराने के आशय से अपमान', 'other'],
  ['obscene_acts', 'Obscene acts or words in public', 'अश्लील कार्य या गाली-गलौज', 'other'],
  ['disappearance_of_evidence', 'Causing disappearance of evidence', 'साक्ष्य मिटाना', 'other'],
  ['unlawful_assembly', 'Member of an unlawful assembly', 'विधिविरुद्ध जमाव', 'public_order', 'qualifier'],
  [
    'sc_st_atrocity_enhancement',
    'Offence against a member of a Scheduled Caste or Tribe (enhanced punishment)',
    'अनुसूचित जाति/जनजाति के विरुद्ध अपराध (बढ़ा दंड)',
    'other',
    'qualifier',
  ],
  ['ndps_abetment_conspiracy', 'Abetment or conspiracy (NDPS)', 'दुष्प्रेरण या षड्यंत्र (एनडीपीएस)', 'ndps', 'qualifier'],
  ['criminal_conspiracy', 'Criminal conspiracy', 'आपराधिक षड्यंत्र', 'other', 'qualifier'],
  ['common_intention', 'Common intention', 'सामान्य आशय', 'other', 'qualifier'],
  ['abetment', 'Abetment', 'दुष्प्रेरण', 'other', 'qualifier'],
  ['attempt', 'Attempt to commit an offence', 'अपराध करने का प्रयत्न', 'other', 'qualifier'],
];

export const crimeHeads: readonly CrimeHead[] = headRows.map(
  ([crimeHeadId, nameEn, nameHi, crimeGroup, role = 'offence']) => ({
    crimeHeadId,
    nameEn,
    nameHi,
    crimeGroup,
    role,
  }),
);

/**
 * IPC section → BNS section as cited, → crime head. Corrections to commonly circulated pairs:
 * IPC 448 (house-trespass) is BNS 329(4); BNS 333 is IPC 452. IPC 397 (robbery or dacoity with
 * attempt to cause death or grievous hurt) is mostly cited with 392, so it counts as robbery;
 * with 395 the dacoity section decides the FIR's head anyway.
 */
const ipcBnsPairs: [ipc: string, bns: string, crimeHeadId: string][] = [
  // human body
  ['302', '103(1)', 'murder'],
  ['304', '105', 'culpable_homicide'],
  ['304A', '106(1)', 'death_by_negligence'],
  ['304B', '80(2)', 'dowry_death'],
  ['306', '108', 'abetment_of_suicide'],
  ['307', '109(1)', 'attempt_to_murder'],
  ['308', '110', 'attempt_to_culpable_homicide'],
  ['323', '115(2)', 'hurt'],
  ['324', '118(1)', 'hurt'],
  ['325', '117(2)', 'grievous_hurt'],
  ['326', '118(2)', 'grievous_hurt'],
  ['326A', '124(1)', 'acid_attack'],
  ['326B', '124(2)', 'acid_attack'],
  ['332', '121(1)', 'assault_on_public_servant'],
  ['333', '121(2)', 'assault_on_public_servant'],
  ['353', '132', 'assault_on_public_servant'],
  ['341', '126(2)', 'wrongful_restraint'],
  ['342', '127(2)', 'wrongful_restraint'],
  ['363', '137(2)', 'kidnapping'],
  ['364', '140(1)', 'kidnapping'],
  ['364A', '140(2)', 'kidnapping_for_ransom'],
  ['365', '140(3)', 'kidnapping'],
  ['367', '140(4)', 'kidnapping'],
  ['366', '87', 'kidnapping_of_woman'],
  ['370', '143', 'human_trafficking'],
  // women
  ['354', '74', 'assault_on_woman'],
  ['354A', '75', 'sexual_harassment'],
  ['354B', '76', 'assault_on_woman'],
  ['354C', '77', 'voyeurism'],
  ['354D', '78', 'stalking'],
  ['509', '79', 'insult_to_modesty'],
  ['376', '64', 'rape'],
  ['376D', '70(1)', 'gang_rape'],
  ['498A', '85', 'cruelty_by_husband'],
  // property
  ['379', '303(2)', 'theft'],
  ['380', '305', 'theft_in_dwelling'],
  ['381', '306', 'theft'],
  ['384', '308(2)', 'extortion'],
  ['392', '309(4)', 'robbery'],
  ['393', '309(5)', 'robbery'],
  ['394', '309(6)', 'robbery'],
  ['397', '311', 'robbery'],
  ['395', '310(2)', 'dacoity'],
  ['396', '310(3)', 'dacoity'],
  ['399', '310(4)', 'preparation_for_dacoity'],
  ['402', '310(5)', 'preparation_for_dacoity'],
  ['406', '316(2)', 'criminal_breach_of_trust'],
  ['409', '316(5)', 'criminal_breach_of_trust'],
  ['411', '317(2)', 'receiving_stolen_property'],
  ['413', '317(4)', 'receiving_stolen_property'],
  ['414', '317(5)', 'receiving_stolen_property'],
  ['419', '319(2)', 'cheating_by_personation'],
  ['420', '318(4)', 'cheating'],
  ['465', '336(2)', 'forgery'],
  ['467', '338', 'forgery'],
  ['468', '336(3)', 'forgery'],
  ['471', '340(2)', 'forgery'],
  ['427', '324(4)', 'mischief'],
  ['435', '326', 'arson'],
  ['436', '326', 'arson'],
  ['447', '329(3)', 'criminal_trespass'],
  ['448', '329(4)', 'criminal_trespass'],
  ['452', '333', 'house_trespass_for_hurt'],
  ['454', '331(3)', 'house_breaking'],
  ['457', '331(4)', 'house_breaking'],
  // public order and public servants
  ['147', '191(2)', 'rioting'],
  ['148', '191(3)', 'rioting'],
  ['149', '190', 'unlawful_assembly'],
  ['153A', '196(1)', 'promoting_enmity'],
  ['295A', '299', 'outraging_religious_feelings'],
  ['298', '302', 'outraging_religious_feelings'],
  ['505', '353', 'public_mischief_statements'],
  ['186', '221', 'obstructing_public_servant'],
  ['188', '223', 'disobedience_of_order'],
  // traffic
  ['279', '281', 'rash_driving'],
  ['336', '125', 'hurt_by_rash_act'],
  ['337', '125(a)', 'hurt_by_rash_act'],
  ['338', '125(b)', 'hurt_by_rash_act'],
  // miscellaneous
  ['504', '352', 'intentional_insult'],
  ['506', '351(2)', 'criminal_intimidation'],
  ['507', '351(4)', 'criminal_intimidation'],
  ['294', '296', 'obscene_acts'],
  ['201', '238', 'disappearance_of_evidence'],
  // qualifiers
  ['34', '3(5)', 'common_intention'],
  ['120B', '61(2)', 'criminal_conspiracy'],
  ['109', '49', 'abetment'],
  ['511', '62', 'attempt'],
];

/** BNS provisions with no single IPC section, or a second BNS sub-section for one IPC section. */
const bnsOnly: [bns: string, crimeHeadId: string, ipcEquivalent?: string][] = [
  ['103(2)', 'murder', '302'], // murder by a group on grounds of race, caste, … (mob lynching)
  ['106(2)', 'death_by_negligence', '304A'], // hit and run
  ['351(3)', 'criminal_intimidation', '506'],
  ['69', 'sexual_intercourse_by_deceit'],
  ['111', 'organised_crime'],
  ['112', 'organised_crime'], // petty organised crime
  ['304(2)', 'snatching'], // under the IPC: 379 or 356 with 379
];

/** Special and local laws: the whole cited section, as written in FIRs ('8/20' = s.8 punished under s.20). */
const specialLaws: [act: Act, section: string, crimeHeadId: string][] = [
  ['NDPS', '8/20', 'ndps_cannabis'],
  ['NDPS', '20', 'ndps_cannabis'],
  ['NDPS', '8/21', 'ndps_manufactured_drugs'],
  ['NDPS', '21', 'ndps_manufactured_drugs'],
  ['NDPS', '8/22', 'ndps_psychotropic'],
  ['NDPS', '22', 'ndps_psychotropic'],
  ['NDPS', '8/18', 'ndps_opium'],
  ['NDPS', '18', 'ndps_opium'],
  ['NDPS', '8/15', 'ndps_poppy_straw'],
  ['NDPS', '15', 'ndps_poppy_straw'],
  ['NDPS', '27', 'ndps_consumption'],
  ['NDPS', '29', 'ndps_abetment_conspiracy'],
  ['ARMS', '3/25', 'illegal_arms_possession'],
  ['ARMS', '25', 'illegal_arms_possession'],
  ['ARMS', '4/25', 'illegal_arms_possession'],
  ['ARMS', '7/25', 'illegal_arms_possession'],
  ['ARMS', '5/25', 'arms_manufacture_sale'],
  ['ARMS', '5/27', 'arms_manufacture_sale'],
  ['ARMS', '27', 'arms_use'],
  ['EXCISE', '60', 'illicit_liquor'],
  ['EXCISE', '60/72', 'illicit_liquor'],
  ['EXCISE', '63', 'illicit_liquor'],
  ['EXCISE', '72', 'illicit_liquor'],
  ['EXCISE', '60A', 'spurious_liquor'],
  ['GAMBLING', '3/4', 'gambling'],
  ['GAMBLING', '13', 'gambling'],
  ['GAMBLING', '3', 'gambling'],
  ['GAMBLING', '4', 'gambling'],
  ['IT', '66', 'cyber_hacking'],
  ['IT', '66C', 'cyber_identity_theft'],
  ['IT', '66D', 'cyber_fraud'],
  ['IT', '67', 'cyber_obscenity'],
  ['IT', '67A', 'cyber_obscenity'],
  ['IT', '67B', 'cyber_obscenity'],
  ['COW', '3/8', 'cow_slaughter'],
  ['COW', '8', 'cow_slaughter'],
  ['COW', '3', 'cow_slaughter'],
  ['COW', '5A/8', 'cow_smuggling'],
  ['COW', '5A', 'cow_smuggling'],
  ['MINES', '4/21', 'illegal_mining'],
  ['MINES', '21', 'illegal_mining'],
  ['MINES', '4', 'illegal_mining'],
  ['DOWRY', '3/4', 'dowry_demand'],
  ['DOWRY', '3', 'dowry_demand'],
  ['DOWRY', '4', 'dowry_demand'],
  ['POCSO', '3/4', 'pocso_penetrative_sexual_assault'],
  ['POCSO', '4', 'pocso_penetrative_sexual_assault'],
  ['POCSO', '5/6', 'pocso_penetrative_sexual_assault'],
  ['POCSO', '6', 'pocso_penetrative_sexual_assault'],
  ['POCSO', '7/8', 'pocso_sexual_assault'],
  ['POCSO', '8', 'pocso_sexual_assault'],
  ['POCSO', '9/10', 'pocso_sexual_assault'],
  ['POCSO', '10', 'pocso_sexual_assault'],
  ['POCSO', '11/12', 'pocso_sexual_harassment'],
  ['POCSO', '12', 'pocso_sexual_harassment'],
  ['SCST', '3(1)(r)', 'sc_st_atrocity'],
  ['SCST', '3(1)(s)', 'sc_st_atrocity'],
  ['SCST', '3', 'sc_st_atrocity'],
  ['SCST', '3(2)(v)', 'sc_st_atrocity_enhancement'],
  ['SCST', '3(2)(va)', 'sc_st_atrocity_enhancement'],
  ['MV', '184', 'dangerous_driving'],
  ['MV', '185', 'drunken_driving'],
  ['MV', '3/181', 'driving_without_licence'],
  ['MV', '181', 'driving_without_licence'],
  ['GANGSTERS', '2/3', 'gangster_act'],
  ['GANGSTERS', '3', 'gangster_act'],
];

/** `'303(2)'` → `{ section: '303', subSection: '2' }`; `'304A'` → `{ section: '304A', subSection: null }`. */
export function splitCodeSection(cited: string): { section: string; subSection: string | null } {
  const m = /^([0-9]+[A-Za-z]{0,2})(?:\(([0-9A-Za-z]+)\))?/.exec(cited.trim());
  if (!m?.[1]) return { section: cited.trim(), subSection: null };
  return { section: m[1].toUpperCase(), subSection: m[2] ?? null };
}

export const sectionMappings: readonly SectionMapping[] = [
  ...ipcBnsPairs.flatMap(([ipc, bns, crimeHeadId]): SectionMapping[] => [
    { act: 'IPC', ...splitCodeSection(ipc), crimeHeadId, bnsEquivalent: bns },
  ]),
  // One BNS row per distinct cited BNS section; its IPC equivalents collected from the pairs.
  ...[...new Set(ipcBnsPairs.map(([, bns]) => bns))].map((bns): SectionMapping => {
    const pairs = ipcBnsPairs.filter(([, b]) => b === bns);
    return {
      act: 'BNS',
      ...splitCodeSection(bns),
      crimeHeadId: pairs[0]?.[2] ?? '',
      ipcEquivalent: pairs.map(([ipc]) => ipc).join(', '),
    };
  }),
  ...bnsOnly.map(([bns, crimeHeadId, ipcEquivalent]): SectionMapping => ({
    act: 'BNS',
    ...splitCodeSection(bns),
    crimeHeadId,
    ...(ipcEquivalent ? { ipcEquivalent } : {}),
  })),
  ...specialLaws.map(([act, section, crimeHeadId]): SectionMapping => ({
    act,
    section,
    subSection: null,
    crimeHeadId,
  })),
];

const headById = new Map(crimeHeads.map((h) => [h.crimeHeadId, h]));
const headRank = new Map(crimeHeads.map((h, i) => [h.crimeHeadId, i]));

/** Comparable section text: upper case, no spaces or dashes ('304 a' = '304-A' = '304A'). */
function key(text: string): string {
  return text.toUpperCase().replace(/[\s-]+/g, '');
}

const exactIndex = new Map<string, SectionMapping>();
const sectionIndex = new Map<string, SectionMapping>();
for (const m of sectionMappings) {
  const exact = `${m.act}|${key(m.section)}|${m.subSection === null ? '' : key(m.subSection)}`;
  if (!exactIndex.has(exact)) exactIndex.set(exact, m);
  const bare = `${m.act}|${key(m.section)}`;
  // Prefer the bare-section row, else the first sub-section listed.
  const prev = sectionIndex.get(bare);
  if (!prev || (m.subSection === null && prev.subSection !== null)) sectionIndex.set(bare, m);
}

export function crimeHeadById(crimeHeadId: string): CrimeHead | undefined {
  return headById.get(crimeHeadId);
}

/** Candidates for a special-law citation, most specific first: '3(1)(r)(s)' → '3(1)(r)' → '3(1)' → '3'. */
function specialCandidates(section: string): string[] {
  const out = [section];
  let s = section;
  while (/\([^()]*\)$/.test(s)) {
    s = s.replace(/\([^()]*\)$/, '');
    out.push(s);
  }
  const noParens = section.replace(/\([^()]*\)/g, '');
  out.push(noParens);
  // '25/27' with no row of its own: the punishing section (last) first, then the others.
  if (noParens.includes('/')) out.push(...noParens.split('/').reverse());
  return out;
}

/**
 * The crime head of a cited section: the exact (act, section, sub-section) first, then the
 * section ignoring its sub-section. Special laws also fall back from '25(1)(b)' to '25' and
 * from an unlisted '25/27' to its parts. Case, spaces and dashes in the section do not matter.
 */
export function lookupCrimeHead(act: Act, section: string, subSection: string | null): CrimeHead | undefined {
  const isCode = act === 'IPC' || act === 'BNS';
  const candidates = isCode ? [section] : specialCandidates(section);
  for (const c of candidates) {
    const m = exactIndex.get(`${act}|${key(c)}|${subSection === null || !isCode ? '' : key(subSection)}`);
    if (m) return headById.get(m.crimeHeadId);
  }
  for (const c of candidates) {
    const m = sectionIndex.get(`${act}|${key(c)}`);
    if (m) return headById.get(m.crimeHeadId);
  }
  return undefined;
}

/**
 * The head that decides an FIR with several sections: the most serious offence, or the most
 * serious qualifier when there is no offence section (e.g. only '34'). Unknown ids are ignored.
 */
export function mostSeriousCrimeHead(crimeHeadIds: readonly (string | null | undefined)[]): CrimeHead | undefined {
  let best: CrimeHead | undefined;
  for (const id of crimeHeadIds) {
    const h = id ? headById.get(id) : undefined;
    if (!h) continue;
    if (!best || (headRank.get(h.crimeHeadId) ?? Infinity) < (headRank.get(best.crimeHeadId) ?? Infinity)) best = h;
  }
  return best;
}
