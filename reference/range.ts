/**
 * Reference data of the Varanasi police range: its districts and their police stations (thanas).
 *
 * Coordinates are approximate: the town or village a thana is named after (city thanas: the
 * locality). Populations are approximate shares of the 2011 census district totals, meant for
 * "rate per 100,000 people" comparisons between thanas, not as official figures.
 */

export interface District {
  districtId: string;
  nameEn: string;
  nameHi: string;
  latitude: number;
  longitude: number;
  population: number;
}

export interface PoliceStation {
  policeStationId: string;
  districtId: string;
  nameEn: string;
  nameHi: string;
  latitude: number;
  longitude: number;
  population: number;
  aliases: string[];
}

export const rangeName = { en: 'Varanasi Range', hi: 'वाराणसी परिक्षेत्र' };

/** 2011 census totals; the thana populations below are split from these. */
export const districts: readonly District[] = [
  {
    districtId: 'varanasi',
    nameEn: 'Varanasi',
    nameHi: 'वाराणसी',
    latitude: 25.3176,
    longitude: 82.9739,
    population: 3_676_841,
  },
  {
    districtId: 'jaunpur',
    nameEn: 'Jaunpur',
    nameHi: 'जौनपुर',
    latitude: 25.7464,
    longitude: 82.6837,
    population: 4_494_204,
  },
  {
    districtId: 'ghazipur',
    nameEn: 'Ghazipur',
    nameHi: 'गाजीपुर',
    latitude: 25.588,
    longitude: 83.5775,
    population: 3_620_268,
  },
  {
    districtId: 'chandauli',
    nameEn: 'Chandauli',
    nameHi: 'चंदौली',
    latitude: 25.26,
    longitude: 83.27,
    population: 1_952_756,
  },
];

/** Other spellings of district names seen in exports (not part of the District record). */
const districtAliases: Record<string, string[]> = {
  varanasi: ['Banaras', 'Benares', 'Kashi', 'बनारस', 'काशी'],
  jaunpur: ['Jounpur', 'Jaunpur City'],
  ghazipur: ['Gazipur', 'Ghazeepur', 'ग़ाज़ीपुर', 'गाज़ीपुर'],
  chandauli: ['Chandouli', 'Chandoli', 'चन्दौली'],
};

