import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/index.ts';
import { openDuckDb, sqlString, type DuckDb } from '../../lake/duckdb.ts';
import type { Lake } from '../../lake/lake.ts';
import { attachLake } from '../../lake/session.ts';
import { IngestError } from '../batch.ts';
import { filesToIngest, ingestors } from '../index.ts';
import { loadProfile } from '../profile.ts';
import { lakeKinds, localLake, tempDir, type TestLake } from '../../test/util/lakes.ts';
import { ingestSocialFile } from './ingest-social.ts';

const samples = path.join(import.meta.dirname, 'samples');
const sample = (name: string) => path.join(samples, name);
const informantKey = 'social-test-informant-key-0123456789';

const dbs: DuckDb[] = [];
async function db(): Promise<DuckDb> {
  const d = await openDuckDb();
  dbs.push(d);
  return d;
}
afterAll(() => dbs.forEach((d) => d.close()));

async function query(t: TestLake, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await db();
  await attachLake(reader, t.lake);
  return reader.all(sql);
}

function writeJson(dir: string, name: string, doc: unknown): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, JSON.stringify(doc, null, 1));
  return p;
}

/** Every object of the lake as text: Parquet decoded row by row, everything else as UTF-8. */
async function lakeText(lake: Lake): Promise<string> {
  const d = await db();
  const dir = tempDir('scan');
  const parts: string[] = [];
  let i = 0;
  for await (const o of lake.storage.list('')) {
    const local = path.join(dir, `o${i++}`);
    await lake.storage.getToFile(o.key, local);
    if (o.key.endsWith('.parquet')) {
      const rows = await d.all(`select * from read_parquet(${sqlString(local)})`);
      parts.push(
        o.key,
        JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)),
      );
    } else {
      parts.push(o.key, fs.readFileSync(local, 'utf8'));
    }
  }
  return parts.join('\n');
}

async function lakeKeys(lake: Lake): Promise<string[]> {
  const keys: string[] = [];
  for await (const o of lake.storage.list('')) keys.push(o.key);
  return keys;
}

const sampleFiles: [string, number, Record<string, number>][] = [
  ['x_mentions.json', 5, { social_posts: 5 }],
  ['x_dm_events.json', 3, { social_posts: 3 }],
  ['facebook_posts.json', 5, { social_posts: 5 }],
  ['facebook_comments.json', 3, { social_posts: 3 }],
  ['facebook_insights.json', 6, { social_account_stats: 2 }],
  ['instagram_media.json', 4, { social_posts: 4 }],
  ['instagram_comments.json', 2, { social_posts: 2 }],
  ['instagram_insights.json', 6, { social_account_stats: 2 }],
  ['youtube_comment_threads.json', 3, { social_posts: 3 }],
  ['youtube_channels_2024-03-06.json', 1, { social_account_stats: 1 }],
  ['account_stats.csv', 8, { social_account_stats: 8 }],
];

