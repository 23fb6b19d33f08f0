/**
 * Indian personal and place names common in eastern Uttar Pradesh, in Latin and Devanagari,
 * with the spelling variants that make one person look like several across FIRs.
 */
import type { Rng } from './random.ts';

/** A name part in both scripts, with other Latin spellings seen in records. */
export interface NamePart {
  en: string;
  hi: string;
  variants?: readonly string[];
}

const p = (en: string, hi: string, ...variants: string[]): NamePart => ({ en, hi, variants });

export const hinduMaleFirst: readonly NamePart[] = [
  p('Rajesh', 'राजेश', 'Rajes'),
  p('Suresh', 'सुरेश', 'Sures'),
  p('Ramesh', 'रमेश', 'Rames'),
  p('Sunil', 'सुनील', 'Suneel'),
  p('Anil', 'अनिल', 'Aneel'),
  p('Vinod', 'विनोद', 'Binod'),
  p('Manoj', 'मनोज'),
  p('Sanjay', 'संजय', 'Sanjai'),
  p('Ajay', 'अजय', 'Ajai'),
  p('Vijay', 'विजय', 'Bijay', 'Vijai'),
  p('Santosh', 'संतोष', 'Santos'),
  p('Dinesh', 'दिनेश', 'Dines'),
  p('Mukesh', 'मुकेश', 'Mukes'),
  p('Rakesh', 'राकेश', 'Rakes'),
  p('Pankaj', 'पंकज'),
  p('Arvind', 'अरविन्द', 'Arbind', 'Aravind'),
  p('Ashok', 'अशोक', 'Asok'),
  p('Shivam', 'शिवम', 'Sivam'),
  p('Rahul', 'राहुल'),
  p('Amit', 'अमित'),
  p('Deepak', 'दीपक', 'Dipak'),
  p('Sandeep', 'संदीप', 'Sandip'),
  p('Pradeep', 'प्रदीप', 'Pradip'),
  p('Ravi', 'रवि', 'Rabi'),
  p('Akhilesh', 'अखिलेश', 'Akhiles'),
  p('Brijesh', 'बृजेश', 'Brajesh', 'Birjesh'),
  p('Kamlesh', 'कमलेश', 'Kamalesh'),
  p('Umesh', 'उमेश'),
  p('Lalji', 'लालजी'),
  p('Shyam', 'श्याम', 'Syam'),
  p('Durgesh', 'दुर्गेश'),
  p('Awadhesh', 'अवधेश', 'Avadhesh'),
  p('Dharmendra', 'धर्मेन्द्र', 'Dharmendar'),
  p('Jitendra', 'जितेन्द्र', 'Jitendar'),
  p('Virendra', 'वीरेन्द्र', 'Birendra'),
  p('Surendra', 'सुरेन्द्र', 'Surendar'),
  p('Rajendra', 'राजेन्द्र', 'Rajendar'),
  p('Mahendra', 'महेन्द्र', 'Mahendar'),
  p('Shailesh', 'शैलेश', 'Sailesh'),
  p('Vikas', 'विकास', 'Bikas'),
  p('Vishal', 'विशाल', 'Bishal'),
  p('Gaurav', 'गौरव', 'Gourav'),
  p('Abhishek', 'अभिषेक', 'Abhisek'),
  p('Ankit', 'अंकित'),
  p('Ram', 'राम'),
  p('Shiv', 'शिव', 'Sheo'),
  p('Hari', 'हरि'),
  p('Jai', 'जय', 'Jay'),
  p('Kanhaiya', 'कन्हैया', 'Kanhaia'),
  p('Chhotelal', 'छोटेलाल', 'Chhote Lal'),
];

export const hinduMiddle: readonly NamePart[] = [
  p('Kumar', 'कुमार'),
  p('Prasad', 'प्रसाद', 'Parsad'),
  p('Nath', 'नाथ'),
  p('Chandra', 'चन्द्र', 'Chand'),
  p('Bahadur', 'बहादुर'),
  p('Lal', 'लाल'),
  p('Narayan', 'नारायण', 'Narain'),
  p('Shankar', 'शंकर', 'Sankar'),
];