/** `Line Bazar` → `line-bazar`, `Lalpur-Pandeypur` → `lalpur-pandeypur`. */
export function kebabCase(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

type StationRow = [
  nameEn: string,
  nameHi: string,
  latitude: number,
  longitude: number,
  population: number,
  aliases?: string[],
];

function stations(districtId: string, rows: StationRow[]): PoliceStation[] {
  return rows.map(([nameEn, nameHi, latitude, longitude, population, aliases = []]) => ({
    policeStationId: `${districtId}-${kebabCase(nameEn)}`,
    districtId,
    nameEn,
    nameHi,
    latitude,
    longitude,
    population,
    aliases,
  }));
}

// Varanasi has been a police commissionerate since 2021; its thanas still report to CCTNS under
// the district name, so they are listed here with the range.
const varanasi = stations('varanasi', [
  ['Kotwali', 'कोतवाली', 25.322, 83.013, 110_000],
  ['Chowk', 'चौक', 25.311, 83.011, 90_000, ['Chauk']],
  ['Dashashwamedh', 'दशाश्वमेध', 25.307, 83.01, 80_000, ['Dashaswamedh', 'Dasaswamedh']],
  ['Adampur', 'आदमपुर', 25.33, 83.025, 120_000],
  ['Jaitpura', 'जैतपुरा', 25.329, 83.005, 130_000],
  ['Lalpur-Pandeypur', 'लालपुर-पाण्डेयपुर', 25.344, 82.99, 180_000, ['Lalpur', 'Pandeypur', 'लालपुर पांडेयपुर']],
  ['Cantt', 'कैंट', 25.335, 82.975, 160_000, ['Cantonment', 'Cantt.', 'Cant', 'कैण्ट']],
  ['Sigra', 'सिगरा', 25.319, 82.988, 170_000],
  ['Bhelupur', 'भेलूपुर', 25.296, 83.0, 150_000],
  ['Lanka', 'लंका', 25.277, 82.999, 170_000],
  ['Chitaipur', 'चितईपुर', 25.27, 82.97, 130_000],
  ['Manduadih', 'मंडुवाडीह', 25.295, 82.965, 140_000, ['Manduadeeh', 'मण्डुवाडीह']],
  ['Rohaniya', 'रोहनिया', 25.25, 82.93, 190_000, ['Rohania']],
  ['Sarnath', 'सारनाथ', 25.381, 83.022, 160_000],
  ['Shivpur', 'शिवपुर', 25.353, 82.95, 170_000],
  ['Phulpur', 'फूलपुर', 25.49, 82.87, 150_000, ['Phoolpur']],
  ['Cholapur', 'चोलापुर', 25.47, 82.99, 180_000],
  ['Chaubepur', 'चौबेपुर', 25.42, 83.08, 150_000],
  ['Baragaon', 'बड़ागांव', 25.43, 82.83, 170_000, ['Badagaon', 'Bargaon']],
  ['Jansa', 'जंसा', 25.3, 82.82, 150_000],
  ['Mirzamurad', 'मिर्जामुराद', 25.22, 82.84, 140_000, ['Mirza Murad']],
  ['Kapsethi', 'कपसेठी', 25.33, 82.76, 130_000],
  ['Sindhora', 'सिंधोरा', 25.48, 82.95, 140_000],
  ['Chetganj', 'चेतगंज', 25.31, 83.0, 90_000],
  ['Ramnagar', 'रामनगर', 25.275, 83.028, 120_000],
  ['Luxa', 'लक्सा', 25.308, 83.003, 80_000, ['Laksa']],
]);

const jaunpur = stations('jaunpur', [
  ['Kotwali', 'कोतवाली', 25.75, 82.69, 160_000],
  ['Line Bazar', 'लाइन बाजार', 25.738, 82.675, 150_000, ['Lines Bazar', 'Line Bazaar']],
  ['Jafrabad', 'जफराबाद', 25.699, 82.733, 160_000, ['Zafarabad', 'Jafarabad']],
  ['Kerakat', 'केराकत', 25.635, 82.915, 220_000],
  ['Machhlishahr', 'मछलीशहर', 25.686, 82.415, 220_000, ['Machhlishahar', 'Machhali Shahar']],
  ['Mariahu', 'मड़ियाहूं', 25.603, 82.605, 230_000, ['Madiyahu', 'Mariyahu']],
  ['Shahganj', 'शाहगंज', 26.05, 82.68, 220_000],
  ['Badlapur', 'बदलापुर', 25.887, 82.51, 200_000],
  ['Mungra Badshahpur', 'मुंगराबादशाहपुर', 25.654, 82.187, 210_000, ['Mungra', 'Mungrabadshahpur']],
  ['Sarai Khwaja', 'सरायख्वाजा', 25.76, 82.6, 150_000, ['Saraikhwaja']],
  ['Khutahan', 'खुटहन', 26.09, 82.56, 180_000],
  ['Chandwak', 'चंदवक', 25.565, 82.88, 160_000],
  ['Jalalpur', 'जलालपुर', 25.585, 82.77, 170_000],
  ['Gaura Badshahpur', 'गौराबादशाहपुर', 25.81, 82.82, 150_000, ['Gaurabadshahpur']],
  ['Barsathi', 'बरसठी', 25.565, 82.42, 160_000],
  ['Sujanganj', 'सुजानगंज', 25.83, 82.35, 170_000],
  ['Newdhiya', 'नेवढ़िया', 25.63, 82.47, 140_000, ['Nevadhiya', 'Newadhiya']],
  ['Singramau', 'सिंगरामऊ', 25.94, 82.44, 150_000],
  ['Sikrara', 'सिकरारा', 25.68, 82.56, 160_000],
  ['Baksha', 'बक्शा', 25.8, 82.59, 170_000, ['Baksa', 'Bakhsha']],
  ['Kheta Sarai', 'खेतासराय', 26.01, 82.67, 160_000, ['Khetasarai']],
  ['Sarpatahan', 'सरपतहां', 26.12, 82.69, 150_000],
  ['Muftiganj', 'मुफ्तीगंज', 25.78, 82.88, 150_000],
  ['Rampur', 'रामपुर', 25.51, 82.6, 160_000],
  ['Tejibazar', 'तेजीबाजार', 25.85, 82.7, 150_000, ['Teji Bazar']],
  ['Pawara', 'पवारा', 25.6, 82.34, 140_000],
]);

const ghazipur = stations('ghazipur', [
  ['Kotwali', 'कोतवाली', 25.58, 83.57, 200_000],
  ['Kasimabad', 'कासिमाबाद', 25.77, 83.58, 170_000],
  ['Mohammadabad', 'मोहम्मदाबाद', 25.62, 83.75, 200_000, ['Muhammadabad']],
  ['Zamania', 'जमानियां', 25.41, 83.56, 190_000, ['Jamania']],
  ['Saidpur', 'सैदपुर', 25.54, 83.22, 190_000],
  ['Dildarnagar', 'दिलदारनगर', 25.43, 83.67, 150_000],
  ['Gahmar', 'गहमर', 25.5, 83.82, 130_000],
  ['Bhanwarkol', 'भांवरकोल', 25.64, 83.83, 140_000, ['Bhawarkol', 'Bhaunrkol']],
  ['Karanda', 'करंडा', 25.51, 83.47, 140_000],
  ['Nandganj', 'नंदगंज', 25.55, 83.38, 150_000],
  ['Shadiabad', 'शादियाबाद', 25.68, 83.36, 160_000],
  ['Jangipur', 'जंगीपुर', 25.67, 83.47, 150_000],
  ['Khanpur', 'खानपुर', 25.49, 83.15, 150_000],
  ['Marda', 'मरदह', 25.77, 83.47, 150_000, ['Mardah']],
  ['Birno', 'बिरनो', 25.64, 83.39, 140_000],
  ['Bahariyabad', 'बहरियाबाद', 25.7, 83.25, 150_000, ['Bahriabad']],
  ['Dullahpur', 'दुल्लहपुर', 25.73, 83.3, 140_000],
  ['Reotipur', 'रेवतीपुर', 25.53, 83.72, 150_000, ['Revatipur', 'Rewatipur']],
  ['Nonhara', 'नोनहरा', 25.63, 83.52, 140_000],
  ['Suhwal', 'सुहवल', 25.52, 83.62, 130_000],
  ['Sadat', 'सादात', 25.67, 83.2, 160_000],
  ['Bhudkuda', 'भुड़कुड़ा', 25.73, 83.64, 140_000, ['Bhurkura']],
  ['Karimuddinpur', 'करीमुद्दीनपुर', 25.73, 83.79, 150_000],
]);

const chandauli = stations('chandauli', [
  ['Chandauli', 'चंदौली', 25.26, 83.27, 170_000, ['Chandauli Kotwali', 'Kotwali']],
  ['Mughalsarai', 'मुगलसराय', 25.28, 83.12, 230_000, ['Mughal Sarai', 'DDU Nagar', 'Pt. Deen Dayal Upadhyaya Nagar']],
  ['Sakaldiha', 'सकलडीहा', 25.39, 83.37, 130_000],
  ['Chakia', 'चकिया', 25.05, 83.22, 140_000],
  ['Naugarh', 'नौगढ़', 24.83, 83.29, 80_000],
  ['Balua', 'बलुआ', 25.44, 83.19, 120_000],
  ['Dhina', 'धीना', 25.34, 83.42, 110_000],
  ['Saiyadraja', 'सैयदराजा', 25.27, 83.44, 120_000, ['Syedraja', 'Saiyedraja', 'Sayyadraja']],
  ['Alinagar', 'अलीनगर', 25.29, 83.16, 150_000],
  ['Shahabganj', 'शहाबगंज', 25.13, 83.37, 100_000],
  ['Kandwa', 'कंदवा', 25.38, 83.48, 100_000],
  ['Dhanapur', 'धानापुर', 25.45, 83.46, 120_000],
  ['Chahaniya', 'चहनियां', 25.4, 83.25, 120_000, ['Chahniya']],
  ['Ilia', 'इलिया', 25.05, 83.37, 90_000, ['Iliya']],
  ['Chakarghatta', 'चकरघट्टा', 24.93, 83.33, 60_000],
  ['Baburi', 'बबुरी', 25.17, 83.2, 90_000],
]);

export const policeStations: readonly PoliceStation[] = [...varanasi, ...jaunpur, ...ghazipur, ...chandauli];

/**
 * Comparable form of a name: case, spacing, punctuation, a "PS"/"Thana" prefix or suffix and
 * Devanagari nukta/chandrabindu variants do not matter (`थाना लाइन बाज़ार` = `Line Bazar PS`).
 */
export function normaliseName(text: string): string {
  return text
    .normalize('NFD')
    .toLowerCase()
    .replace(/\u093c/g, '') // nukta: ज़ = ज, ड़ = ड
    .replace(/\u0901/g, '\u0902') // chandrabindu → anusvara
    .replace(/^\s*(?:thana|p\.?\s*s\.?|police\s+station|थाना)(?=[\s.:-])/u, '')
    .replace(/(?<=[\s.:-])(?:thana|p\.?\s*s\.?|police\s+station|थाना)\s*$/u, '')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '');
}

