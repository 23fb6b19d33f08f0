/**
 * Places of occurrence and brief facts, in Hindi or English, from templates per kind of
 * offence with the place, time and items filled in.
 */
import type { Place } from './names.ts';
import type { FactsKind } from './offences.ts';
import type { Rng } from './random.ts';
import type { Lang } from './sections.ts';

interface Bi {
  en: string;
  hi: string;
}
const b = (en: string, hi: string): Bi => ({ en, hi });

const landmarks: readonly Bi[] = [
  b('Shiv Mandir', 'शिव मंदिर'),
  b('Hanuman Mandir', 'हनुमान मंदिर'),
  b('primary school', 'प्राथमिक विद्यालय'),
  b('bus stand', 'बस स्टैंड'),
  b('railway crossing', 'रेलवे क्रासिंग'),
  b('weekly market', 'साप्ताहिक बाजार'),
  b('petrol pump', 'पेट्रोल पंप'),
  b('canal bridge', 'नहर पुलिया'),
  b('Eidgah', 'ईदगाह'),
  b('panchayat bhawan', 'पंचायत भवन'),
  b('brick kiln', 'ईंट भट्ठा'),
  b('tube well', 'ट्यूबवेल'),
  b('mango orchard', 'आम की बाग'),
  b('highway crossing', 'हाईवे तिराहा'),
  b('sugarcane field', 'गन्ने का खेत'),
  b('Dhaba', 'ढाबा'),
  b('Cooperative bank', 'सहकारी बैंक'),
  b('cremation ghat', 'श्मशान घाट'),
];

const items: readonly Bi[] = [
  b('a gold chain and cash', 'सोने की चेन व नकदी'),
  b('a mobile phone (Vivo)', 'एक मोबाइल फोन (वीवो)'),
  b('a mobile phone (Redmi)', 'एक मोबाइल फोन (रेडमी)'),
  b('a buffalo', 'एक भैंस'),
  b('two goats', 'दो बकरियां'),
  b('a submersible pump motor', 'समरसेबल पंप की मोटर'),
  b('the battery of an e-rickshaw', 'ई-रिक्शा की बैटरी'),
  b('jewellery and utensils', 'जेवरात व बर्तन'),
  b('a bag containing cash', 'नकदी से भरा बैग'),
  b('copper wire from the transformer', 'ट्रांसफार्मर का तांबे का तार'),
  b('a bicycle', 'एक साइकिल'),
  b('a gas cylinder', 'गैस सिलेंडर'),
];

export const vehicleModels: readonly (Bi & { vehicleClass: string })[] = [
  { ...b('Hero Splendor Plus motorcycle', 'हीरो स्प्लेंडर प्लस मोटरसाइकिल'), vehicleClass: 'Motor Cycle' },
  { ...b('Honda Shine motorcycle', 'होंडा शाइन मोटरसाइकिल'), vehicleClass: 'Motor Cycle' },
  { ...b('Bajaj Pulsar 150 motorcycle', 'बजाज पल्सर मोटरसाइकिल'), vehicleClass: 'Motor Cycle' },
  { ...b('Hero HF Deluxe motorcycle', 'हीरो एचएफ डीलक्स मोटरसाइकिल'), vehicleClass: 'Motor Cycle' },
  { ...b('TVS Apache motorcycle', 'टीवीएस अपाचे मोटरसाइकिल'), vehicleClass: 'Motor Cycle' },
  { ...b('Honda Activa scooter', 'होंडा एक्टिवा स्कूटी'), vehicleClass: 'Scooter' },
  { ...b('Mahindra Bolero', 'महिंद्रा बोलेरो'), vehicleClass: 'Motor Car' },
  { ...b('Maruti Swift Dzire car', 'मारुति स्विफ्ट डिजायर कार'), vehicleClass: 'Motor Car' },
  { ...b('Tata Ace pickup', 'टाटा मैजिक/एस पिकअप'), vehicleClass: 'Goods Carrier' },
  { ...b('Mahindra 575 DI tractor', 'महिंद्रा 575 ट्रैक्टर'), vehicleClass: 'Agricultural Tractor' },
  { ...b('e-rickshaw', 'ई-रिक्शा'), vehicleClass: 'E-Rickshaw' },
];

/** ₹ with Indian digit grouping: 1234567 → 12,34,567. */
export function formatInr(amount: number): string {
  const s = String(Math.round(amount));
  if (s.length <= 3) return s;
  const last3 = s.slice(-3);
  const rest = s.slice(0, -3).replace(/\B(?=(\d{2})+(?!\d))/g, ',');
  return `${rest},${last3}`;
}