export const hinduSurnames: readonly NamePart[] = [
  p('Yadav', 'यादव', 'Yadaw', 'Yadava', 'Jadav'),
  p('Maurya', 'मौर्य', 'Mourya', 'Morya'),
  p('Bind', 'बिन्द', 'Bindh'),
  p('Pal', 'पाल', 'Paal'),
  p('Gupta', 'गुप्ता', 'Gupt'),
  p('Singh', 'सिंह', 'Sing'),
  p('Rajbhar', 'राजभर', 'Raj Bhar'),
  p('Chauhan', 'चौहान', 'Chouhan'),
  p('Patel', 'पटेल', 'Patell'),
  p('Prajapati', 'प्रजापति', 'Prajapat'),
  p('Nishad', 'निषाद', 'Nisad'),
  p('Sonkar', 'सोनकर', 'Sonker'),
  p('Kushwaha', 'कुशवाहा', 'Kushwah', 'Kushvaha'),
  p('Mishra', 'मिश्रा', 'Misra'),
  p('Tiwari', 'तिवारी', 'Tiwary', 'Tivari'),
  p('Pandey', 'पाण्डेय', 'Pande', 'Panday'),
  p('Dubey', 'दुबे', 'Dube', 'Dubay'),
  p('Upadhyay', 'उपाध्याय', 'Upadhyaya'),
  p('Verma', 'वर्मा', 'Varma'),
  p('Jaiswal', 'जायसवाल', 'Jayaswal', 'Jaisawal'),
  p('Saroj', 'सरोज'),
  p('Gond', 'गोंड'),
  p('Chaurasia', 'चौरसिया', 'Chourasia', 'Chaurasiya'),
  p('Vishwakarma', 'विश्वकर्मा', 'Vishvakarma', 'Biswakarma'),
  p('Sharma', 'शर्मा', 'Sarma'),
  p('Ram', 'राम'),
  p('Bharti', 'भारती', 'Bharati'),
  p('Gautam', 'गौतम', 'Gotam'),
  p('Rai', 'राय', 'Ray'),
  p('Kannaujia', 'कन्नौजिया', 'Kanaujia', 'Kannojiya'),
  p('Sahani', 'साहनी', 'Sahni'),
];

/** Common weights of the surnames above (Yadav, Maurya, Bind, Pal, Singh, Ram … frequent). */
export const hinduSurnameWeights: readonly number[] = [
  9, 5, 4, 4, 4, 6, 4, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 1, 2, 2, 2, 1, 2, 2, 2, 4, 2, 2, 2, 1, 2,
];

export const muslimMaleFirst: readonly NamePart[] = [
  p('Salim', 'सलीम', 'Saleem'),
  p('Shahid', 'शाहिद', 'Sahid', 'Shaheed'),
  p('Irfan', 'इरफान', 'Erfan'),
  p('Imran', 'इमरान'),
  p('Javed', 'जावेद', 'Jawed'),
  p('Rashid', 'राशिद', 'Rasheed'),
  p('Aslam', 'असलम'),
  p('Naushad', 'नौशाद', 'Noushad'),
  p('Sajid', 'साजिद'),
  p('Wasim', 'वसीम', 'Waseem'),
  p('Arif', 'आरिफ', 'Aarif'),
  p('Asif', 'आसिफ', 'Aasif'),
  p('Mustaqeem', 'मुस्तकीम', 'Mustakim'),
  p('Shamshad', 'शमशाद', 'Samshad'),
  p('Intezar', 'इंतजार', 'Intzar'),
  p('Firoz', 'फिरोज', 'Feroz'),
  p('Jamal', 'जमाल'),
  p('Kalim', 'कलीम', 'Kaleem'),
  p('Nadeem', 'नदीम', 'Nadim'),
  p('Zahid', 'जाहिद', 'Jahid'),
  p('Akhtar', 'अख्तर', 'Akhter'),
  p('Anwar', 'अनवर'),
  p('Sarfaraz', 'सरफराज', 'Sarfraz'),
  p('Raees', 'रईस', 'Rais'),
  p('Shakeel', 'शकील', 'Shakil'),
  p('Parvez', 'परवेज', 'Pervez'),
  p('Hanif', 'हनीफ', 'Haneef'),
  p('Nisar', 'निसार'),
];

export const muslimSurnames: readonly NamePart[] = [
  p('Ansari', 'अंसारी', 'Ansary', 'Ansaree'),
  p('Khan', 'खान', 'Khaan'),
  p('Siddiqui', 'सिद्दीकी', 'Siddiqi', 'Sidiqui'),
  p('Qureshi', 'कुरैशी', 'Kureshi', 'Quraishi'),
  p('Shaikh', 'शेख', 'Sheikh', 'Shekh'),
  p('Ahmad', 'अहमद', 'Ahmed'),
  p('Hashmi', 'हाशमी', 'Hasmi'),
  p('Idrisi', 'इदरीसी', 'Idrishi'),
  p('Mansuri', 'मंसूरी', 'Mansoori'),
  p('Abbasi', 'अब्बासी'),
  p('Farooqui', 'फारूकी', 'Faruqui'),
  p('Alvi', 'अल्वी', 'Alavi'),
];

