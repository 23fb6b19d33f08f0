/**
 * Social media exports of the state police social media cell (Bihar, per DESIGN.md's published
 * figures): X API v2 mentions with includes.users, Facebook Graph API comments, and daily
 * account metric snapshots for Bihar and peer states reproducing the published ranks. Planted:
 * complaints answered within / after 2 hours / never, a few suspicious accounts spreading
 * rumours, posts naming a thana, district or locality of the range (Devanagari and Latin
 * spellings of reference/range.ts and the lexicon's localities; listed in
 * ground-truth/social-post-places.csv) and rumours naming the thana of the sensitivity scenario,
 * all counted in the ground truth.
 */
import { join } from 'node:path';
import type { Lexicon } from '../reference/lexicon.ts';
import { districts, findPoliceStation, policeStations } from '../reference/range.ts';
import type { StationInfo } from './geo.ts';
import { JsonArrayWriter, StreamFile } from './output.ts';
import { canonicalName, randomName } from './persons.ts';
import { WeightedTable, type Rng } from './random.ts';
import { formatGraphTime, formatUtcIso, isoDay, minutesPerDay, toUnixSeconds } from './time.ts';

export type Platform = 'facebook' | 'x' | 'instagram' | 'youtube';
const platforms: Platform[] = ['facebook', 'x', 'instagram', 'youtube'];

/** Final follower counts per state; Bihar's are the published ones. */
const finalFollowers: Record<string, Record<Platform, number>> = {
  Bihar: { facebook: 665_000, x: 463_000, instagram: 130_000, youtube: 12_000 },
  'Uttar Pradesh': { facebook: 620_000, x: 4_420_000, instagram: 1_250_000, youtube: 240_000 },
  Kerala: { facebook: 2_050_000, x: 860_000, instagram: 2_100_000, youtube: 310_000 },
  Karnataka: { facebook: 905_000, x: 720_000, instagram: 410_000, youtube: 95_000 },
  Maharashtra: { facebook: 540_000, x: 1_650_000, instagram: 520_000, youtube: 120_000 },
  Rajasthan: { facebook: 380_000, x: 610_000, instagram: 205_000, youtube: 80_000 },
  Gujarat: { facebook: 300_000, x: 540_000, instagram: 125_000, youtube: 60_000 },
  'Tamil Nadu': { facebook: 410_000, x: 440_000, instagram: 118_000, youtube: 70_000 },
  Telangana: { facebook: 350_000, x: 420_000, instagram: 300_000, youtube: 90_000 },
  'Madhya Pradesh': { facebook: 240_000, x: 395_000, instagram: 98_000, youtube: 40_000 },
  Assam: { facebook: 210_000, x: 360_000, instagram: 110_000, youtube: 35_000 },
  'West Bengal': { facebook: 260_000, x: 300_000, instagram: 90_000, youtube: 30_000 },
  Punjab: { facebook: 180_000, x: 250_000, instagram: 85_000, youtube: 25_000 },
};

/** Bihar's new followers in the last two months (1.8 lakh in all), per platform. */
const biharWindowGain: Record<Platform, number> = { facebook: 70_000, x: 60_000, instagram: 45_000, youtube: 5_000 };
const windowDays = 61;
const biharFacebookReach = 1_940_000;
const biharXImpressions = 5_058_000;

function accountName(state: string, platform: Platform): string {
  const slug = state.toLowerCase().replace(/[^a-z]+/g, '');
  if (platform === 'x') return state === 'Uttar Pradesh' ? '@Uppolice' : `@${slug}_police`;
  if (platform === 'instagram') return state === 'Uttar Pradesh' ? 'uppolice' : `${slug}_police`;
  return `${state} Police`;
}

/** Integers proportional to weights that add up to exactly `total`. */
function distribute(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  let acc = 0;
  let given = 0;
  for (const w of weights) {
    acc += w;
    const upTo = Math.round((total * acc) / sum);
    out.push(upTo - given);
    given = upTo;
  }
  return out;
}