describe.each(lakeKinds)('social ingest on a $kind lake', ({ make }) => {
  it('lands every sample shape with exact counts and values; a repeated ingest adds nothing', async () => {
    const t = make();
    const d = await db();
    const ctx = { lake: t.lake, db: d, informantKey };
    for (const [name, rows, tables] of sampleFiles) {
      const s = await ingestSocialFile(ctx, sample(name));
      expect({ name, rowsIn: s.rowsIn, landed: s.rowsLanded, quarantined: s.rowsQuarantined }).toEqual({
        name,
        rowsIn: rows,
        landed: rows,
        quarantined: 0,
      });
      expect(Object.fromEntries(s.tables.map((x) => [x.table, x.rows]))).toEqual(tables);
    }
    for (const [name] of sampleFiles) expect((await ingestSocialFile(ctx, sample(name))).alreadyIngested).toBe(true);

    expect(
      await query(t, `select platform, kind, count(*)::int as n from social_posts group by all order by all`),
    ).toEqual([
      { platform: 'facebook', kind: 'comment', n: 4 },
      { platform: 'facebook', kind: 'post', n: 2 },
      { platform: 'facebook', kind: 'reply', n: 2 },
      { platform: 'instagram', kind: 'comment', n: 2 },
      { platform: 'instagram', kind: 'post', n: 2 },
      { platform: 'instagram', kind: 'reply', n: 2 },
      { platform: 'x', kind: 'dm', n: 3 },
      { platform: 'x', kind: 'mention', n: 3 },
      { platform: 'x', kind: 'post', n: 1 },
      { platform: 'x', kind: 'reply', n: 1 },
      { platform: 'youtube', kind: 'comment', n: 2 },
      { platform: 'youtube', kind: 'reply', n: 1 },
    ]);

    // X: a citizen's Hindi complaint and the police reply to it, 1 h 16 min later.
    const x = await query(
      t,
      `select post_id, kind, parent_id, thread_id, account, author_name, author_handle, is_police_account, text,
              created_at, language, like_count, reply_count, share_count, impression_count, month
       from social_posts where platform = 'x' and kind <> 'dm' order by created_at`,
    );
    expect(x[0]).toMatchObject({
      post_id: '1765021448720556137',
      kind: 'mention',
      parent_id: null,
      account: 'bihar_police',
      author_name: 'राकेश कुमार',
      author_handle: 'rakesh_kumar_ptn',
      is_police_account: false,
      text: '@bihar_police मेरी मोटरसाइकिल कल रात गांधी मैदान के पास से चोरी हो गई, थाने में FIR नहीं लिखी जा रही। कृपया मदद करें।',
      language: 'hi',
      like_count: 12,
      reply_count: 1,
      share_count: 4,
      impression_count: 1874,
      month: '2024-03',
    });
    expect((x[0]!.created_at as Date).toISOString()).toBe('2024-03-05T14:42:11.000Z');
    expect(x[1]).toMatchObject({
      kind: 'reply',
      parent_id: '1765021448720556137',
      thread_id: '1765021448720556137',
      account: 'bihar_police',
      is_police_account: true,
    });
    // lang "und" with Devanagari text → hi; retweets + quotes = shares.
    expect(x[3]).toMatchObject({
      post_id: '1765233904471875993',
      language: 'hi',
      share_count: 33,
      account: 'bihar_police',
    });
    expect(x[4]).toMatchObject({ kind: 'post', parent_id: '1765233904471875993', is_police_account: true });

    // Facebook: a comment exported on its own names its post through the page's id.
    const fb = await query(
      t,
      `select post_id, kind, parent_id, thread_id, account, author_name, is_police_account, like_count, share_count
       from social_posts where platform = 'facebook' order by post_id`,
    );
    expect(fb.find((r) => r.post_id === '100000473389_1000000000')).toMatchObject({
      kind: 'comment',
      parent_id: '174218869307016_100000473389',
      thread_id: '174218869307016_100000473389',
      account: 'Bihar Police',
      is_police_account: false,
    });
    expect(fb.find((r) => r.post_id === '100000473389_1000000001')).toMatchObject({
      kind: 'reply',
      parent_id: '100000473389_1000000000',
      is_police_account: true,
    });
    expect(fb.find((r) => r.post_id === '174218869307016_812345678901234')).toMatchObject({
      kind: 'post',
      like_count: 2315,
      share_count: 148,
    });
    expect(fb.find((r) => r.post_id === '812345678901234_1102941234567890')).toMatchObject({
      kind: 'reply',
      parent_id: '812345678901234_1102938475610293',
      thread_id: '174218869307016_812345678901234',
    });
    expect(fb.find((r) => r.post_id === '100000473389_1000000002')!.author_name).toBe('मोहम्मद आरिफ');

    const yt = await query(
      t,
      `select post_id, kind, parent_id, thread_id, is_police_account from social_posts where platform = 'youtube' order by created_at`,
    );
    expect(yt.map((r) => [r.kind, r.parent_id, r.thread_id, r.is_police_account])).toEqual([
      ['comment', 'q3VvT9sLk2E', 'q3VvT9sLk2E', false],
      ['reply', 'UgzW4kC9tZr5hXbL1yd4AaABAg', 'q3VvT9sLk2E', true],
      ['comment', 'q3VvT9sLk2E', 'q3VvT9sLk2E', false],
    ]);

    const stats = await query(
      t,
      `select platform, account, state, strftime(date, '%Y-%m-%d') as date, followers, reach, impressions, is_own_account
       from social_account_stats where state = 'Bihar' order by platform, date`,
    );
    expect(stats).toEqual([
      {
        platform: 'facebook',
        account: 'Bihar Police',
        state: 'Bihar',
        date: '2024-03-04',
        followers: 664210,
        reach: 31790,
        impressions: 98412,
        is_own_account: true,
      },
      {
        platform: 'facebook',
        account: 'Bihar Police',
        state: 'Bihar',
        date: '2024-03-05',
        followers: 665000,
        reach: 33104,
        impressions: 102377,
        is_own_account: true,
      },
      {
        platform: 'instagram',
        account: 'bihar_police',
        state: 'Bihar',
        date: '2024-03-04',
        followers: 129540,
        reach: 22831,
        impressions: 60418,
        is_own_account: true,
      },
      {
        platform: 'instagram',
        account: 'bihar_police',
        state: 'Bihar',
        date: '2024-03-05',
        followers: 130000,
        reach: 25402,
        impressions: 71950,
        is_own_account: true,
      },
      {
        platform: 'x',
        account: 'bihar_police',
        state: 'Bihar',
        date: '2024-03-05',
        followers: 463000,
        reach: null,
        impressions: 842310,
        is_own_account: true,
      },
      {
        platform: 'youtube',
        account: 'Bihar Police',
        state: 'Bihar',
        date: '2024-03-05',
        followers: 12000,
        reach: null,
        impressions: null,
        is_own_account: true,
      },
      {
        platform: 'youtube',
        account: 'Bihar Police',
        state: 'Bihar',
        date: '2024-03-06',
        followers: 12000,
        reach: null,
        impressions: null,
        is_own_account: true,
      },
    ]);
    expect(
      await query(
        t,
        `select account, state, is_own_account from social_account_stats where platform = 'x' and account = 'Uppolice'`,
      ),
    ).toEqual([{ account: 'Uppolice', state: 'Uttar Pradesh', is_own_account: false }]);
    expect(
      await query(
        t,
        `select (select count(*) from social_posts)::int as posts, (select count(*) from social_account_stats)::int as stats`,
      ),
    ).toEqual([{ posts: 25, stats: 11 }]);
  });

  it('pseudonymises DM senders and masks phone numbers before anything is written', async () => {
    const t = make();
    const s = await ingestSocialFile({ lake: t.lake, db: await db(), informantKey }, sample('x_dm_events.json'));
    expect(s).toMatchObject({ rowsIn: 3, rowsLanded: 3, rowsQuarantined: 0 });
    const dms = await query(
      t,
      `select author_id, author_name, thread_id, is_police_account, account, text from social_posts order by created_at`,
    );
    expect(dms[0]!.author_id).toMatch(/^inf_[0-9a-f]{20}$/);
    expect(dms[0]).toMatchObject({ author_name: null, is_police_account: false, account: 'bihar_police' });
    expect(dms[0]!.thread_id).toBe(`${String(dms[0]!.author_id)}-2909431428`);
    expect(dms[0]!.text).toMatch(/^सर, मेरे गांव में रोज अवैध शराब बिक रही है। मेरा नंबर inf_[0-9a-f]{20} है, नाम गुप्त रखें।$/);
    expect(dms[1]).toMatchObject({ author_id: '2909431428', author_name: 'Bihar Police', is_police_account: true });
    expect(dms[2]!.text).toMatch(/^Someone is threatening me on WhatsApp from inf_[0-9a-f]{20}, asking/);

    // Every byte of the lake: raw landing, tables, ledger.
    const all = await lakeText(t.lake);
    for (const secret of [
      '1514422907719176194',
      '1688123456789012480',
      'Sunil Yadav',
      'sunil_yadav_bhojpur',
      'Anjali Kumari',
      'anjali_k',
      '9876543210',
      '98765 43210',
      '7001234567',
      '70012 34567',
    ]) {
      expect(all, secret).not.toContain(secret);
    }
    expect(all).toContain('raw/social/');
  });

  it('refuses a DM export without the informant key, and lands nothing', async () => {
    const t = make();
    await expect(ingestSocialFile({ lake: t.lake, db: await db() }, sample('x_dm_events.json'))).rejects.toThrow(
      /x_dm_events\.json: .*CRIMELAKE_INFORMANT_KEY/,
    );
    expect(await lakeKeys(t.lake)).toEqual([]);
  });

  it('quarantines broken records with file, record number and JSON path; good records land and counts add up', async () => {
    const t = make();
    const dir = tempDir('social');
    const d = await db();
    const tweet = (id: string, extra: Record<string, unknown> = {}) => ({
      id,
      text: '@bihar_police चेन स्नैचिंग की घटना, कृपया कार्रवाई करें',
      author_id: '1432985710',
      created_at: '2024-03-05T14:42:11.000Z',
      public_metrics: { retweet_count: 1, reply_count: 0, like_count: 2, quote_count: 0, impression_count: 90 },
      ...extra,
    });
    const { id: _omit, ...noId } = tweet('x');
    void _omit;
    const xFile = writeJson(dir, 'x-broken.json', {
      data: [
        tweet('101'),
        noId, // data[1]: missing id
        tweet('103', { created_at: '2024-02-30T10:00:00Z' }), // data[2]: bad timestamp
        tweet('104', { public_metrics: { like_count: '12' } }), // data[3]: metric of the wrong type
        'not a tweet', // data[4]
        tweet('106'),
      ],
      includes: { users: [{ id: '1432985710', name: 'राकेश कुमार', username: 'rakesh_kumar_ptn' }] },
    });
    const s = await ingestSocialFile({ lake: t.lake, db: d }, xFile);
    expect(s).toMatchObject({ rowsIn: 6, rowsLanded: 2, rowsQuarantined: 4 });
    expect(s.rowsLanded + s.rowsQuarantined).toBe(s.rowsIn);
    expect(s.rejects.map((r) => [r.line, r.field])).toEqual([
      [2, 'data[1].id'],
      [3, 'data[2].created_at'],
      [4, 'data[3].public_metrics.like_count'],
      [5, 'data[4]'],
    ]);
    expect(s.rejects[0]!.reason).toBe('required, but missing');
    expect(s.rejects[1]!.reason).toContain('2024-02-30T10:00:00Z');
    expect(s.rejects[2]!.reason).toContain('"12"');
    expect(JSON.parse(s.rejects[2]!.raw)).toMatchObject({ id: '104' });

    // Nested Graph comments and insights values are records of their own.
    const fbFile = writeJson(dir, 'fb-broken.json', {
      data: [
        {
          id: '174218869307016_900',
          message: 'Post',
          created_time: '2024-03-05T10:00:00+0000',
          from: { id: '174218869307016', name: 'Bihar Police' },
          comments: {
            data: [
              { id: '900_1', message: 'ठीक है', created_time: '2024-03-05T10:05:00+0000', from: { id: '1', name: 'A' } },
              { id: '900_2', message: 'bad time', created_time: '05/03/2024 10:06', from: { id: '2', name: 'B' } },
              { message: 'no id', created_time: '2024-03-05T10:07:00+0000' },
            ],
          },
        },
      ],
    });
    const s2 = await ingestSocialFile({ lake: t.lake, db: d }, fbFile);
    expect(s2).toMatchObject({ rowsIn: 4, rowsLanded: 2, rowsQuarantined: 2 });
    expect(s2.rejects.map((r) => [r.line, r.field])).toEqual([
      [3, 'data[0].comments.data[1].created_time'],
      [4, 'data[0].comments.data[2].id'],
    ]);

    const insightsFile = writeJson(dir, 'insights-broken.json', {
      data: [
        {
          name: 'page_fans',
          period: 'day',
          id: '174218869307016/insights/page_fans/day',
          values: [
            { value: 665000, end_time: '2024-03-06T08:00:00+0000' },
            { value: '665,100', end_time: '2024-03-07T08:00:00+0000' },
            { value: 665200, end_time: 'yesterday' },
          ],
        },
        {
          name: 'page_engaged_users',
          period: 'day',
          id: '174218869307016/insights/page_engaged_users/day',
          values: [{ value: 5, end_time: '2024-03-06T08:00:00+0000' }],
        },
        {
          name: 'page_impressions',
          period: 'week',
          id: '174218869307016/insights/page_impressions/week',
          values: [{ value: 9, end_time: '2024-03-06T08:00:00+0000' }],
        },
      ],
    });
    const s3 = await ingestSocialFile({ lake: t.lake, db: d }, insightsFile);
    expect(s3).toMatchObject({ rowsIn: 5, rowsLanded: 1, rowsQuarantined: 4 });
    expect(s3.rejects.map((r) => [r.line, r.field])).toEqual([
      [2, 'data[0].values[1].value'],
      [3, 'data[0].values[2].end_time'],
      [4, 'data[1].name'],
      [5, 'data[2].period'],
    ]);

    // Text that was not UTF-8 (a Latin-1 byte inside a JSON string).
    const enc = path.join(dir, 'encoding.json');
    fs.writeFileSync(
      enc,
      Buffer.concat([
        Buffer.from('{"data":[{"id":"1","message":"caf'),
        Buffer.from([0xe9]),
        Buffer.from('","created_time":"2024-03-05T10:00:00+0000"}]}'),
      ]),
    );
    const s4 = await ingestSocialFile({ lake: t.lake, db: d }, enc);
    expect(s4.rejects.map((r) => [r.line, r.field, r.reason])).toEqual([
      [1, 'data[0].message', 'not valid UTF-8 (is the file in another encoding?)'],
    ]);

    const csv = path.join(dir, 'stats-broken.csv');
    fs.writeFileSync(
      csv,
      [
        'platform,account,state,date,followers,reach,impressions',
        'facebook,Bihar Police,Bihar,2024-03-05,665000,33104,102377', // 2
        'facebook,Bihar Police,Bihar,31/02/2024,665000,,', // 3: bad date
        'x,@bihar_police,Bihar,2024-03-05,lots,,', // 4: bad number
        'x,@bihar_police,Bihar', // 5: wrong column count
        'myspace,bihar,Bihar,2024-03-05,10,,', // 6: unknown platform
        'x,@Uppolice,Uttar Pradesh,2024-03-05,,,', // 7: no metric
        'x,@Uppolice,Uttar Pradesh,05/03/2024,"44,20,000",,"61,20,455"', // 8
      ].join('\n') + '\n',
    );
    const s5 = await ingestSocialFile({ lake: t.lake, db: d }, csv);
    expect(s5).toMatchObject({ rowsIn: 7, rowsLanded: 2, rowsQuarantined: 5 });
    expect(s5.rejects.map((r) => [r.line, r.field])).toEqual([
      [3, 'date'],
      [4, 'followers'],
      [5, '(record)'],
      [6, 'platform'],
      [7, 'followers'],
    ]);

    const q = await query(
      t,
      `select source, source_file, source_line, field from quarantine where source_file = 'x-broken.json' order by source_line`,
    );
    expect(q.map((r) => [r.source, r.source_line, r.field])).toEqual([
      ['social', 2, 'data[1].id'],
      ['social', 3, 'data[2].created_at'],
      ['social', 4, 'data[3].public_metrics.like_count'],
      ['social', 5, 'data[4]'],
    ]);
    expect(await query(t, `select count(*)::int as n from quarantine`)).toEqual([{ n: 16 }]);
    expect(await query(t, `select post_id from social_posts where platform = 'x' order by post_id`)).toEqual([
      { post_id: '101' },
      { post_id: '106' },
    ]);
    expect(await query(t, `select followers from social_account_stats where account = 'Uppolice'`)).toEqual([
      { followers: 4420000 },
    ]);
  });

  it('refuses a truncated JSON file whole, naming file and line, and lands nothing from it', async () => {
    const t = make();
    const dir = tempDir('social');
    const d = await db();
    const text = fs.readFileSync(sample('x_mentions.json'), 'utf8');
    const cut = path.join(dir, 'x_mentions-cut.json');
    fs.writeFileSync(cut, text.slice(0, text.indexOf('"includes"') - 10));
    const lines = fs.readFileSync(cut, 'utf8').split('\n').length;
    const error = await ingestSocialFile({ lake: t.lake, db: d }, cut).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).file).toBe('x_mentions-cut.json');
    expect((error as IngestError).line).toBe(lines);
    expect((error as Error).message).toMatch(
      /^x_mentions-cut\.json:\d+: not valid JSON at line \d+, column \d+ \(the file ends inside the JSON: truncated\?\).*nothing from this file was ingested$/,
    );
    expect(await lakeKeys(t.lake)).toEqual([]);

    // A shape nobody knows is refused the same way; the session is still usable afterwards.
    const odd = writeJson(dir, 'odd.json', { results: [{ a: 1 }] });
    await expect(ingestSocialFile({ lake: t.lake, db: d }, odd)).rejects.toThrow(
      /odd\.json: \(file\): not a social media export/,
    );
    const ok = await ingestSocialFile({ lake: t.lake, db: d }, sample('x_mentions.json'));
    expect(ok).toMatchObject({ rowsIn: 5, rowsLanded: 5 });
  });

  it("replaces a re-exported item by platform and post id, and merges a day's figures across files", async () => {
    const t = make();
    const dir = tempDir('social');
    const d = await db();
    const doc = JSON.parse(fs.readFileSync(sample('x_mentions.json'), 'utf8')) as {
      data: { id: string; public_metrics: Record<string, number> }[];
    };
    await ingestSocialFile({ lake: t.lake, db: d }, sample('x_mentions.json'));
    doc.data = doc.data.filter((x) => x.id === '1765021448720556137');
    doc.data[0]!.public_metrics.like_count = 40;
    const s = await ingestSocialFile({ lake: t.lake, db: d }, writeJson(dir, 'x_mentions-later.json', doc));
    expect(s.tables.find((x) => x.table === 'social_posts')).toMatchObject({ rows: 1, replaced: 1, rowCount: 5 });
    expect(
      await query(t, `select like_count, source_file from social_posts where post_id = '1765021448720556137'`),
    ).toEqual([{ like_count: 40, source_file: 'x_mentions-later.json' }]);

    await ingestSocialFile({ lake: t.lake, db: d }, sample('facebook_insights.json'));
    // The successor metric page_follows, alone in a later file: followers change, reach and impressions stay.
    const follows = writeJson(dir, 'facebook_follows.json', {
      data: [
        {
          name: 'page_follows',
          period: 'day',
          id: '174218869307016/insights/page_follows/day',
          values: [{ value: 665100, end_time: '2024-03-06T08:00:00+0000' }],
        },
      ],
    });
    const s2 = await ingestSocialFile({ lake: t.lake, db: d }, follows);
    expect(s2.tables).toMatchObject([{ table: 'social_account_stats', rows: 1, replaced: 1, rowCount: 2 }]);
    expect(
      await query(
        t,
        `select followers, reach, impressions from social_account_stats where platform = 'facebook' and date = date '2024-03-05'`,
      ),
    ).toEqual([{ followers: 665100, reach: 33104, impressions: 102377 }]);
  });
});