export const muslimSurnameWeights: readonly number[] = [9, 6, 3, 4, 3, 3, 1, 2, 2, 1, 1, 1];

export const hinduFemaleFirst: readonly NamePart[] = [
  p('Sunita', 'सुनीता', 'Suneeta'),
  p('Geeta', 'गीता', 'Gita'),
  p('Reena', 'रीना', 'Rina'),
  p('Poonam', 'पूनम', 'Punam'),
  p('Kiran', 'किरण'),
  p('Anita', 'अनीता', 'Aneeta'),
  p('Meena', 'मीना', 'Mina'),
  p('Pinki', 'पिंकी', 'Pinky'),
  p('Priyanka', 'प्रियंका'),
  p('Kusum', 'कुसुम'),
  p('Sarita', 'सरिता'),
  p('Rekha', 'रेखा'),
];

export const muslimFemaleFirst: readonly NamePart[] = [
  p('Rubina', 'रुबीना', 'Rubeena'),
  p('Shabana', 'शबाना', 'Sabana'),
  p('Nasreen', 'नसरीन', 'Nasrin'),
  p('Farzana', 'फरजाना'),
  p('Shahnaz', 'शहनाज', 'Sahnaz'),
  p('Noorjahan', 'नूरजहां', 'Nurjahan'),
];

export const femaleHinduSuffix = p('Devi', 'देवी');
export const femaleMuslimSuffixes: readonly NamePart[] = [
  p('Khatoon', 'खातून', 'Khatun'),
  p('Bano', 'बानो', 'Banu'),
  p('Begum', 'बेगम'),
];

export const mohd = p('Mohd.', 'मो०', 'Mohammad', 'Md.', 'Mohammed');

export const nicknames: readonly NamePart[] = [
  p('Raju', 'राजू'),
  p('Pappu', 'पप्पू'),
  p('Guddu', 'गुड्डू'),
  p('Munna', 'मुन्ना'),
  p('Bablu', 'बबलू', 'Babloo'),
  p('Sonu', 'सोनू'),
  p('Monu', 'मोनू'),
  p('Pintu', 'पिंटू'),
  p('Chhotu', 'छोटू'),
  p('Golu', 'गोलू'),
  p('Kallu', 'कल्लू'),
  p('Bhola', 'भोला'),
  p('Lallan', 'लल्लन'),
  p('Dabbu', 'डब्बू'),
  p('Rinku', 'रिंकू'),
  p('Bunty', 'बंटी'),
  p('Tinku', 'टिंकू'),
  p('Lalla', 'लल्ला'),
];

const villagePrefixes: readonly NamePart[] = [
  p('Ram', 'राम', 'Raam'),
  p('Lakhan', 'लखन'),
  p('Shiv', 'शिव', 'Sheo', 'Shiva'),
  p('Sultan', 'सुल्तान', 'Sultaan'),
  p('Madho', 'माधो', 'Madhav'),
  p('Kishan', 'किशन', 'Kisan'),
  p('Hasan', 'हसन', 'Hassan'),
  p('Bhawani', 'भवानी', 'Bhavani'),
  p('Gopal', 'गोपाल'),
  p('Narayan', 'नारायण', 'Narain'),
  p('Dev', 'देव', 'Deo'),
  p('Bhagwan', 'भगवान', 'Bhagvan'),
  p('Fateh', 'फतेह', 'Fatah'),
  p('Mirza', 'मिर्जा'),
  p('Bahadur', 'बहादुर'),
  p('Ali', 'अली'),
  p('Sher', 'शेर'),
  p('Jalal', 'जलाल'),
  p('Kamal', 'कमाल'),
  p('Dharam', 'धरम'),
  p('Hari', 'हरि', 'Hary'),
  p('Durga', 'दुर्गा'),
  p('Baldev', 'बलदेव', 'Baldeo'),
  p('Sikandar', 'सिकन्दर', 'Sikander'),
  p('Chandra', 'चन्द्र', 'Chand'),
  p('Basti', 'बस्ती'),
  p('Kalyan', 'कल्याण'),
  p('Nasir', 'नासिर'),
];

const villageSuffixes: readonly NamePart[] = [
  p('pur', 'पुर', 'pura'),
  p('ganj', 'गंज'),
  p('garh', 'गढ़'),
  p('nagar', 'नगर'),
  p('patti', 'पट्टी', 'pattee'),
  p('abad', 'आबाद'),
  p('dih', 'डीह', 'deeh'),
  p('mau', 'मऊ'),
  p('pali', 'पाली', 'palli'),
];