function ranks(platform: Platform): { state: string; followers: number; rank: number }[] {
  return Object.entries(finalFollowers)
    .map(([state, f]) => ({ state, followers: f[platform] }))
    .sort((a, b) => b.followers - a.followers)
    .map((r, i) => ({ ...r, rank: i + 1 }));
}

export interface SocialResult {
  accountStatsRows: number;
  window: { from: string; to: string; days: number };
  bihar: {
    followers: Record<Platform, number>;
    totalFollowers: number;
    newFollowersInWindow: number;
    facebookReachInWindow: number;
    xImpressionsInWindow: number;
    ranks: Record<Platform, number>;
  };
  ranks: Record<Platform, { state: string; followers: number; rank: number }[]>;
  x: {
    tweets: number;
    users: number;
    complaints: number;
    answeredWithin2h: number;
    answeredLater: number;
    unanswered: number;
    rumours: number;
  };
  facebook: {
    comments: number;
    complaints: number;
    answeredWithin2h: number;
    answeredLater: number;
    unanswered: number;
  };
  suspiciousAccounts: { userId: string; username: string; createdAt: string; tweets: number }[];
  /** Posts that name a place of the range, by what they name (listed in placePostsPath). */
  placePosts: { total: number; thana: number; locality: number; district: number; devanagari: number; latin: number };
  placePostsPath: string;
  /** Rumours on X naming the scenario's thana (in x.rumours too). */
  rumoursAbout: { district: string; policeStation: string; posts: number; from: string; to: string } | null;
  files: { path: string; rows: number }[];
}

/** A way a post names a place, and where post_places should attribute it. */
interface PlaceForm {
  text: string;
  script: 'devanagari' | 'latin';
  kind: 'thana' | 'locality' | 'district';
  district: string;
  policeStation: string;
}

/** Share of complaints, praise, news and rumours that name a place. */
const placeShare = 0.3;

/**
 * Place references posts use: a thana with a station word (थाना केराकत, PS Kerakat, Kerakat
 * thana; with its district when several thanas share the name), a locality of the lexicon
 * (गोदौलिया, Assi Ghat), or a district (जनपद गाजीपुर, Ghazipur district).
 */
class PlaceForms {
  private readonly stations: WeightedTable<StationInfo>;
  private readonly shared = new Set<string>();
  private readonly localities = new Map<number, { names: string[] }[]>();

  constructor(
    private readonly all: readonly StationInfo[],
    lexicon: Lexicon,
    private readonly matchForm: (text: string) => string,
  ) {
    this.stations = new WeightedTable(
      all,
      all.map((s) => s.station.population),
    );
    const key = (name: string) => matchForm(name).replaceAll(' ', '');
    const owners = new Map<string, Set<string>>();
    for (const ps of policeStations)
      for (const n of [ps.nameEn, ps.nameHi, ...ps.aliases]) {
        const k = key(n);
        owners.set(k, (owners.get(k) ?? new Set()).add(ps.policeStationId));
      }
    for (const [k, ids] of owners) if (ids.size > 1) this.shared.add(k);
    for (const entry of lexicon.places.localities) {
      const ps = findPoliceStation(entry.district, entry.policeStation);
      const s = ps ? all.find((x) => x.station.policeStationId === ps.policeStationId) : undefined;
      if (s) this.localities.set(s.index, [...(this.localities.get(s.index) ?? []), { names: entry.names }]);
    }
    // A locality name that is also a station name elsewhere would name two places: not used.
    for (const list of this.localities.values())
      for (const l of list) l.names = l.names.filter((n) => !owners.has(key(n)) && n.split(' ').length <= 3);
  }