describe('social mapping profile', () => {
  it('reads the variant export with the example profile, and refuses it without', async () => {
    const t = localLake();
    const d = await db();
    const file = sample('variant/account_stats_suite.csv');
    await expect(ingestSocialFile({ lake: t.lake, db: d }, file)).rejects.toThrow(
      /account_stats_suite\.csv:1: platform: .*column missing/,
    );
    const profile = loadProfile(sample('profile-example.yaml'), 'social');
    const s = await ingestSocialFile({ lake: t.lake, db: d, profile }, file);
    expect(s).toMatchObject({ rowsIn: 3, rowsLanded: 3, rowsQuarantined: 0 });
    expect(
      await query(
        t,
        `select platform, account, state, strftime(date, '%Y-%m-%d') as date, followers, reach, impressions from social_account_stats order by platform`,
      ),
    ).toEqual([
      {
        platform: 'facebook',
        account: 'Bihar Police',
        state: 'Bihar',
        date: '2024-03-07',
        followers: 665412,
        reach: 29885,
        impressions: 98100,
      },
      {
        platform: 'instagram',
        account: 'keralapolice',
        state: 'Kerala',
        date: '2024-03-07',
        followers: 2100950,
        reach: 188004,
        impressions: 507311,
      },
      {
        platform: 'x',
        account: 'bihar_police',
        state: 'Bihar',
        date: '2024-03-07',
        followers: 463530,
        reach: null,
        impressions: 851002,
      },
    ]);

    // Its insights value map: page_media_view counts as impressions.
    const dir = tempDir('social');
    const views = writeJson(dir, 'fb-views.json', {
      data: [
        {
          name: 'page_media_view',
          period: 'day',
          id: '174218869307016/insights/page_media_view/day',
          values: [{ value: 120000, end_time: '2024-03-08T08:00:00+0000' }],
        },
      ],
    });
    await ingestSocialFile({ lake: t.lake, db: d, profile }, views);
    expect(
      await query(
        t,
        `select impressions from social_account_stats where date = date '2024-03-07' and platform = 'facebook'`,
      ),
    ).toEqual([{ impressions: 120000 }]);
  });

  it('is registered: `crimelake ingest social <folder>` picks the samples', () => {
    expect(ingestors.social.extensions).toEqual(['.json', '.csv']);
    const files = filesToIngest('social', samples).map((f) => path.relative(samples, f));
    expect(files).toContain('x_mentions.json');
    expect(files).toContain('account_stats.csv');
  });
});

