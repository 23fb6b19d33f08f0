/**
 * WhatsApp tip-bot sources: the Cloud API webhook bodies (one JSON per line) and the bot's case
 * export. Tips of some categories cluster around planted activity sites (listed in the ground
 * truth); some tip texts carry another phone number, which the lake must treat as personal data.
 */
import { join } from 'node:path';
import { latLngToCell } from 'h3-js';
import type { EventIncident } from './events.ts';
import { h3Resolution, offsetPoint, round6, type StationInfo } from './geo.ts';
import { makeVillage } from './names.ts';
import { StreamFile } from './output.ts';
import { canonicalName, randomName } from './persons.ts';
import { otherPlate, plateDisplay, rtoByDistrict, upPlate } from './plates.ts';
import { WeightedTable, type Rng } from './random.ts';
import { formatIsoIst, minutesPerDay, toUnixSeconds } from './time.ts';

export const tipCategories = [
  'cow smuggling',
  'liquor smuggling',
  'drug smuggling',
  'illegal arms',
  'gambling/betting',
  'women and child trafficking',
  'forced religious conversion',
  'illegal mining',
  'overloading',
  'extortion',
  'police corruption',
  'other',
] as const;
export type TipCategory = (typeof tipCategories)[number];

const categoryWeights = [10, 18, 12, 6, 9, 3, 2, 8, 10, 5, 5, 12];

type TipLang = 'hi' | 'en' | 'hinglish';

interface TipText {
  place: string;
  plate: string;
  time: string;
}

const templates: Record<TipCategory, Record<TipLang, ((t: TipText) => string)[]>> = {
  'cow smuggling': {
    hi: [
      (t) => `${t.place} के रास्ते रोज रात ${t.time} बजे के आसपास पिकअप ${t.plate} से गोवंश बिहार ले जाए जा रहे हैं।`,
      (t) => `${t.place} में गोवंश की तस्करी हो रही है, ट्रक नंबर ${t.plate}`,
    ],
    en: [
      (t) =>
        `Cattle being smuggled in truck ${t.plate} via ${t.place} around ${t.time} every night towards Bihar border.`,
    ],
    hinglish: [(t) => `Sir ${t.place} se raat ${t.time} baje gaay ki taskari ho rahi hai, gaadi ${t.plate}`],
  },
  'liquor smuggling': {
    hi: [
      (t) => `${t.place} में खुलेआम कच्ची शराब बन रही है और बेची जा रही है।`,
      (t) => `${t.place} से बिहार के लिए शराब की तस्करी गाड़ी ${t.plate} से हो रही है।`,
    ],
    en: [
      (t) => `Illicit liquor being made and sold openly at ${t.place}. Please raid after ${t.time}.`,
      (t) => `Liquor smuggling to Bihar in vehicle ${t.plate} through ${t.place}.`,
    ],
    hinglish: [(t) => `${t.place} me kachchi sharab ki bhatti chal rahi hai sir, roz ${t.time} baje ke baad`],
  },
  'drug smuggling': {
    hi: [(t) => `${t.place} में युवक स्मैक और गांजा बेच रहे हैं, स्कूल के बच्चे भी खरीद रहे हैं।`],
    en: [(t) => `Smack and ganja being sold near ${t.place} every evening around ${t.time}.`],
    hinglish: [(t) => `${t.place} pe smack bik rahi hai sir, ladke nashe me rehte hain`],
  },
  'illegal arms': {
    hi: [
      (t) => `${t.place} में एक व्यक्ति अवैध तमंचा लेकर घूमता है और लोगों को धमकाता है।`,
      (t) => `${t.place} में अवैध असलहा बनाने का काम हो रहा है।`,
    ],
    en: [(t) => `A man roams with an illegal pistol near ${t.place} and threatens people.`],
    hinglish: [(t) => `${t.place} me tamancha banane ka kaam chal raha hai`],
  },
  'gambling/betting': {
    hi: [(t) => `${t.place} में रोज शाम ${t.time} बजे से जुआ खेला जाता है।`],
    en: [(t) => `Gambling every evening from ${t.time} at ${t.place}; online cricket betting also run from there.`],
    hinglish: [(t) => `${t.place} me roz jua hota hai sir ${t.time} baje se`],
  },
  'women and child trafficking': {
    hi: [(t) => `${t.place} से नाबालिग लड़कियों को काम के बहाने बाहर भेजा जा रहा है।`],
    en: [(t) => `Minor girls from ${t.place} are being sent out of state on the pretext of jobs.`],
    hinglish: [(t) => `${t.place} se bachcho ko kaam ke naam pe bahar bheja ja raha hai`],
  },
  'forced religious conversion': {
    hi: [(t) => `${t.place} में प्रलोभन देकर धर्म परिवर्तन कराया जा रहा है।`],
    en: [(t) => `People at ${t.place} are being lured with money for religious conversion.`],
    hinglish: [(t) => `${t.place} me lalach dekar dharm parivartan karaya ja raha hai`],
  },
  'illegal mining': {
    hi: [(t) => `${t.place} में रात में अवैध बालू खनन हो रहा है, ट्रैक्टर ${t.plate}`],
    en: [(t) => `Illegal sand mining at ${t.place} every night after ${t.time}, tractor ${t.plate}.`],
    hinglish: [(t) => `${t.place} ghat pe raat me balu khanan ho raha hai`],
  },
  overloading: {
    hi: [(t) => `${t.place} से ओवरलोड ट्रक ${t.plate} रोज निकलते हैं, सड़क टूट रही है।`],
    en: [(t) => `Overloaded trucks like ${t.plate} pass ${t.place} daily, damaging the road.`],
    hinglish: [(t) => `Overload truck ${t.plate} ${t.place} se nikal rahe hai`],
  },
  extortion: {
    hi: [(t) => `${t.place} के दुकानदारों से कुछ दबंग रंगदारी मांग रहे हैं।`],
    en: [(t) => `Local goons demanding extortion money from shopkeepers at ${t.place}.`],
    hinglish: [(t) => `${t.place} me dukandaro se rangdari maangi ja rahi hai`],
  },
  'police corruption': {
    hi: [(t) => `${t.place} पर चेकिंग के नाम पर ट्रक चालकों से वसूली की जा रही है।`],
    en: [(t) => `Money being collected from truck drivers in the name of checking at ${t.place} around ${t.time}.`],
    hinglish: [(t) => `${t.place} pe checking ke naam pe vasooli ho rahi hai`],
  },
  other: {
    hi: [(t) => `${t.place} में रात में संदिग्ध लोग घूम रहे हैं।`, (t) => `${t.place} में तेज आवाज में डीजे बज रहा है।`],
    en: [
      (t) => `Suspicious persons moving around ${t.place} at night.`,
      (t) => `Loud DJ at ${t.place} after ${t.time}.`,
    ],
    hinglish: [(t) => `${t.place} me raat ko sandigdh log ghoom rahe hai`],
  },
};