  pick(rng: Rng, script: 'devanagari' | 'latin', station?: StationInfo): PlaceForm {
    const s = station ?? this.stations.pick(rng);
    const hi = script === 'devanagari';
    const base = { script, district: s.districtEn };
    const r = station ? 1 : rng.float();
    if (r < 0.12) {
      const d = districts.find((x) => x.nameEn === s.districtEn);
      const text = hi ? `जनपद ${d?.nameHi ?? s.districtHi}` : `${s.districtEn} district`;
      return { ...base, text, kind: 'district', policeStation: '' };
    }
    if (r < 0.3) {
      // Ghats, markets and landmarks are named more often than their small city thanas' share.
      const named = [...this.localities].flatMap(([index, list]) =>
        list.flatMap((l) => l.names.filter((n) => /[\u0900-\u097f]/.test(n) === hi).map((n) => ({ index, n }))),
      );
      const l = named.length > 0 ? rng.pick(named) : undefined;
      const at = l ? this.all[l.index] : undefined;
      if (l && at) return { script, district: at.districtEn, text: l.n, kind: 'locality', policeStation: at.nameEn };
    }
    const names = hi
      ? [s.nameHi]
      : [s.nameEn, ...s.station.aliases.filter((a) => /^[A-Za-z][A-Za-z .]*$/.test(a) && a.split(' ').length <= 3)];
    const name = rng.pick(names);
    let text = hi
      ? rng.pick([`थाना ${name}`, `${name} थाना क्षेत्र`, `थाना ${name} क्षेत्र`])
      : rng.pick([`PS ${name}`, `${name} PS`, `${name} thana`, `thana ${name}`]);
    if (this.shared.has(this.matchForm(name).replaceAll(' ', ''))) text = `${hi ? s.districtHi : s.districtEn} ${text}`;
    return { ...base, text, kind: 'thana', policeStation: s.nameEn };
  }
}

async function writeAccountStats(
  rng: Rng,
  outDir: string,
  startDay: number,
  endDay: number,
): Promise<{ rows: number; path: string }> {
  const days = endDay - startDay + 1;
  const windowStartIndex = Math.max(1, days - windowDays);
  const file = await StreamFile.open(join(outDir, 'social', 'account_stats.csv'));
  file.write('platform,account,state,date,followers,reach,impressions\n');
  const series: {
    platform: Platform;
    state: string;
    followers: number[];
    reach: (number | '')[];
    impressions: (number | '')[];
  }[] = [];
  for (const platform of platforms) {
    for (const [state, finals] of Object.entries(finalFollowers)) {
      const end = finals[platform];
      const gain = state === 'Bihar' ? biharWindowGain[platform] : Math.round(end * rng.uniform(0.02, 0.08));
      const windowStart = end - gain;
      const first = Math.round(windowStart * rng.uniform(0.55, 0.8));
      const before = distribute(
        windowStart - first,
        Array.from({ length: windowStartIndex }, () => rng.uniform(0.2, 1.8)),
      );
      const during = distribute(
        gain,
        Array.from({ length: days - windowStartIndex }, () => rng.uniform(0.2, 1.8)),
      );
      const followers: number[] = [];
      let f = first;
      for (let i = 0; i < days; i++) {
        f += i < windowStartIndex ? (before[i] as number) : (during[i - windowStartIndex] as number);
        followers.push(f);
      }
      // The first increment is part of day 0's count; shift so the last day equals the target.
      const shift = end - (followers[days - 1] as number);
      for (let i = 0; i < days; i++) followers[i] = (followers[i] as number) + shift;
      const reachWeights = followers.map((x) => x * rng.uniform(0.02, 0.08));
      const impressionWeights = followers.map((x) => x * rng.uniform(0.1, 0.3));
      let reach: (number | '')[] = reachWeights.map((x) => Math.round(x));
      let impressions: (number | '')[] = impressionWeights.map((x) => Math.round(x));
      if (state === 'Bihar' && platform === 'facebook') {
        const inWindow = distribute(biharFacebookReach, reachWeights.slice(windowStartIndex));
        reach = [...reach.slice(0, windowStartIndex), ...inWindow];
      }
      if (state === 'Bihar' && platform === 'x') {
        const inWindow = distribute(biharXImpressions, impressionWeights.slice(windowStartIndex));
        impressions = [...impressions.slice(0, windowStartIndex), ...inWindow];
      }
      if (platform === 'x' || platform === 'youtube') reach = reach.map(() => '');
      series.push({ platform, state, followers, reach, impressions });
    }
  }
  for (let i = 0; i < days; i++) {
    const date = isoDay(startDay + i);
    for (const s of series) {
      file.row([
        s.platform,
        accountName(s.state, s.platform),
        s.state,
        date,
        s.followers[i],
        s.reach[i],
        s.impressions[i],
      ]);
    }
    await file.maybeFlush();
  }
  await file.close();
  return { rows: file.rows, path: file.path };
}