export function rupees(rng: Rng, amount: number, lang: Lang): string {
  const n = formatInr(amount);
  if (lang === 'hi') return rng.chance(0.5) ? `${n} रुपये` : `₹${n}`;
  return rng.pick([`Rs. ${n}`, `₹${n}`, `Rs ${n}/-`]);
}

/** Place of occurrence near a village or mohalla of the thana. */
export function placeText(rng: Rng, where: Place, stationName: Bi, lang: Lang, publicPlace = false): string {
  const lm = rng.pick(landmarks);
  if (lang === 'hi') {
    if (where.kind === 'mohalla') {
      return rng.pick([
        `मोहल्ला ${where.hi}, ${lm.hi} के पास`,
        `${where.hi} में ${lm.hi} के सामने`,
        `मो० ${where.hi}, थाना ${stationName.hi}`,
      ]);
    }
    return rng.pick([
      `ग्राम ${where.hi} में ${lm.hi} के पास`,
      `ग्राम ${where.hi}, थाना क्षेत्र ${stationName.hi}`,
      `${where.hi} ${lm.hi} के निकट`,
      ...(publicPlace ? [] : [`वादी का घर, ग्राम ${where.hi}`]),
    ]);
  }
  if (where.kind === 'mohalla') {
    return rng.pick([
      `Near ${lm.en}, Mohalla ${where.en}`,
      `Mohalla ${where.en}, PS ${stationName.en} area`,
      `${where.en} market`,
    ]);
  }
  return rng.pick([
    `Near ${lm.en}, Village ${where.en}`,
    `Village ${where.en}, PS ${stationName.en} area`,
    `${where.en} ${lm.en}`,
    ...(publicPlace ? [] : [`Complainant's house, Village ${where.en}`]),
  ]);
}

export interface FactsContext {
  lang: Lang;
  complainant: string;
  complainantFather: string;
  complainantHome: string;
  place: string;
  date: string;
  time: string;
  accused: readonly string[];
  plate?: string;
  vehicle?: Bi;
  /** Quantity recovered (litres, kg, grams, tablets, cartridges, cattle, rupees), as seized. */
  qty: number;
}

type Template = (c: FactsContext, r: Rng) => string;

function who(c: FactsContext): string {
  if (c.accused.length === 0) return c.lang === 'hi' ? 'अज्ञात व्यक्तियों' : 'unknown persons';
  return c.lang === 'hi' ? c.accused.join(' व ') : c.accused.join(', ');
}

function vehicleOf(c: FactsContext, r: Rng): string {
  const v = c.vehicle ?? r.pick(vehicleModels);
  const plate = c.plate ? ` ${c.plate}` : '';
  return (c.lang === 'hi' ? v.hi : v.en) + plate;
}

const complainantEn = (c: FactsContext): string =>
  `Complainant ${c.complainant}${c.complainantFather ? ` s/o ${c.complainantFather}` : ''} r/o ${c.complainantHome}`;
const complainantHi = (c: FactsContext): string =>
  `वादी ${c.complainant}${c.complainantFather ? ` पुत्र ${c.complainantFather}` : ''} निवासी ${c.complainantHome}`;