const actionNotes = [
  'Raid conducted; accused arrested and FIR registered.',
  'Raid conducted; nothing found on the spot.',
  'Vehicle seized; challan issued.',
  'Matter verified by beat constable; found false.',
  'दबिश दी गई, अभियुक्त गिरफ्तार, मुकदमा पंजीकृत।',
  'मौके पर जांच की गई, सूचना असत्य पाई गई।',
];

/** Share of new informants with a WhatsApp username (a business-scoped user id), and of those who hide their number. */
const userIdShare = 0.25;
const userIdOnlyShare = 0.3;
/** Share of contacts carrying an identity key hash (the bot checks identity changes for them). */
const identityKeyHashShare = 0.1;

interface Informant {
  waId: string;
  name: string;
  /** Business-scoped user id (`IN.` + digits), sent as contacts[].user_id and messages[].from_user_id. */
  userId?: string;
  /** Username users who hide their number: no wa_id and no from. */
  numberHidden?: boolean;
  identityKeyHash?: string;
}

export interface TipsResult {
  tips: number;
  /** Tips planted by the events plan (in tips.tips too). */
  plantedTips: number;
  webhookMessages: number;
  /** Informants, with a user id, with only a user id (no number), with an identity key hash; messages without a number. */
  identity: {
    informants: number;
    withUserId: number;
    userIdOnly: number;
    withIdentityKeyHash: number;
    messagesWithoutNumber: number;
  };
  tipsWithPhoneNumberInText: number;
  tipsByCategory: Record<string, number>;
  actioned: number;
  sites: {
    category: TipCategory;
    district: string;
    policeStation: string;
    latitude: number;
    longitude: number;
    h3Cell: string;
    tips: number;
  }[];
  files: { path: string; rows: number }[];
}