const complaintTexts = {
  hi: [
    'मेरी मोटरसाइकिल चोरी हो गई है, थाने में कोई सुनवाई नहीं हो रही। कृपया मदद करें।',
    'गांव में दबंग लोग जमीन पर कब्जा कर रहे हैं, थाना प्रभारी कार्रवाई नहीं कर रहे।',
    'मेरे खाते से साइबर ठगी में 40000 रुपये निकल गए, कृपया मदद करें।',
    'रात में तेज आवाज में डीजे बज रहा है, 112 पर कॉल करने के बाद भी कोई नहीं आया।',
  ],
  en: [
    'My mobile was snatched near the bus stand, no FIR registered yet. Please help.',
    'Received threat calls for extortion, local police not responding.',
    'Lost Rs 25000 in UPI fraud, cyber cell complaint pending for a week.',
    'Illegal liquor being sold openly in our village, please take action.',
  ],
  hinglish: [
    'Sir meri bike chori ho gayi, thane me report nahi likh rahe',
    'Sir gaon me roz jhagda hota hai, police nahi aati',
    'Mere account se paise kat gaye sir fraud call aaya tha',
  ],
};
const otherTexts = {
  praise: [
    'Great work by the police team, thank you!',
    'बहुत बढ़िया काम, पुलिस टीम को धन्यवाद।',
    'Salute to the officers for quick action 🙏',
  ],
  query: [
    'How do I get a character certificate online?',
    'पासपोर्ट वेरिफिकेशन कब तक होगा?',
    'Sir lost mobile ki report online kaise kare?',
  ],
  news: [
    'Police arrested the accused within 24 hours, good job',
    'Traffic advisory for tomorrow please share',
    'शराब तस्करी के खिलाफ अभियान जारी',
  ],
  abusive: ['Police sleeping as usual 😡', 'पुलिस कुछ नहीं करती, बस वसूली', 'Useless system, nobody listens'],
  rumour: [
    'BREAKING: child lifters gang active in the district, police hiding it! Share fast',
    'बच्चा चोर गिरोह सक्रिय, पुलिस चुप है, सभी को भेजें',
    'Communal clash in the city, curfew tomorrow, stay home (forwarded)',
    'कल से सभी बाजार बंद रहेंगे, प्रशासन का आदेश (फॉरवर्ड करें)',
  ],
};
const replyTexts = [
  'Kindly share your contact details via DM. The concerned SP has been directed to take necessary action.',
  'आपकी शिकायत संबंधित जनपद पुलिस को आवश्यक कार्रवाई हेतु प्रेषित की गई है।',
  'Please dial 112 in emergency. Your complaint has been forwarded to the concerned district.',
  'संज्ञान लेकर संबंधित थाना प्रभारी को निर्देशित किया गया है।',
];

const twitterEpochMs = 1288834974657n;

function snowflake(unixSeconds: number, seq: number): string {
  const ms = BigInt(unixSeconds) * 1000n + BigInt(seq % 1000);
  return (((ms - twitterEpochMs) << 22n) + BigInt(seq % 4096)).toString();
}

function slugName(name: string, rng: Rng): string {
  return (
    (name
      .toLowerCase()
      .replace(/[^a-z]+/g, '_')
      .replace(/^_|_$/g, '') || 'user') + (rng.chance(0.6) ? String(rng.int(1, 9999)) : '')
  );
}

interface XUser {
  id: string;
  name: string;
  username: string;
  created_at: string;
  verified: boolean;
  description: string;
  public_metrics: { followers_count: number; following_count: number; tweet_count: number; listed_count: number };
}