const districtIndex = new Map<string, District>();
for (const d of districts) {
  for (const n of [d.districtId, d.nameEn, d.nameHi, ...(districtAliases[d.districtId] ?? [])]) {
    districtIndex.set(normaliseName(n), d);
  }
}

const stationIndex = new Map<string, PoliceStation>();
for (const ps of policeStations) {
  for (const n of [ps.nameEn, ps.nameHi, ps.policeStationId, ...ps.aliases]) {
    const key = `${ps.districtId}|${normaliseName(n)}`;
    // First entry wins, so a name never silently points to two stations.
    if (!stationIndex.has(key)) stationIndex.set(key, ps);
  }
}

/** District by districtId, English or Hindi name (case- and spacing-insensitive). */
export function findDistrict(name: string): District | undefined {
  return districtIndex.get(normaliseName(name));
}

/**
 * Police station by English name, Hindi name or alias within a district (the district given by
 * districtId, English or Hindi name). Case-, spacing- and punctuation-insensitive.
 */
export function findPoliceStation(district: string, name: string): PoliceStation | undefined {
  const d = findDistrict(district);
  if (!d) return undefined;
  return stationIndex.get(`${d.districtId}|${normaliseName(name)}`);
}

/** Great-circle distance in kilometres. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}

/**
 * A police station as an export names it: the reference station when the names match, else a
 * stable id built from the names as written (Devanagari kept), so every source that names the
 * same station gets the same `police_station_id` and FIR ids join across tables.
 */
export function stationIdentity(district: string, policeStation: string) {
  const d = findDistrict(district);
  const ps = findPoliceStation(district, policeStation);
  const slug = (t: string) => kebabCase(t) || normaliseName(t);
  const districtName = d?.nameEn ?? district;
  return {
    district: districtName,
    police_station: ps?.nameEn ?? policeStation,
    police_station_id: ps?.policeStationId ?? `${slug(districtName)}-${slug(policeStation)}`,
    is_known_police_station: ps !== undefined,
  };
}

/** The FIR's natural key: `<police_station_id>/<year>/<number zero-padded to 4>`. */
export function firIdOf(
  policeStationId: string,
  firYear: number,
  firNumber: string,
): { fir_id: string; fir_number: string } {
  const padded = /^\d+$/.test(firNumber) ? String(Number(firNumber)).padStart(4, '0') : firNumber;
  return { fir_id: `${policeStationId}/${firYear}/${padded}`, fir_number: padded };
}