interface Site {
  category: TipCategory;
  station: StationInfo;
  lat: number;
  lon: number;
  tips: number;
}

function phoneDigits(rng: Rng): string {
  return String(rng.int(6, 9)) + rng.digits(9);
}

export async function writeTips(input: {
  rng: Rng;
  /** Usernames and identity key hashes of informants, and the planted tips' content. */
  rngIdentity: Rng;
  outDir: string;
  firs: number;
  startDay: number;
  endDay: number;
  stations: readonly StationInfo[];
  /** Tips planted in a thana on a day (events.ts), category as a tip category. */
  planted: readonly EventIncident[];
}): Promise<TipsResult> {
  const { rng, stations, startDay, endDay } = input;
  const rngPlanted = input.rngIdentity.fork('planted-tips');
  const endMinute = endDay * minutesPerDay + minutesPerDay - 1;
  const total = Math.max(150, Math.round(input.firs * 0.05));
  const webhook = await StreamFile.open(join(input.outDir, 'tips', 'webhook.jsonl'));
  const cases = await StreamFile.open(join(input.outDir, 'tips', 'cases.csv'));
  cases.write(
    'tip_id,received_at,district,police_station,category,language,media_kinds,text,latitude,longitude,forwarded_sp_at,forwarded_dig_at,action_taken_at,action_note,informant_notified_at\n',
  );
  const stationTable = new WeightedTable(
    stations,
    stations.map((s) => s.station.population),
  );
  const wabaId = '1' + rng.digits(14);
  const phoneNumberId = '1' + rng.digits(14);
  const displayNumber = '91' + phoneDigits(rng);

  // Activity sites: a few places where tips of one category concentrate.
  const sites: Site[] = (['cow smuggling', 'liquor smuggling', 'illegal mining', 'drug smuggling'] as const).map(
    (category) => {
      const station = stationTable.pick(rng);
      const [lat, lon] = offsetPoint(
        station.station.latitude,
        station.station.longitude,
        rng.normal(0, 2),
        rng.normal(0, 2),
      );
      return { category, station, lat, lon, tips: 0 };
    },
  );

  // Informants: a bounded pool, some of whom send several tips.
  const informants: Informant[] = [];
  const result: TipsResult = {
    tips: 0,
    plantedTips: 0,
    webhookMessages: 0,
    identity: { informants: 0, withUserId: 0, userIdOnly: 0, withIdentityKeyHash: 0, messagesWithoutNumber: 0 },
    tipsWithPhoneNumberInText: 0,
    tipsByCategory: Object.fromEntries(tipCategories.map((c) => [c, 0])),
    actioned: 0,
    sites: [],
    files: [],
  };

  let seq = 0;
  const emit = (rng: Rng, minute: number, fixed?: { category: TipCategory; station: StationInfo }): void => {
    seq++;
    const category = fixed ? fixed.category : rng.weighted(tipCategories, categoryWeights);
    const site = fixed ? undefined : sites.find((s) => s.category === category);
    const atSite = site !== undefined && rng.chance(0.45);
    const station = fixed ? fixed.station : atSite ? site.station : stationTable.pick(rng);
    const lang: TipLang = rng.weightedPairs<TipLang>([
      ['hi', 55],
      ['en', 25],
      ['hinglish', 20],
    ]);
    const village = makeVillage(rng);
    const placeName =
      lang === 'hi' ? `ग्राम ${village.hi} (थाना ${station.nameHi})` : `${village.en} village, PS ${station.nameEn}`;
    const rto = rtoByDistrict[station.districtId] ?? '65';
    const plate = rng.chance(0.7) ? upPlate(rto, rng.int(0, 1_000_000), false) : otherPlate(rng);
    let text = rng.pick(templates[category][lang])({
      place: placeName,
      plate: plateDisplay(rng, plate),
      time: `${rng.int(7, 11)}${lang === 'en' ? ' pm' : ''}`,
    });
    if (rng.chance(0.15)) {
      const other = phoneDigits(rng);
      text +=
        lang === 'hi'
          ? ` इस व्यक्ति का नंबर ${other} है।`
          : lang === 'en'
            ? ` His number is ${other}.`
            : ` Uska number ${rng.chance(0.5) ? '+91 ' : ''}${other} hai`;
      result.tipsWithPhoneNumberInText++;
    }

    let informant: Informant;
    if (informants.length > 0 && rng.chance(0.12)) informant = rng.pick(informants);
    else {
      const who = randomName(rng, rng.chance(0.15) ? 'F' : 'M');
      informant = {
        waId: '91' + phoneDigits(rng),
        name: rng.chance(0.3)
          ? rng.pick(['Jai Hind', 'Ek Nagrik', 'Informer', '🙏'])
          : (canonicalName(who.name, rng.chance(0.3) ? 'devanagari' : 'latin').split(' ')[0] as string),
      };
      if (informants.length < 5000) informants.push(informant);
      else informants[rng.int(0, informants.length - 1)] = informant;
      // WhatsApp usernames: a business-scoped user id beside the number, or instead of it.
      const id = input.rngIdentity;
      result.identity.informants++;
      if (id.chance(userIdShare)) {
        informant.userId = `IN.${id.int(1, 9)}${id.digits(18)}`;
        result.identity.withUserId++;
        if (id.chance(userIdOnlyShare)) {
          informant.numberHidden = true;
          result.identity.userIdOnly++;
        }
      }
      if (id.chance(identityKeyHashShare)) {
        informant.identityKeyHash = Buffer.from(id.hex(16), 'hex').toString('base64');
        result.identity.withIdentityKeyHash++;
      }
    }

    // Conversation: optional category menu reply, the text, media, optional location.
    const kinds: string[] = [];
    let t = minute * 60 + rng.int(0, 59);
    const message = (type: string, body: Record<string, unknown>): void => {
      const value = {
        messaging_product: 'whatsapp',
        metadata: { display_phone_number: displayNumber, phone_number_id: phoneNumberId },
        contacts: [
          {
            profile: { name: informant.name },
            ...(informant.numberHidden ? {} : { wa_id: informant.waId }),
            ...(informant.userId ? { user_id: informant.userId } : {}),
            ...(informant.identityKeyHash ? { identity_key_hash: informant.identityKeyHash } : {}),
          },
        ],
        messages: [
          {
            ...(informant.numberHidden ? {} : { from: informant.waId }),
            ...(informant.userId ? { from_user_id: informant.userId } : {}),
            id: `wamid.HBgM${informant.numberHidden ? (informant.userId ?? '').slice(3) : informant.waId}FQIAEhgg${rng.hex(32).toUpperCase()}AA==`,
            timestamp: String(toUnixSeconds(0, t)),
            type,
            ...body,
          },
        ],
      };
      webhook.write(
        JSON.stringify({
          object: 'whatsapp_business_account',
          entry: [{ id: wabaId, changes: [{ value, field: 'messages' }] }],
        }) + '\n',
      );
      webhook.rows++;
      if (informant.numberHidden) result.identity.messagesWithoutNumber++;
      if (!kinds.includes(type)) kinds.push(type);
      t += rng.int(5, 180);
    };
    if (rng.chance(0.3)) {
      message('interactive', {
        interactive: {
          type: 'list_reply',
          list_reply: { id: `cat_${category.replace(/[^a-z]+/g, '_')}`, title: category.slice(0, 24) },
        },
      });
    }
    message('text', { text: { body: text } });
    const media = rng.weightedPairs<string[]>([
      [[], 45],
      [['image'], 30],
      [['image', 'image'], 8],
      [['video'], 8],
      [['audio'], 9],
    ]);
    for (const kind of media) {
      const mime = kind === 'image' ? 'image/jpeg' : kind === 'video' ? 'video/mp4' : 'audio/ogg; codecs=opus';
      const body: Record<string, unknown> = {
        mime_type: mime,
        sha256: Buffer.from(rng.hex(64), 'hex').toString('base64'),
        id: rng.digits(16),
      };
      if (kind === 'audio') body['voice'] = true;
      if (kind === 'image' && rng.chance(0.3)) body['caption'] = lang === 'hi' ? 'फोटो देखें' : 'see photo';
      message(kind, { [kind]: body });
    }
    let lat = '';
    let lon = '';
    if (atSite || rng.chance(0.4)) {
      const [la, lo] = atSite
        ? offsetPoint(site.lat, site.lon, rng.normal(0, 0.5), rng.normal(0, 0.5))
        : offsetPoint(station.station.latitude, station.station.longitude, rng.normal(0, 2.5), rng.normal(0, 2.5));
      lat = round6(la).toFixed(6);
      lon = round6(lo).toFixed(6);
      message('location', {
        location: { latitude: Number(lat), longitude: Number(lon), ...(rng.chance(0.3) ? { name: village.en } : {}) },
      });
      if (atSite) site.tips++;
    }

    // Case status events.
    const received = minute;
    const sp = rng.chance(0.92) ? Math.min(endMinute, received + rng.int(5, 6 * 60)) : undefined;
    const dig = sp !== undefined && rng.chance(0.4) ? Math.min(endMinute, sp + rng.int(30, 2 * 24 * 60)) : undefined;
    const action = sp !== undefined && rng.chance(0.65) ? received + rng.int(2 * 60, 12 * minutesPerDay) : undefined;
    const acted = action !== undefined && action <= endMinute ? action : undefined;
    const notified =
      acted !== undefined && rng.chance(0.8) ? received + (acted - received) + rng.int(10, 3 * 24 * 60) : undefined;
    if (acted !== undefined) result.actioned++;
    const tipId = `TIP-${formatIsoIst(received).slice(0, 4)}-${String(seq).padStart(7, '0')}`;
    cases.row([
      tipId,
      formatIsoIst(received),
      station.districtEn,
      station.nameEn,
      category,
      lang,
      kinds.join(';'),
      text,
      lat,
      lon,
      sp === undefined ? '' : formatIsoIst(sp),
      dig === undefined ? '' : formatIsoIst(dig),
      acted === undefined ? '' : formatIsoIst(acted),
      acted === undefined ? '' : rng.pick(actionNotes),
      notified === undefined || notified > endMinute ? '' : formatIsoIst(notified),
    ]);
    result.tips++;
    result.tipsByCategory[category] = (result.tipsByCategory[category] ?? 0) + 1;
  };

  // Tips planted by the events plan (communal-risk tips of the sensitivity scenario and during events).
  const planted = new Map<number, { category: TipCategory; station: StationInfo }[]>();
  for (const t of input.planted) {
    if (t.day < startDay || t.day > endDay) continue;
    const category = tipCategories.find((c) => c === t.what);
    const station = stations[t.stationIndex];
    if (!category || !station) throw new Error(`tips: cannot plant a ${t.what} tip at station ${t.stationIndex}`);
    planted.set(t.day, [...(planted.get(t.day) ?? []), { category, station }]);
  }

  const days = endDay - startDay + 1;
  let remaining = total;
  for (let i = 0; i < days; i++) {
    const day = startDay + i;
    const n = i === days - 1 ? remaining : Math.min(remaining, rng.poisson(remaining / (days - i)));
    remaining -= n;
    const minutes: { minute: number; fixed?: { category: TipCategory; station: StationInfo } }[] = [];
    for (let k = 0; k < n; k++) minutes.push({ minute: day * minutesPerDay + rng.int(6 * 60, 23 * 60 + 59) });
    for (const fixed of planted.get(day) ?? [])
      minutes.push({ minute: day * minutesPerDay + rngPlanted.int(6 * 60, 23 * 60 + 59), fixed });
    minutes.sort((a, b) => a.minute - b.minute);
    for (const m of minutes) {
      emit(m.fixed ? rngPlanted : rng, m.minute, m.fixed);
      if (m.fixed) result.plantedTips++;
      await webhook.maybeFlush();
      await cases.maybeFlush();
    }
  }
  await webhook.close();
  await cases.close();
  result.webhookMessages = webhook.rows;
  result.sites = sites.map((s) => ({
    category: s.category,
    district: s.station.districtEn,
    policeStation: s.station.nameEn,
    latitude: round6(s.lat),
    longitude: round6(s.lon),
    h3Cell: latLngToCell(s.lat, s.lon, h3Resolution),
    tips: s.tips,
  }));
  result.files = [
    { path: webhook.path, rows: webhook.rows },
    { path: cases.path, rows: cases.rows },
  ];
  return result;
}