describe('social ingest of the generator output', () => {
  it('reads x_mentions.json, facebook_comments.json and account_stats.csv as generated, matching the ground truth', async () => {
    const out = tempDir('gen-social');
    await generate({ outDir: out, firs: 300, seed: 11, start: '2025-01-01', end: '2025-06-29' });
    const truth = (JSON.parse(fs.readFileSync(path.join(out, 'ground-truth.json'), 'utf8')) as { social: GroundTruth })
      .social;
    const t = localLake();
    const d = await db();
    for (const name of ['x_mentions.json', 'facebook_comments.json', 'account_stats.csv']) {
      const s = await ingestSocialFile({ lake: t.lake, db: d }, path.join(out, 'social', name));
      expect(s.rowsQuarantined, name).toBe(0);
      expect(s.rowsLanded).toBe(s.rowsIn);
    }
    const [counts] = await query(
      t,
      `select (select count(*) from social_posts where platform = 'x')::int as tweets,
              (select count(*) from social_posts where platform = 'x' and kind = 'reply' and is_police_account)::int as x_replies,
              (select count(*) from social_posts where platform = 'facebook')::int as comments,
              (select count(*) from social_posts where platform = 'facebook' and kind = 'reply' and is_police_account)::int as fb_replies,
              (select count(*) from social_account_stats)::int as stats`,
    );
    expect(counts).toEqual({
      tweets: truth.x.tweets,
      x_replies: truth.x.answeredWithin2h + truth.x.answeredLater,
      comments: truth.facebook.comments,
      fb_replies: truth.facebook.answeredWithin2h + truth.facebook.answeredLater,
      stats: truth.accountStatsRows,
    });
    const last = await query(
      t,
      `select platform, followers from social_account_stats
       where is_own_account and date = date '${truth.window.to}' order by platform`,
    );
    expect(Object.fromEntries(last.map((r) => [r.platform, r.followers]))).toEqual(truth.bihar.followers);
    const [window] = await query(
      t,
      `select sum(reach) filter (where platform = 'facebook')::bigint as fb_reach, sum(impressions) filter (where platform = 'x')::bigint as x_impressions
       from social_account_stats where is_own_account and date between date '${truth.window.from}' and date '${truth.window.to}'`,
    );
    expect(window).toEqual({
      fb_reach: BigInt(truth.bihar.facebookReachInWindow),
      x_impressions: BigInt(truth.bihar.xImpressionsInWindow),
    });
  });
});

interface GroundTruth {
  accountStatsRows: number;
  window: { from: string; to: string };
  bihar: { followers: Record<string, number>; facebookReachInWindow: number; xImpressionsInWindow: number };
  x: { tweets: number; answeredWithin2h: number; answeredLater: number };
  facebook: { comments: number; answeredWithin2h: number; answeredLater: number };
}