export async function writeSocial(input: {
  rng: Rng;
  /** Which posts name places, and how (a stream of its own). */
  rngPlaces: Rng;
  outDir: string;
  firs: number;
  startDay: number;
  endDay: number;
  stations: readonly StationInfo[];
  /** Rumours on X naming this thana, from `fromDay` for two weeks (the sensitivity scenario). */
  rumoursAbout: { station: StationInfo; count: number; fromDay: number } | undefined;
}): Promise<SocialResult> {
  const { rng, outDir, startDay, endDay } = input;
  const rp = input.rngPlaces;
  // Loaded here, not at start-up: the lexicon's parser is only needed once the FIRs are written.
  const { loadLexicon, matchForm } = await import('../reference/lexicon.ts');
  const places = new PlaceForms(input.stations, loadLexicon(), matchForm);
  const placeFile = await StreamFile.open(join(outDir, 'ground-truth', 'social-post-places.csv'));
  placeFile.write('platform,post_id,kind,district,police_station,script,text\n');
  const placePosts = { total: 0, thana: 0, locality: 0, district: 0, devanagari: 0, latin: 0 };
  /** The text with a place named (sometimes), recorded once the post has its id. */
  const withPlace = (text: string, force?: StationInfo): { text: string; form?: PlaceForm } => {
    if (!force && !rp.chance(placeShare)) return { text };
    const script = /[\u0900-\u097f]/.test(text) ? 'devanagari' : 'latin';
    const form = places.pick(rp, script, force);
    return { text: script === 'devanagari' ? `${text} (${form.text})` : `${text} — ${form.text}`, form };
  };
  const recordPlace = (platform: string, postId: string, form: PlaceForm | undefined): void => {
    if (!form) return;
    placeFile.row([platform, postId, form.kind, form.district, form.policeStation, form.script, form.text]);
    placePosts.total++;
    placePosts[form.kind]++;
    placePosts[form.script]++;
  };
  const endMinute = endDay * minutesPerDay + minutesPerDay - 1;
  const stats = await writeAccountStats(rng.fork('stats'), outDir, startDay, endDay);
  const days = endDay - startDay + 1;

  // X mentions.
  const tweetCount = Math.max(120, Math.round(input.firs * 0.02));
  const police: XUser = {
    id: '2909431428',
    name: 'Bihar Police',
    username: 'bihar_police',
    created_at: '2014-11-24T07:12:00.000Z',
    verified: true,
    description: 'Official account of Bihar Police. Dial 112 in emergency.',
    public_metrics: {
      followers_count: finalFollowers['Bihar']?.x ?? 0,
      following_count: 120,
      tweet_count: 28_000,
      listed_count: 600,
    },
  };
  const userCount = Math.min(20_000, Math.max(60, Math.round(tweetCount / 4)));
  const users: XUser[] = [];
  for (let i = 0; i < userCount; i++) {
    const who = randomName(rng, rng.chance(0.2) ? 'F' : 'M');
    const name = canonicalName(who.name, rng.chance(0.2) ? 'devanagari' : 'latin');
    users.push({
      id: String(10_000_000 + i * 7919 + rng.int(0, 7918)),
      name,
      username: slugName(canonicalName(who.name, 'latin'), rng),
      created_at: formatUtcIso((startDay - rng.int(30, 4000)) * minutesPerDay + rng.int(0, minutesPerDay - 1)),
      verified: false,
      description: '',
      public_metrics: {
        followers_count: Math.round(Math.exp(rng.normal(4.5, 1.5))),
        following_count: rng.int(10, 900),
        tweet_count: rng.int(20, 20_000),
        listed_count: rng.int(0, 5),
      },
    });
  }
  // Suspicious accounts: new, few followers, posting rumours in bursts late in the range.
  const suspicious: { user: XUser; firstMinute: number; tweets: number }[] = [];
  for (let i = 0; i < 5; i++) {
    const firstDay = endDay - rng.int(20, Math.min(120, days - 1));
    const user: XUser = {
      id: String(1_800_000_000_000_000_000n + BigInt(rng.int(1, 999_999_999))),
      name: rng.pick(['Sach Ki Awaaz', 'Desh Bachao', 'Breaking News 24x7', 'Bihar Khabar', 'Jan Jagran Sena']),
      username: `${rng.pick(['sach', 'truth', 'khabar', 'alert', 'news'])}_${rng.hex(6)}`,
      created_at: formatUtcIso((firstDay - rng.int(1, 25)) * minutesPerDay + rng.int(0, minutesPerDay - 1)),
      verified: false,
      description: 'सच्ची खबर',
      public_metrics: {
        followers_count: rng.int(0, 15),
        following_count: rng.int(200, 2000),
        tweet_count: rng.int(50, 400),
        listed_count: 0,
      },
    };
    suspicious.push({ user, firstMinute: firstDay * minutesPerDay, tweets: 0 });
  }
  const suspiciousTweets = Math.max(15, Math.round(tweetCount * 0.03));

  const xFile = await StreamFile.open(join(outDir, 'social', 'x_mentions.json'));
  xFile.write('{"data":[');
  const xData = new JsonArrayWriter(xFile);
  const x = { tweets: 0, users: 0, complaints: 0, answeredWithin2h: 0, answeredLater: 0, unanswered: 0, rumours: 0 };
  let seq = 0;
  const mention = '@bihar_police';
  const tweet = (
    author: XUser,
    minute: number,
    text: string,
    lang: string,
    extra: Record<string, unknown> = {},
    r: Rng = rng,
  ): string => {
    const rng = r;
    const second = rng.int(0, 59);
    const id = snowflake(toUnixSeconds(minute, second), seq++);
    const start = text.indexOf(mention);
    xData.push({
      id,
      text,
      author_id: author.id,
      created_at: formatUtcIso(minute, second),
      conversation_id: (extra['conversation_id'] as string | undefined) ?? id,
      lang,
      public_metrics: {
        retweet_count: rng.int(0, 30),
        reply_count: rng.int(0, 10),
        like_count: rng.int(0, 200),
        quote_count: rng.int(0, 5),
        impression_count: rng.int(50, 20_000),
      },
      ...(start >= 0
        ? { entities: { mentions: [{ start, end: start + mention.length, username: 'bihar_police', id: police.id }] } }
        : {}),
      ...extra,
    });
    x.tweets++;
    return id;
  };

  // Ordinary mentions spread over the range, in time order; suspicious bursts mixed in.
  const plan: { minute: number; suspicious: number }[] = [];
  for (let i = 0; i < tweetCount; i++)
    plan.push({ minute: startDay * minutesPerDay + rng.int(0, days * minutesPerDay - 1), suspicious: -1 });
  for (let i = 0; i < suspiciousTweets; i++) {
    const k = i % suspicious.length;
    const s = suspicious[k] as (typeof suspicious)[number];
    plan.push({ minute: rng.int(s.firstMinute, endMinute), suspicious: k });
  }
  // Rumours naming the scenario's thana, spread over its two weeks.
  const about = input.rumoursAbout;
  let rumoursAbout = 0;
  if (about) {
    for (let i = 0; i < about.count; i++) {
      const day = Math.min(endDay, Math.max(startDay, about.fromDay + rp.int(0, 13)));
      plan.push({ minute: day * minutesPerDay + rp.int(8 * 60, 22 * 60), suspicious: -2 });
    }
  }
  plan.sort((a, b) => a.minute - b.minute);
  for (const p of plan) {
    if (p.suspicious === -2 && about) {
      const placed = withPlace(rp.pick(otherTexts.rumour), about.station);
      const text = `${mention} ${placed.text}`;
      const id = tweet(rp.pick(users), p.minute, text, /[\u0900-\u097f]/.test(text) ? 'hi' : 'en', {}, rp);
      recordPlace('x', id, placed.form);
      x.rumours++;
      rumoursAbout++;
      continue;
    }
    if (p.suspicious >= 0) {
      const s = suspicious[p.suspicious] as (typeof suspicious)[number];
      const text = `${mention} ${rng.pick(otherTexts.rumour)}`;
      tweet(s.user, p.minute, text, /[\u0900-\u097f]/.test(text) ? 'hi' : 'en');
      s.tweets++;
      x.rumours++;
      continue;
    }
    const author = rng.pick(users);
    const kind = rng.weightedPairs<string>([
      ['complaint', 35],
      ['praise', 20],
      ['query', 15],
      ['news', 12],
      ['abusive', 10],
      ['rumour', 8],
    ]);
    if (kind === 'complaint') {
      const lang = rng.weightedPairs<'hi' | 'en' | 'hinglish'>([
        ['hi', 45],
        ['en', 35],
        ['hinglish', 20],
      ]);
      const complaint = rng.pick(complaintTexts[lang]);
      const placed = withPlace(complaint);
      const text = `${mention} ${placed.text}${rng.chance(0.3) ? ' @' + rng.pick(['jaunpurpolice', 'ghazipurpolice', 'PatnaPolice24x7', 'dgp_bihar']) : ''}`;
      const id = tweet(author, p.minute, text, lang === 'hinglish' ? 'qme' : lang);
      recordPlace('x', id, placed.form);
      x.complaints++;
      const r = rng.float();
      const delay = r < 0.68 ? rng.int(3, 120) : r < 0.9 ? rng.int(121, 3 * minutesPerDay) : -1;
      if (delay < 0 || p.minute + delay > endMinute) x.unanswered++;
      else {
        tweet(police, p.minute + delay, `@${author.username} ${rng.pick(replyTexts)}`, 'en', {
          conversation_id: id,
          in_reply_to_user_id: author.id,
          referenced_tweets: [{ type: 'replied_to', id }],
        });
        if (delay <= 120) x.answeredWithin2h++;
        else x.answeredLater++;
      }
    } else {
      const body = rng.pick(otherTexts[kind as keyof typeof otherTexts]);
      const placed = kind === 'query' || kind === 'abusive' ? { text: body } : withPlace(body);
      const text = `${mention} ${placed.text}`;
      const id = tweet(author, p.minute, text, /[\u0900-\u097f]/.test(text) ? 'hi' : 'en');
      recordPlace('x', id, placed.form);
      if (kind === 'rumour') x.rumours++;
    }
    await xFile.maybeFlush();
  }
  xFile.write('\n],"includes":{"users":[');
  const xUsers = new JsonArrayWriter(xFile);
  for (const u of [police, ...users, ...suspicious.map((s) => s.user)]) {
    xUsers.push(u);
    x.users++;
    await xFile.maybeFlush();
  }
  xFile.write(`\n]},"meta":${JSON.stringify({ result_count: x.tweets })}}\n`);
  xFile.rows = x.tweets;
  await xFile.close();

  // Facebook comments on the page's posts.
  const pageId = '174218869307016';
  const fbFile = await StreamFile.open(join(outDir, 'social', 'facebook_comments.json'));
  fbFile.write('{"data":[');
  const fbData = new JsonArrayWriter(fbFile);
  const fb = { comments: 0, complaints: 0, answeredWithin2h: 0, answeredLater: 0, unanswered: 0 };
  const commentCount = Math.max(120, Math.round(input.firs * 0.02));
  const minutes: number[] = [];
  for (let i = 0; i < commentCount; i++) minutes.push(startDay * minutesPerDay + rng.int(0, days * minutesPerDay - 1));
  minutes.sort((a, b) => a - b);
  let postId = '';
  let postUntil = -1;
  let commentSeq = 0;
  let firstId = '';
  let lastId = '';
  const comment = (from: { id: string; name: string }, minute: number, message: string, parent?: string): string => {
    const id = `${postId.split('_')[1] ?? postId}_${String(1_000_000_000 + commentSeq++)}`;
    const second = rng.int(0, 59);
    fbData.push({
      id,
      created_time: formatGraphTime(minute, second),
      from,
      message,
      like_count: rng.int(0, 150),
      comment_count: parent ? 0 : rng.int(0, 6),
      ...(parent ? { parent: { id: parent } } : {}),
    });
    fb.comments++;
    if (!firstId) firstId = id;
    lastId = id;
    return id;
  };
  for (const minute of minutes) {
    if (minute > postUntil) {
      postId = `${pageId}_${String(100_000_000_000 + Math.floor(minute / 60))}`;
      postUntil = minute + rng.int(6, 72) * 60;
    }
    const who = randomName(rng, rng.chance(0.25) ? 'F' : 'M');
    const from = {
      id: String(100_000_000_000_000 + rng.int(0, 899_999_999) * 1000 + rng.int(0, 999)),
      name: canonicalName(who.name, rng.chance(0.25) ? 'devanagari' : 'latin'),
    };
    const kind = rng.weightedPairs<string>([
      ['complaint', 30],
      ['praise', 30],
      ['query', 15],
      ['news', 10],
      ['abusive', 10],
      ['rumour', 5],
    ]);
    if (kind === 'complaint') {
      const lang = rng.weightedPairs<'hi' | 'en' | 'hinglish'>([
        ['hi', 50],
        ['en', 25],
        ['hinglish', 25],
      ]);
      const placed = withPlace(rng.pick(complaintTexts[lang]));
      const id = comment(from, minute, placed.text);
      recordPlace('facebook', id, placed.form);
      fb.complaints++;
      const r = rng.float();
      const delay = r < 0.65 ? rng.int(2, 120) : r < 0.85 ? rng.int(121, 2 * minutesPerDay) : -1;
      if (delay < 0 || minute + delay > endMinute) fb.unanswered++;
      else {
        comment({ id: pageId, name: 'Bihar Police' }, minute + delay, rng.pick(replyTexts), id);
        if (delay <= 120) fb.answeredWithin2h++;
        else fb.answeredLater++;
      }
    } else {
      const body = rng.pick(otherTexts[kind as keyof typeof otherTexts]);
      const placed = kind === 'query' || kind === 'abusive' ? { text: body } : withPlace(body);
      recordPlace('facebook', comment(from, minute, placed.text), placed.form);
    }
    await fbFile.maybeFlush();
  }
  const cursor = (id: string): string => Buffer.from(id).toString('base64');
  fbFile.write(`\n],"paging":${JSON.stringify({ cursors: { before: cursor(firstId), after: cursor(lastId) } })}}\n`);
  fbFile.rows = fb.comments;
  await fbFile.close();

  await placeFile.close();
  const windowFrom = isoDay(endDay - (windowDays - 1));
  const biharFinal = finalFollowers['Bihar'] as Record<Platform, number>;
  const allRanks = Object.fromEntries(platforms.map((p) => [p, ranks(p)])) as Record<
    Platform,
    ReturnType<typeof ranks>
  >;
  return {
    accountStatsRows: stats.rows,
    window: { from: windowFrom, to: isoDay(endDay), days: windowDays },
    bihar: {
      followers: { ...biharFinal },
      totalFollowers: platforms.reduce((s, p) => s + biharFinal[p], 0),
      newFollowersInWindow: platforms.reduce((s, p) => s + biharWindowGain[p], 0),
      facebookReachInWindow: biharFacebookReach,
      xImpressionsInWindow: biharXImpressions,
      ranks: Object.fromEntries(
        platforms.map((p) => [p, allRanks[p].find((r) => r.state === 'Bihar')?.rank ?? 0]),
      ) as Record<Platform, number>,
    },
    ranks: allRanks,
    x,
    facebook: fb,
    suspiciousAccounts: suspicious.map((s) => ({
      userId: s.user.id,
      username: s.user.username,
      createdAt: s.user.created_at,
      tweets: s.tweets,
    })),
    placePosts,
    placePostsPath: 'ground-truth/social-post-places.csv',
    rumoursAbout: about
      ? {
          district: about.station.districtEn,
          policeStation: about.station.nameEn,
          posts: rumoursAbout,
          from: isoDay(Math.max(startDay, about.fromDay)),
          to: isoDay(Math.min(endDay, about.fromDay + 13)),
        }
      : null,
    files: [
      { path: stats.path, rows: stats.rows },
      { path: xFile.path, rows: x.tweets },
      { path: fbFile.path, rows: fb.comments },
    ],
  };
}