const templates: Record<FactsKind, { en: Template; hi: Template }> = {
  theft: {
    en: (c, r) =>
      `${complainantEn(c)} reported that on ${c.date} at about ${c.time} ${who(c)} stole ${r.pick(items).en} from ${c.place}.`,
    hi: (c, r) =>
      `${complainantHi(c)} ने सूचना दी कि दिनांक ${c.date} को करीब ${c.time} बजे ${c.place} से ${who(c)} द्वारा ${r.pick(items).hi} चोरी कर लिया गया।`,
  },
  vehicle_theft: {
    en: (c, r) =>
      `${complainantEn(c)} reported that his ${vehicleOf(c, r)} parked at ${c.place} was stolen by ${who(c)} on ${c.date} at about ${c.time}. Search made, not found.`,
    hi: (c, r) =>
      `${complainantHi(c)} ने बताया कि दिनांक ${c.date} को करीब ${c.time} बजे ${c.place} खड़ी उसकी ${vehicleOf(c, r)} ${who(c)} द्वारा चोरी कर ली गई। काफी तलाश की गई, नहीं मिली।`,
  },
  theft_in_dwelling: {
    en: (c, r) =>
      `${complainantEn(c)} stated that during the night of ${c.date} ${who(c)} entered his house and stole ${r.pick(items).en}.`,
    hi: (c, r) =>
      `${complainantHi(c)} ने बताया कि दिनांक ${c.date} की रात्रि ${who(c)} ने घर में घुसकर ${r.pick(items).hi} चोरी कर लिया।`,
  },
  burglary: {
    en: (c, r) =>
      `${complainantEn(c)} reported that on the night of ${c.date} ${who(c)} broke the lock of his house at ${c.place} and stole ${r.pick(items).en} worth ${rupees(r, r.int(8, 300) * 1000, 'en')}.`,
    hi: (c, r) =>
      `${complainantHi(c)} ने सूचना दी कि दिनांक ${c.date} की रात्रि ${who(c)} द्वारा ${c.place} स्थित मकान का ताला तोड़कर ${r.pick(items).hi} कीमत ${rupees(r, r.int(8, 300) * 1000, 'hi')} चोरी कर लिया गया।`,
  },
  snatching: {
    en: (c, r) =>
      `${complainantEn(c)} reported that on ${c.date} at about ${c.time} two motorcycle-borne youths snatched ${r.pick(['her gold chain', 'his mobile phone', 'her purse'])} near ${c.place} and fled.`,
    hi: (c, r) =>
      `${complainantHi(c)} ने बताया कि दिनांक ${c.date} को करीब ${c.time} बजे ${c.place} मोटरसाइकिल सवार दो युवक ${r.pick(['सोने की चेन', 'मोबाइल फोन', 'पर्स'])} छीनकर भाग गए।`,
  },
  robbery: {
    en: (c, r) =>
      `${complainantEn(c)} stated that on ${c.date} at about ${c.time} ${who(c)} stopped him at gunpoint near ${c.place} and looted ${rupees(r, r.int(5, 200) * 1000, 'en')} and his mobile phone.`,
    hi: (c, r) =>
      `${complainantHi(c)} ने बताया कि दिनांक ${c.date} को करीब ${c.time} बजे ${c.place} ${who(c)} ने तमंचा सटाकर ${rupees(r, r.int(5, 200) * 1000, 'hi')} व मोबाइल लूट लिया।`,
  },
  dacoity: {
    en: (c, r) =>
      `${complainantEn(c)} reported that on the night of ${c.date} about ${r.int(5, 9)} armed miscreants entered his house, held the family hostage and looted cash and jewellery worth ${rupees(r, r.int(2, 15) * 100000, 'en')}.`,
    hi: (c, r) =>
      `${complainantHi(c)} ने सूचना दी कि दिनांक ${c.date} की रात्रि करीब ${r.int(5, 9)} हथियारबंद बदमाशों ने घर में घुसकर परिवार को बंधक बनाकर ${rupees(r, r.int(2, 15) * 100000, 'hi')} के जेवरात व नकदी लूट ली।`,
  },
  cheating: {
    en: (c, r) =>
      `${complainantEn(c)} alleged that ${who(c)} took ${rupees(r, r.int(20, 900) * 1000, 'en')} from him on the promise of ${r.pick(['a government job', 'sending him abroad', 'selling a plot of land', 'a bank loan'])} and later refused to return it.`,
    hi: (c, r) =>
      `${complainantHi(c)} का आरोप है कि ${who(c)} ने ${r.pick(['सरकारी नौकरी दिलाने', 'विदेश भेजने', 'जमीन बेचने', 'बैंक से लोन दिलाने'])} के नाम पर ${rupees(r, r.int(20, 900) * 1000, 'hi')} ले लिए और वापस मांगने पर धमकी दी।`,
  },
  breach_of_trust: {
    en: (c, r) =>
      `${complainantEn(c)} stated that he entrusted ${rupees(r, r.int(50, 1500) * 1000, 'en')} to ${who(c)} for business, which was misappropriated.`,
    hi: (c, r) =>
      `${complainantHi(c)} ने बताया कि उसने व्यापार हेतु ${who(c)} को ${rupees(r, r.int(50, 1500) * 1000, 'hi')} दिए थे जिसे हड़प लिया गया।`,
  },
  extortion: {
    en: (c, r) =>
      `${complainantEn(c)} reported that ${who(c)} demanded ${rupees(r, r.int(1, 20) * 50000, 'en')} as extortion (rangdari) on phone and threatened to kill him if not paid.`,
    hi: (c, r) =>
      `${complainantHi(c)} ने बताया कि ${who(c)} द्वारा फोन पर ${rupees(r, r.int(1, 20) * 50000, 'hi')} रंगदारी की मांग की गई तथा न देने पर जान से मारने की धमकी दी गई।`,
  },
  arson: {
    en: (c) =>
      `${complainantEn(c)} stated that on ${c.date} at about ${c.time} ${who(c)} set fire to his thatched hut and cattle shed at ${c.place} due to old enmity.`,
    hi: (c) =>
      `${complainantHi(c)} ने बताया कि दिनांक ${c.date} को करीब ${c.time} बजे पुरानी रंजिश में ${who(c)} ने ${c.place} स्थित उसकी झोपड़ी व पशुशाला में आग लगा दी।`,
  },
  trespass: {
    en: (c) =>
      `${complainantEn(c)} alleged that ${who(c)} forcibly entered his field at ${c.place} on ${c.date}, damaged the crop, abused and threatened him.`,
    hi: (c) =>
      `${complainantHi(c)} का आरोप है कि दिनांक ${c.date} को ${who(c)} ने ${c.place} स्थित उसके खेत में जबरन घुसकर फसल नष्ट की, गाली-गलौज की व धमकी दी।`,
  },
  hurt: {
    en: (c, r) =>
      `${complainantEn(c)} reported that on ${c.date} at about ${c.time} over a ${r.pick(['land dispute', 'drain water dispute', 'dispute over children', 'boundary dispute'])} ${who(c)} abused him, beat him with sticks and threatened to kill him at ${c.place}.`,
    hi: (c, r) =>
      `${complainantHi(c)} ने बताया कि दिनांक ${c.date} को करीब ${c.time} बजे ${r.pick(['जमीनी विवाद', 'नाली के पानी के विवाद', 'बच्चों के विवाद', 'मेड़ के विवाद'])} को लेकर ${who(c)} ने ${c.place} गाली-गलौज करते हुए लाठी-डंडे से मारपीट की तथा जान से मारने की धमकी दी।`,
  },
  grievous_hurt: {
    en: (c) =>
      `${complainantEn(c)} reported that on ${c.date} at about ${c.time} ${who(c)} attacked his brother with lathi and sharp weapons at ${c.place}, fracturing his arm. Injured referred to district hospital.`,
    hi: (c) =>
      `${complainantHi(c)} ने बताया कि दिनांक ${c.date} को करीब ${c.time} बजे ${who(c)} ने ${c.place} उसके भाई पर लाठी व धारदार हथियार से हमला किया जिससे उसका हाथ टूट गया। घायल को जिला अस्पताल रेफर किया गया।`,
  },
  attempt_to_murder: {
    en: (c) =>
      `${complainantEn(c)} stated that on ${c.date} at about ${c.time} ${who(c)} fired at him with a country-made pistol near ${c.place} with intent to kill; he escaped with injuries.`,
    hi: (c) =>
      `${complainantHi(c)} ने बताया कि दिनांक ${c.date} को करीब ${c.time} बजे ${c.place} ${who(c)} ने जान से मारने की नीयत से तमंचे से फायर किया, जिससे वह घायल हो गया।`,
  },
  murder: {
    en: (c, r) =>
      `${complainantEn(c)} reported that on ${c.date} at about ${c.time} ${who(c)} killed his ${r.pick(['brother', 'son', 'father', 'nephew'])} by ${r.pick(['firing', 'attacking with a sharp weapon', 'beating with lathis'])} at ${c.place}. Body sent for post-mortem.`,
    hi: (c, r) =>
      `${complainantHi(c)} ने सूचना दी कि दिनांक ${c.date} को करीब ${c.time} बजे ${c.place} ${who(c)} ने उसके ${r.pick(['भाई', 'पुत्र', 'पिता', 'भतीजे'])} की ${r.pick(['गोली मारकर', 'धारदार हथियार से', 'लाठी-डंडों से पीटकर'])} हत्या कर दी। शव पोस्टमार्टम हेतु भेजा गया।`,
  },
  kidnapping: {
    en: (c) =>
      `${complainantEn(c)} reported that his ${c.qty}-year-old son went to ${c.place} on ${c.date} and did not return; he suspects ${who(c)}.`,
    hi: (c) =>
      `${complainantHi(c)} ने बताया कि उसका ${c.qty} वर्षीय पुत्र दिनांक ${c.date} को ${c.place} गया था जो वापस नहीं आया, उसे ${who(c)} पर शक है।`,
  },
  house_trespass: {
    en: (c) =>
      `${complainantEn(c)} stated that on ${c.date} at about ${c.time} ${who(c)} entered his house, assaulted family members and threatened them.`,
    hi: (c) =>
      `${complainantHi(c)} ने बताया कि दिनांक ${c.date} को करीब ${c.time} बजे ${who(c)} ने घर में घुसकर परिजनों के साथ मारपीट की व धमकी दी।`,
  },
  assault_on_police: {
    en: (c) =>
      `On ${c.date} at about ${c.time} during checking near ${c.place}, ${who(c)} obstructed the police party, manhandled the constable on duty and were arrested on the spot.`,
    hi: (c) =>
      `दिनांक ${c.date} को करीब ${c.time} बजे ${c.place} चेकिंग के दौरान ${who(c)} ने पुलिस टीम के कार्य में बाधा डाली व ड्यूटी पर तैनात आरक्षी के साथ हाथापाई की, जिन्हें मौके पर गिरफ्तार किया गया।`,
  },
  abetment_of_suicide: {
    en: (c) =>
      `${complainantEn(c)} alleged that harassment by ${who(c)} drove his daughter to take her own life on ${c.date}.`,
    hi: (c) =>
      `${complainantHi(c)} का आरोप है कि ${who(c)} के उत्पीड़न से तंग आकर उसकी पुत्री ने दिनांक ${c.date} को आत्महत्या कर ली।`,
  },
  cruelty: {
    en: (c, r) =>
      `Complainant ${c.complainant} r/o ${c.complainantHome} stated that her husband and in-laws ${who(c)} have been harassing and beating her for ${r.pick(['a motorcycle', 'Rs. 2 lakh', 'a car', 'gold jewellery'])} as dowry and turned her out of the house on ${c.date}.`,
    hi: (c, r) =>
      `वादिनी ${c.complainant} निवासी ${c.complainantHome} ने बताया कि पति व ससुराल वाले ${who(c)} दहेज में ${r.pick(['मोटरसाइकिल', 'दो लाख रुपये', 'चार पहिया वाहन', 'सोने के जेवरात'])} की मांग को लेकर मारपीट करते हैं तथा दिनांक ${c.date} को घर से निकाल दिया।`,
  },
  dowry_death: {
    en: (c) =>
      `${complainantEn(c)} alleged that his daughter died under suspicious circumstances at her in-laws' house on ${c.date}; ${who(c)} had been demanding dowry.`,
    hi: (c) =>
      `${complainantHi(c)} का आरोप है कि दिनांक ${c.date} को उसकी पुत्री की ससुराल में संदिग्ध परिस्थितियों में मृत्यु हो गई, ${who(c)} दहेज की मांग करते थे।`,
  },
  molestation: {
    en: (c) =>
      `Complainant (name withheld) r/o ${c.complainantHome} reported that on ${c.date} at about ${c.time} ${who(c)} molested her near ${c.place} and threatened her when she protested.`,
    hi: (c) =>
      `वादिनी (नाम गोपनीय) निवासी ${c.complainantHome} ने बताया कि दिनांक ${c.date} को करीब ${c.time} बजे ${c.place} ${who(c)} ने छेड़छाड़ की तथा विरोध करने पर धमकी दी।`,
  },
  stalking: {
    en: (c) =>
      `Complainant (name withheld) r/o ${c.complainantHome} reported that ${who(c)} has been following her on the way to college and calling her repeatedly; on ${c.date} he threatened her.`,
    hi: (c) =>
      `वादिनी (नाम गोपनीय) निवासी ${c.complainantHome} ने बताया कि ${who(c)} कॉलेज आते-जाते उसका पीछा करता है व बार-बार फोन करता है, दिनांक ${c.date} को धमकी दी।`,
  },
  kidnapping_of_woman: {
    en: (c) =>
      `${complainantEn(c)} reported that on ${c.date} ${who(c)} enticed away his ${c.qty}-year-old daughter with intent to marry her.`,
    hi: (c) =>
      `${complainantHi(c)} ने बताया कि दिनांक ${c.date} को ${who(c)} उसकी ${c.qty} वर्षीय पुत्री को शादी की नीयत से बहला-फुसलाकर भगा ले गया।`,
  },
  rape: {
    en: (c) =>
      `Victim (identity withheld) r/o ${c.complainantHome} has alleged sexual assault by ${who(c)} on ${c.date}. Medical examination conducted; statement under section 164 to be recorded.`,
    hi: (c) =>
      `पीड़िता (पहचान गोपनीय) निवासी ${c.complainantHome} ने ${who(c)} पर दिनांक ${c.date} को दुष्कर्म का आरोप लगाया है। चिकित्सीय परीक्षण कराया गया, धारा 164 के बयान हेतु।`,
  },
  insult_to_modesty: {
    en: (c) =>
      `Complainant (name withheld) r/o ${c.complainantHome} reported that ${who(c)} passed obscene remarks at her near ${c.place} on ${c.date}.`,
    hi: (c) =>
      `वादिनी (नाम गोपनीय) निवासी ${c.complainantHome} ने बताया कि दिनांक ${c.date} को ${c.place} ${who(c)} ने अश्लील फब्तियां कसीं।`,
  },
  pocso: {
    en: (c) =>
      `${complainantEn(c)} reported that on ${c.date} ${who(c)} misbehaved with his minor daughter near ${c.place}. Victim's statement recorded in presence of mother.`,
    hi: (c) =>
      `${complainantHi(c)} ने बताया कि दिनांक ${c.date} को ${c.place} ${who(c)} ने उसकी नाबालिग पुत्री के साथ अभद्रता की। पीड़िता का बयान माँ की उपस्थिति में लिया गया।`,
  },
  accident_death: {
    en: (c, r) =>
      `${complainantEn(c)} reported that on ${c.date} at about ${c.time} a ${r.pick(['truck', 'tractor-trolley', 'dumper', 'car', 'bus'])} driven rashly hit his ${r.pick(['father', 'brother', 'son'])} near ${c.place}, who died on the spot. Driver fled with the vehicle.`,
    hi: (c, r) =>
      `${complainantHi(c)} ने बताया कि दिनांक ${c.date} को करीब ${c.time} बजे ${c.place} तेज रफ्तार ${r.pick(['ट्रक', 'ट्रैक्टर-ट्राली', 'डंपर', 'कार', 'बस'])} ने उसके ${r.pick(['पिता', 'भाई', 'पुत्र'])} को टक्कर मार दी जिससे मौके पर मृत्यु हो गई। चालक वाहन लेकर फरार हो गया।`,
  },
  accident_hurt: {
    en: (c, r) =>
      `${complainantEn(c)} stated that on ${c.date} at about ${c.time} a ${r.pick(['motorcycle', 'pickup', 'car', 'tractor'])} driven rashly hit him near ${c.place}, causing injuries.`,
    hi: (c, r) =>
      `${complainantHi(c)} ने बताया कि दिनांक ${c.date} को करीब ${c.time} बजे ${c.place} लापरवाही से चलाई जा रही ${r.pick(['मोटरसाइकिल', 'पिकअप', 'कार', 'ट्रैक्टर'])} ने टक्कर मार दी जिससे वह घायल हो गया।`,
  },
  rash_driving: {
    en: (c, r) =>
      `During vehicle checking on ${c.date} at ${c.time} near ${c.place}, ${who(c)} was found driving ${vehicleOf(c, r)} rashly endangering life; challaned and arrested.`,
    hi: (c, r) =>
      `दिनांक ${c.date} को ${c.time} बजे ${c.place} वाहन चेकिंग के दौरान ${who(c)} को ${vehicleOf(c, r)} तेज व लापरवाही से चलाते पाया गया।`,
  },
  drunken_driving: {
    en: (c, r) =>
      `During checking on ${c.date} at ${c.time} near ${c.place}, ${who(c)} was found driving ${vehicleOf(c, r)} under the influence of alcohol (breath analyser positive).`,
    hi: (c, r) =>
      `दिनांक ${c.date} को ${c.time} बजे ${c.place} चेकिंग के दौरान ${who(c)} को शराब के नशे में ${vehicleOf(c, r)} चलाते पाया गया।`,
  },
  liquor: {
    en: (c, r) =>
      `On ${c.date} at ${c.time} the police team acting on a tip-off arrested ${who(c)} near ${c.place} with ${c.qty} litres of illicit ${r.pick(['country-made (kachchi) liquor', 'raw liquor', 'liquor in pouches'])}.`,
    hi: (c, r) =>
      `दिनांक ${c.date} को ${c.time} बजे मुखबिर की सूचना पर पुलिस टीम द्वारा ${c.place} से ${who(c)} को ${c.qty} लीटर ${r.pick(['अवैध कच्ची शराब', 'अवैध देशी शराब', 'पाउच शराब'])} के साथ गिरफ्तार किया गया।`,
  },
  ganja: {
    en: (c) =>
      `On ${c.date} at ${c.time} during patrolling near ${c.place}, ${who(c)} was arrested with ${c.qty.toFixed(1)} kg ganja. Recovery memo prepared.`,
    hi: (c) =>
      `दिनांक ${c.date} को ${c.time} बजे गश्त के दौरान ${c.place} से ${who(c)} को ${c.qty.toFixed(1)} किलो गांजा के साथ गिरफ्तार किया गया। फर्द बरामदगी तैयार की गई।`,
  },
  smack: {
    en: (c) =>
      `On ${c.date} at ${c.time} ${who(c)} was arrested near ${c.place} with ${c.qty} grams of smack (heroin).`,
    hi: (c) => `दिनांक ${c.date} को ${c.time} बजे ${c.place} से ${who(c)} को ${c.qty} ग्राम स्मैक के साथ गिरफ्तार किया गया।`,
  },
  tablets: {
    en: (c) =>
      `On ${c.date} at ${c.time} ${who(c)} was arrested near ${c.place} with ${c.qty} banned psychotropic tablets.`,
    hi: (c) =>
      `दिनांक ${c.date} को ${c.time} बजे ${c.place} से ${who(c)} को ${c.qty} प्रतिबंधित नशीली गोलियों के साथ गिरफ्तार किया गया।`,
  },
  doda: {
    en: (c) =>
      `On ${c.date} at ${c.time} ${who(c)} was arrested near ${c.place} carrying ${c.qty} kg of doda (poppy straw).`,
    hi: (c) =>
      `दिनांक ${c.date} को ${c.time} बजे ${c.place} से ${who(c)} को ${c.qty} किलो डोडा पोस्त के साथ गिरफ्तार किया गया।`,
  },
  pistol: {
    en: (c, r) =>
      `On ${c.date} at ${c.time} during checking near ${c.place}, ${who(c)} was arrested with one country-made pistol ${r.pick(['.315 bore', '12 bore', '.32 bore'])} and ${c.qty} live cartridges.`,
    hi: (c, r) =>
      `दिनांक ${c.date} को ${c.time} बजे ${c.place} चेकिंग के दौरान ${who(c)} को एक अदद तमंचा ${r.pick(['.315 बोर', '12 बोर', '.32 बोर'])} व ${c.qty} जिंदा कारतूस के साथ गिरफ्तार किया गया।`,
  },
  knife: {
    en: (c) =>
      `On ${c.date} at ${c.time} ${who(c)} was arrested near ${c.place} carrying an illegal spring knife (chaku).`,
    hi: (c) => `दिनांक ${c.date} को ${c.time} बजे ${c.place} से ${who(c)} को एक अदद नाजायज चाकू के साथ गिरफ्तार किया गया।`,
  },
  arms_factory: {
    en: (c) =>
      `On ${c.date} police raided an illegal arms factory at ${c.place}; ${who(c)} arrested with ${c.qty} half-made pistols and tools.`,
    hi: (c) =>
      `दिनांक ${c.date} को ${c.place} अवैध शस्त्र फैक्ट्री पर छापा मारकर ${who(c)} को ${c.qty} अधबने तमंचे व उपकरण के साथ गिरफ्तार किया गया।`,
  },
  gambling: {
    en: (c, r) =>
      `On ${c.date} at ${c.time} ${who(c)} were caught gambling with playing cards near ${c.place}; ${rupees(r, c.qty, 'en')} cash (maal-phad) and cards recovered.`,
    hi: (c, r) =>
      `दिनांक ${c.date} को ${c.time} बजे ${c.place} ${who(c)} को ताश के पत्तों से जुआ खेलते पकड़ा गया, मालफड़ ${rupees(r, c.qty, 'hi')} व ताश बरामद।`,
  },
  riot: {
    en: (c, r) =>
      `${complainantEn(c)} reported that on ${c.date} at about ${c.time} ${who(c)} and others formed an unlawful assembly armed with lathis and attacked his family at ${c.place} over ${r.pick(['a land dispute', 'a procession route', 'old enmity', 'an election dispute'])}.`,
    hi: (c, r) =>
      `${complainantHi(c)} ने बताया कि दिनांक ${c.date} को करीब ${c.time} बजे ${r.pick(['जमीनी विवाद', 'जुलूस के रास्ते', 'पुरानी रंजिश', 'चुनावी रंजिश'])} को लेकर ${who(c)} व अन्य ने लाठी-डंडे से लैस होकर ${c.place} उसके परिवार पर हमला किया।`,
  },
  disobedience: {
    en: (c, r) =>
      `On ${c.date} at ${c.time} ${who(c)} were found ${r.pick(['playing a DJ after 10 pm', 'holding a procession without permission', 'violating prohibitory orders under section 144'])} near ${c.place} despite warning.`,
    hi: (c, r) =>
      `दिनांक ${c.date} को ${c.time} बजे ${c.place} ${who(c)} द्वारा मना करने के बावजूद ${r.pick(['रात्रि 10 बजे के बाद डीजे बजाया जा रहा था', 'बिना अनुमति जुलूस निकाला गया', 'निषेधाज्ञा का उल्लंघन किया गया'])}।`,
  },
  enmity: {
    en: (c) =>
      `On ${c.date} ${who(c)} posted objectionable content on social media hurting religious sentiments and promoting enmity between communities; post taken down.`,
    hi: (c) =>
      `दिनांक ${c.date} को ${who(c)} द्वारा सोशल मीडिया पर धार्मिक भावनाएं आहत करने वाली व समुदायों में वैमनस्य फैलाने वाली आपत्तिजनक पोस्ट की गई।`,
  },
  cyber_fraud: {
    en: (c, r) =>
      `${complainantEn(c)} reported that on ${c.date} a caller posing as ${r.pick(['a bank officer', 'a KYC executive', 'an army officer buying furniture', 'a relative abroad'])} took his OTP and ${rupees(r, r.int(5, 500) * 1000, 'en')} was debited from his account via UPI.`,
    hi: (c, r) =>
      `${complainantHi(c)} ने बताया कि दिनांक ${c.date} को ${r.pick(['बैंक अधिकारी', 'केवाईसी अपडेट कर्मी', 'सेना का अधिकारी', 'विदेश में रह रहे रिश्तेदार'])} बनकर फोन करने वाले ने ओटीपी लेकर उसके खाते से यूपीआई के माध्यम से ${rupees(r, r.int(5, 500) * 1000, 'hi')} निकाल लिए।`,
  },
  cyber_identity: {
    en: (c) =>
      `${complainantEn(c)} reported that ${who(c)} created a fake Facebook profile in his name and is asking his contacts for money since ${c.date}.`,
    hi: (c) =>
      `${complainantHi(c)} ने बताया कि ${who(c)} ने उसके नाम से फर्जी फेसबुक आईडी बनाकर दिनांक ${c.date} से परिचितों से पैसे मांगे जा रहे हैं।`,
  },
  cyber_obscene: {
    en: (c) =>
      `Complainant (name withheld) r/o ${c.complainantHome} reported that on ${c.date} ${who(c)} circulated her morphed obscene photographs on WhatsApp.`,
    hi: (c) =>
      `वादिनी (नाम गोपनीय) निवासी ${c.complainantHome} ने बताया कि दिनांक ${c.date} को ${who(c)} ने उसकी एडिट की गई अश्लील फोटो व्हाट्सएप पर प्रसारित की।`,
  },
  cow_smuggling: {
    en: (c, r) =>
      `On ${c.date} at ${c.time} at a checkpoint near ${c.place} a ${r.pick(['pickup', 'DCM truck', 'container'])} carrying ${c.qty} cattle (govansh) for slaughter to Bihar was stopped; ${who(c)} arrested.`,
    hi: (c, r) =>
      `दिनांक ${c.date} को ${c.time} बजे ${c.place} चेकिंग के दौरान ${r.pick(['पिकअप', 'डीसीएम', 'कंटेनर'])} में क्रूरतापूर्वक लादकर वध हेतु बिहार ले जाए जा रहे ${c.qty} गोवंश बरामद, ${who(c)} गिरफ्तार।`,
  },
  cow_slaughter: {
    en: (c) =>
      `On ${c.date} at ${c.time} police raided ${c.place} and found ${who(c)} slaughtering cattle; ${c.qty} kg of meat and tools recovered.`,
    hi: (c) =>
      `दिनांक ${c.date} को ${c.time} बजे ${c.place} दबिश देकर ${who(c)} को गोवध करते पकड़ा गया, ${c.qty} किलो गोमांस व उपकरण बरामद।`,
  },
  mining: {
    en: (c, r) =>
      `On ${c.date} at ${c.time} ${who(c)} was caught illegally mining ${r.pick(['sand', 'soil', 'balu'])} near ${c.place}; ${r.pick(['a tractor-trolley', 'a JCB', 'two tractor-trolleys'])} seized.`,
    hi: (c, r) =>
      `दिनांक ${c.date} को ${c.time} बजे ${c.place} ${who(c)} को अवैध ${r.pick(['बालू', 'मिट्टी'])} खनन करते पकड़ा गया, ${r.pick(['एक ट्रैक्टर-ट्राली', 'एक जेसीबी', 'दो ट्रैक्टर-ट्राली'])} सीज।`,
  },
  intimidation: {
    en: (c) =>
      `${complainantEn(c)} reported that on ${c.date} ${who(c)} abused him in filthy language and threatened to kill him at ${c.place}.`,
    hi: (c) =>
      `${complainantHi(c)} ने बताया कि दिनांक ${c.date} को ${c.place} ${who(c)} ने भद्दी-भद्दी गालियां देते हुए जान से मारने की धमकी दी।`,
  },
  sc_st: {
    en: (c) =>
      `${complainantEn(c)}, a member of a Scheduled Caste, reported that on ${c.date} ${who(c)} abused him with casteist slurs and assaulted him at ${c.place}.`,
    hi: (c) =>
      `${complainantHi(c)} (अनुसूचित जाति) ने बताया कि दिनांक ${c.date} को ${c.place} ${who(c)} ने जातिसूचक गालियां देते हुए मारपीट की।`,
  },
  gangster: {
    en: (c) =>
      `Gang chart approved on ${c.date}: ${who(c)} run an organised gang committing robbery, extortion and illegal liquor trade in the ${c.place} area for economic gain.`,
    hi: (c) =>
      `दिनांक ${c.date} को गैंग चार्ट अनुमोदित: ${who(c)} ${c.place} क्षेत्र में आर्थिक लाभ हेतु लूट, रंगदारी व अवैध शराब का संगठित गिरोह चलाते हैं।`,
  },
};

export function briefFacts(rng: Rng, kind: FactsKind, ctx: FactsContext): string {
  const t = templates[kind];
  return ctx.lang === 'hi' ? t.hi(ctx, rng) : t.en(ctx, rng);
}