const villageQualifiers: readonly NamePart[] = [p('Kalan', 'कलां'), p('Khurd', 'खुर्द')];

export const mohallas: readonly NamePart[] = [
  p('Sadar Bazar', 'सदर बाजार', 'Sadar Bajar'),
  p('Naiganj', 'नईगंज', 'Nayiganj'),
  p('Purani Basti', 'पुरानी बस्ती'),
  p('Katra', 'कटरा'),
  p('Madanpura', 'मदनपुरा'),
  p('Ardali Bazar', 'अर्दली बाजार', 'Ardali Bajar'),
  p('Shivala', 'शिवाला', 'Sivala'),
  p('Bajardiha', 'बजरडीहा', 'Bazardiha'),
  p('Olandganj', 'ओलंदगंज', 'Olandgunj'),
  p('Rauza', 'रौजा', 'Roza'),
  p('Miyanpur', 'मियांपुर', 'Mianpur'),
  p('Khalispur', 'खालिसपुर'),
  p('Nai Basti', 'नई बस्ती'),
  p('Station Road', 'स्टेशन रोड'),
  p('Chhipi Tola', 'छीपी टोला', 'Chipi Tola'),
  p('Kazi Mohalla', 'काजी मोहल्ला', 'Qazi Mohalla'),
];

/** A home place: a village (gram) or an urban mohalla, with Latin spelling variants. */
export interface Place {
  kind: 'village' | 'mohalla';
  en: string;
  hi: string;
  variants: readonly string[];
}

export function makeVillage(rng: Rng): Place {
  const pre = rng.pick(villagePrefixes);
  const suf = rng.pick(villageSuffixes);
  // Vowel meets vowel: Chandra + abad = Chandrabad, चन्द्र + आबाद = चन्द्राबाद.
  const vowelJoin = suf.en.startsWith('a');
  const join = (a: string, b: string): string => (vowelJoin && a.endsWith('a') ? a.slice(0, -1) + b : a + b);
  // A consonant-final prefix takes the matra (चन्द्र + आबाद → चन्द्राबाद); after a vowel sign, as is.
  const joinHi = (a: string, b: string): string =>
    b.startsWith('आ') && !/[\u093e-\u094d]$/.test(a) ? a + 'ा' + b.slice(1) : a + b;
  let en = join(pre.en, suf.en);
  let hi = joinHi(pre.hi, suf.hi);
  const variants: string[] = [];
  for (const v of pre.variants ?? []) variants.push(join(v, suf.en));
  for (const v of suf.variants ?? []) variants.push(join(pre.en, v));
  if (!vowelJoin && !/[aeiou]$/.test(pre.en)) variants.push(pre.en + 'a' + suf.en);
  if (variants.length === 0) variants.push(en.replace(/([aeiou])([^aeiou])$/, '$1$2a'));
  for (let i = variants.length - 1; i >= 0; i--) if (variants[i] === en) variants.splice(i, 1);
  if (rng.chance(0.15)) {
    const q = rng.pick(villageQualifiers);
    en += ' ' + q.en;
    hi += ' ' + q.hi;
    for (let i = 0; i < variants.length; i++) variants[i] += ' ' + q.en;
  }
  return { kind: 'village', en, hi, variants };
}

export function makeMohalla(rng: Rng): Place {
  const m = rng.pick(mohallas);
  return { kind: 'mohalla', en: m.en, hi: m.hi, variants: m.variants ?? [] };
}

/** Generic romanisation slips applied to a Latin word (sh→s, v↔w, ee→i …). */
const slips: readonly [RegExp, string][] = [
  [/ee/, 'i'],
  [/oo/, 'u'],
  [/sh/, 's'],
  [/v/, 'w'],
  [/w/, 'v'],
  [/au/, 'ou'],
  [/q/, 'k'],
  [/z/, 'j'],
  [/ph/, 'f'],
  [/([aeiou])([^aeiou\s])$/, '$1$2a'],
];

/** Another Latin spelling of a word: a recorded variant, or a generic slip, or the word itself. */
export function misspell(rng: Rng, part: NamePart): string {
  const known = part.variants ?? [];
  if (known.length > 0 && rng.chance(0.7)) return rng.pick(known);
  const candidates = slips.filter(([re]) => re.test(part.en.toLowerCase()));
  if (candidates.length === 0) return known.length > 0 ? rng.pick(known) : part.en;
  const [re, to] = rng.pick(candidates);
  const lower = part.en.toLowerCase().replace(re, to);
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}
