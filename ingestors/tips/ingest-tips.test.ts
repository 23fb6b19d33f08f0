import crypto from 'node:crypto';
import path from 'node:path';
import { latLngToCell } from 'h3-js';
import { afterAll, describe, expect, it } from 'vitest';
import { openDuckDb, type DuckDb } from '../../lake/duckdb.ts';
import { createPseudonymiser } from '../../lake/pseudonym.ts';
import { attachLake } from '../../lake/session.ts';
import { lakeKinds, localLake, tempDir, type TestLake } from '../../test/util/lakes.ts';
import { loadProfile } from '../profile.ts';
import { ingestTipsFile, missingKeyMessage, MissingInformantKeyError } from './ingest-tips.ts';
import {
  body,
  casesCsv,
  testKey,
  textMessage,
  tipCase,
  wamid,
  webhook,
  withInvalidUtf8,
  writeFile,
} from './test-fixtures.ts';

const samples = path.join(import.meta.dirname, 'samples');
const p = createPseudonymiser(testKey);
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

async function lakeKeys(t: TestLake): Promise<string[]> {
  const keys: string[] = [];
  for await (const o of t.lake.storage.list('')) keys.push(o.key);
  return keys;
}

// The sample senders (ingestors/tips/samples/webhooks.jsonl).
const suresh = '919812300001';
const anita = '917309900002';
const anitaUserId = 'IN.1180471928376452';
const bsuidOnly = 'IN.4401928374650192';

describe.each(lakeKinds)('tips ingest on a $kind lake', ({ make }) => {
  it('lands the sample webhooks and case export with exact values; a repeated ingest adds nothing', async () => {
    const t = make();
    const d = await db();
    const ctx = { lake: t.lake, db: d, informantKey: testKey };
    const s1 = await ingestTipsFile(ctx, path.join(samples, 'webhooks.jsonl'));
    expect(s1).toMatchObject({ rowsIn: 10, rowsLanded: 10, rowsQuarantined: 0, alreadyIngested: false });
    expect(s1.tables.map((x) => [x.table, x.rows])).toEqual([
      ['tip_messages', 9],
      ['tip_media', 3],
    ]);
    const s2 = await ingestTipsFile(ctx, path.join(samples, 'cases.csv'));
    expect(s2).toMatchObject({ rowsIn: 5, rowsLanded: 5, rowsQuarantined: 0 });
    expect(s2.tables.map((x) => [x.table, x.rows])).toEqual([
      ['tips', 5],
      ['tip_events', 8],
    ]);
    expect((await ingestTipsFile(ctx, path.join(samples, 'webhooks.jsonl'))).alreadyIngested).toBe(true);
    expect((await ingestTipsFile(ctx, path.join(samples, 'cases.csv'))).alreadyIngested).toBe(true);

    expect(
      await query(
        t,
        `select (select count(*) from tip_messages)::int as messages, (select count(*) from tip_media)::int as media,
                (select count(*) from tips)::int as tips, (select count(*) from tip_events)::int as events`,
      ),
    ).toEqual([{ messages: 9, media: 3, tips: 5, events: 8 }]);

    // One pseudonym per sender: by number (wa_id, from and user_id together), or by user id alone.
    const senders = await query(
      t,
      `select sender_id, count(*)::int as n from tip_messages group by all order by n desc, sender_id`,
    );
    expect(senders).toEqual([
      { sender_id: p.sender(suresh), n: 5 },
      ...[
        { sender_id: p.sender(anita), n: 2 },
        { sender_id: p.sender(bsuidOnly), n: 2 },
      ].sort((a, b) => a.sender_id.localeCompare(b.sender_id)),
    ]);
    expect(p.sender(anita)).not.toBe(p.sender(anitaUserId));

    const msgs = await query(
      t,
      `select source_line, message_id, month, received_at, kind, text, tip_language, tip_category, latitude, longitude,
              h3_cell, location_name, context_message_id, reply_id
       from tip_messages order by source_line`,
    );
    expect(msgs.map((m) => [m.source_line, m.kind, m.tip_language, m.tip_category])).toEqual([
      [1, 'interactive', 'hi', null],
      [2, 'interactive', null, 'liquor_smuggling'],
      [3, 'text', null, null],
      [4, 'image', null, null],
      [5, 'location', null, null],
      [6, 'text', null, null],
      [7, 'audio', null, null],
      [9, 'video', null, null],
      [10, 'reaction', null, null],
    ]);
    expect(msgs[0]!.message_id).toBe(p.messageId(wamid(suresh, '3A1F0001')));
    expect((msgs[0]!.received_at as Date).toISOString()).toBe('2025-01-15T08:00:00.000Z');
    expect(msgs[0]!.month).toBe('2025-01');
    // Devanagari round-trips; the number in the text is the pseudonym of that number.
    expect(msgs[2]!.text).toBe(
      `ग्राम सिखड़ी में रात 10 बजे के बाद कच्ची शराब बिकती है, विक्रेता का नंबर ${p.phone('9839012345')} है`,
    );
    expect(msgs[3]!.text).toBe('भट्ठी की फोटो');
    expect(msgs[4]).toMatchObject({
      latitude: 25.752,
      longitude: 82.689,
      h3_cell: latLngToCell(25.752, 82.689, 8),
      location_name: 'Sikhdi',
    });
    expect(msgs[5]!.context_message_id).toBe(p.messageId(wamid(anita, 'BOT00001')));
    expect(msgs[5]!.text).toBe(
      `Overloaded trucks pass Kerakat bridge every night after 11 pm, driver's number ${p.phone('7000012345')}`,
    );

    const media = await query(t, `select kind, mime_type, sha256, is_voice from tip_media order by source_line`);
    expect(media).toEqual([
      {
        kind: 'image',
        mime_type: 'image/jpeg',
        sha256: 'Yl7kCmw9Z8oWm8v1Zr3yXw2nQ4P8jk0m9c1e6b5a4d0=',
        is_voice: null,
      },
      {
        kind: 'audio',
        mime_type: 'audio/ogg; codecs=opus',
        sha256: 'p0V6yX3b1hG2w9Qm5Zr8Tt4Lk7Jd1Sa0Bc3De6Fg9Hi=',
        is_voice: true,
      },
      { kind: 'video', mime_type: 'video/mp4', sha256: 'Qm9yZGVyIHRydWNrcyBhdCBuaWdodCBzYW1wbGUgdmlk', is_voice: null },
    ]);

    const cases = await query(
      t,
      `select tip_id, district, month, police_station_id, is_known_police_station, category, language, media_kinds, has_media,
              hours_to_action, h3_cell, text
       from tips order by tip_id`,
    );
    expect(
      cases.map((c) => [c.tip_id, c.district, c.police_station_id, c.is_known_police_station, c.category, c.language]),
    ).toEqual([
      ['TIP-2025-0000101', 'Jaunpur', 'jaunpur-line-bazar', true, 'liquor_smuggling', 'hi'],
      ['TIP-2025-0000102', 'Ghazipur', 'ghazipur-kotwali', true, 'overloading', 'en'],
      // No district in the export: Kerakat is a thana of Jaunpur only.
      ['TIP-2025-0000103', 'Jaunpur', 'jaunpur-kerakat', true, 'illegal_mining', 'hinglish'],
      ['TIP-2025-0000104', 'Varanasi', 'varanasi-lanka', true, 'drug_smuggling', 'en'],
      ['TIP-2025-0000105', 'Chandauli', 'chandauli-naya-thana', false, 'cow_smuggling', 'hi'],
    ]);
    expect(cases[0]).toMatchObject({
      month: '2025-01',
      media_kinds: 'interactive,text,image,location',
      has_media: true,
      hours_to_action: 36,
      h3_cell: latLngToCell(25.752, 82.689, 8),
      text: `ग्राम सिखड़ी में रात 10 बजे के बाद कच्ची शराब बिकती है, विक्रेता का नंबर ${p.phone('9839012345')} है`,
    });
    expect(cases[3]!.text).toBe(
      `Smack sold near the university gate every evening, seller calls from ${p.phone('9935067890')}`,
    );

    const events = await query(
      t,
      `select event, event_at, hours_since_received, note from tip_events where tip_id = 'TIP-2025-0000101' order by event_at`,
    );
    expect(events.map((e) => [e.event, e.hours_since_received, e.note])).toEqual([
      ['forwarded_sp', 0.5, null],
      ['forwarded_dig', 20.466666666666665, null],
      ['action_taken', 36, 'दबिश दी गई, अभियुक्त गिरफ्तार, मुकदमा पंजीकृत।'],
      ['informant_notified', 43.46666666666667, null],
    ]);

    // The landed raw copy is the redacted one, and the batch id is the hash of that copy.
    const raw = await t.lake.storage.get(s1.rawKey);
    const sha = crypto.createHash('sha256').update(raw).digest('hex');
    expect(s1.sha256).toBe(sha);
    expect(s1.batchId).toBe(sha.slice(0, 16));
    expect((await t.lake.storage.get(`${s1.rawKey}.sha256`)).toString()).toBe(`${sha}  webhooks.jsonl\n`);
    expect(raw.toString()).not.toContain(suresh);
    expect(raw.toString()).toContain(`"from":"${p.sender(suresh)}"`);
    expect(raw.toString().split('\n')).toHaveLength(11);
  });

  it('replaces a re-exported tip and its events by tip id', async () => {
    const t = make();
    const ctx = { lake: t.lake, db: await db(), informantKey: testKey };
    const dir = tempDir('tips');
    await ingestTipsFile(
      ctx,
      writeFile(
        dir,
        'cases-week1.csv',
        casesCsv([tipCase(), tipCase({ tip_id: 'TIP-2025-0000002', action_taken_at: '', action_note: '' })]),
      ),
    );
    const s2 = await ingestTipsFile(
      ctx,
      writeFile(
        dir,
        'cases-week2.csv',
        casesCsv([
          tipCase({
            tip_id: 'TIP-2025-0000002',
            action_taken_at: '2025-01-15T19:32:00+05:30',
            action_note: 'Raid conducted',
          }),
        ]),
      ),
    );
    expect(s2.tables.find((x) => x.table === 'tips')).toMatchObject({ rows: 1, replaced: 1, rowCount: 2 });
    expect(s2.tables.find((x) => x.table === 'tip_events')).toMatchObject({ rows: 2, replaced: 1, rowCount: 4 });
    const rows = await query(t, `select tip_id, hours_to_action, action_note from tips order by tip_id`);
    expect(rows).toEqual([
      { tip_id: 'TIP-2025-0000001', hours_to_action: 24, action_note: 'दबिश दी गई' },
      { tip_id: 'TIP-2025-0000002', hours_to_action: 6, action_note: 'Raid conducted' },
    ]);
  });

  it('quarantines broken webhook lines with file, line and field, and lands the good ones', async () => {
    const t = make();
    const dir = tempDir('tips');
    const sender = { waId: '919988776655', name: 'Ravi' };
    const good = (n: number) =>
      webhook(sender, textMessage(wamid(sender.waId, `G${n}`), 1736928000 + n, `tip number ${n}`));
    // Cut off after the sender's number and name, inside the message.
    const truncated = good(2).slice(0, good(2).indexOf('"timestamp"') + 16);
    const lines: (string | Buffer)[] = [
      good(1), // line 1
      truncated, // line 2: truncated JSON
      webhook(sender, { id: wamid(sender.waId, 'T3'), timestamp: 'yesterday', type: 'text', text: { body: 'x' } }), // line 3
      webhook(sender, { timestamp: '1736928004', type: 'text', text: { body: 'no id' } }), // line 4: missing id
      withInvalidUtf8(good(5).replace('tip number 5', 'tip @ five')), // line 5: bytes that are not UTF-8 in the text
      webhook(sender, {
        id: wamid(sender.waId, 'G6'),
        timestamp: '1736928006',
        type: 'image',
        image: { mime_type: 'image/jpeg', sha256: 'abc=', id: '123' },
      }), // line 6
      JSON.stringify({ object: 'page', entry: [] }), // line 7: not a WhatsApp webhook
      '', // line 8: blank, not a record
      webhook(sender, { id: wamid(sender.waId, 'T9'), timestamp: true, type: 'text', text: { body: 'x' } }), // line 9
      webhook(sender, {
        id: wamid(sender.waId, 'G10'),
        timestamp: '1736928010',
        type: 'location',
        location: { latitude: 25.5, longitude: 83.1 },
      }), // line 10
    ];
    const file = writeFile(
      dir,
      'webhooks-bad.jsonl',
      Buffer.concat(lines.map((l) => Buffer.concat([Buffer.from(l), Buffer.from('\n')]))),
    );
    const s = await ingestTipsFile({ lake: t.lake, db: await db(), informantKey: testKey }, file);
    expect(s.rowsIn).toBe(9);
    expect(s.rowsLanded + s.rowsQuarantined).toBe(s.rowsIn);
    expect(s.rowsLanded).toBe(3);
    const m = 'entry[0].changes[0].value.messages[0]';
    expect(s.rejects.map((r) => [r.line, r.field])).toEqual([
      [2, '(record)'],
      [3, `${m}.timestamp`],
      [4, `${m}.id`],
      [5, `${m}.text.body`],
      [7, 'object'],
      [9, `${m}.timestamp`],
    ]);
    expect(s.rejects[0]!.reason).toMatch(/^not valid JSON \(truncated\?\)/);
    expect(s.rejects[1]!.reason).toContain('unix time');
    expect(s.rejects[2]!.reason).toContain('message id');
    expect(s.rejects[3]!.reason).toContain('not valid UTF-8');
    const q = await query(
      t,
      `select source, source_file, source_line, field, raw from quarantine order by source_line`,
    );
    expect(q.map((r) => [r.source, r.source_file, r.source_line, r.field])).toEqual(
      s.rejects.map((r) => ['tips', 'webhooks-bad.jsonl', r.line, r.field]),
    );
    // Quarantined lines are redacted like everything else.
    for (const r of q) {
      expect(r.raw).not.toContain('9988776655');
      expect(r.raw).not.toContain('Ravi');
    }
    expect(q[0]!.raw).toContain(p.sender(sender.waId));
    expect(q[3]!.raw).toContain('\uFFFD');
    expect(await query(t, `select source_line, kind from tip_messages order by source_line`)).toEqual([
      { source_line: 1, kind: 'text' },
      { source_line: 6, kind: 'image' },
      { source_line: 10, kind: 'location' },
    ]);
  });

  it('quarantines broken case rows with line and field, and lands the good ones', async () => {
    const t = make();
    const dir = tempDir('tips');
    const text = [
      casesCsv([tipCase()]).trimEnd(), // header, line 2
      casesCsv([tipCase({ tip_id: 'TIP-3', category: 'pickpocketing' })]).split('\n')[1], // line 3
      casesCsv([tipCase({ tip_id: 'TIP-4', received_at: '31/02/2025 10:00' })]).split('\n')[1], // line 4
      casesCsv([tipCase({ tip_id: 'TIP-5', longitude: '' })]).split('\n')[1], // line 5
      'TIP-6,2025-01-15T13:32:00+05:30,Jaunpur', // line 6: too few columns
      casesCsv([tipCase({ tip_id: 'TIP-7', action_taken_at: '2025-01-14T10:00:00+05:30' })]).split('\n')[1], // line 7
      casesCsv([tipCase({ tip_id: '' })]).split('\n')[1], // line 8
      casesCsv([tipCase({ tip_id: 'TIP-9', media_kinds: 'image;hologram', text: 'call 98765 43210' })]).split('\n')[1], // line 9
      casesCsv([tipCase({ tip_id: 'TIP-10', district: '', police_station: '' })]).split('\n')[1], // line 10
    ].join('\n');
    const s = await ingestTipsFile(
      { lake: t.lake, db: await db(), informantKey: testKey },
      writeFile(dir, 'cases-bad.csv', text + '\n'),
    );
    expect(s.rowsIn).toBe(9);
    expect(s.rowsLanded + s.rowsQuarantined).toBe(s.rowsIn);
    expect(s.rejects.map((r) => [r.line, r.field])).toEqual([
      [3, 'category'],
      [4, 'received_at'],
      [5, 'longitude'],
      [6, '(record)'],
      [7, 'action_taken_at'],
      [8, 'tip_id'],
      [9, 'media_kinds'],
    ]);
    expect(s.rejects[0]!.reason).toContain('"pickpocketing"');
    expect(s.rejects[4]!.reason).toContain('before received_at');
    expect(s.rejects[6]!.raw).toContain(p.phone('9876543210'));
    expect(s.rejects[6]!.raw).not.toContain('98765 43210');
    expect(await query(t, `select tip_id, district, police_station_id from tips order by tip_id`)).toEqual([
      { tip_id: 'TIP-10', district: 'unknown', police_station_id: null },
      { tip_id: 'TIP-2025-0000001', district: 'Jaunpur', police_station_id: 'jaunpur-line-bazar' },
    ]);
  });

  it('reads a variant export through the example profile, pseudonymising its informant column', async () => {
    const t = make();
    const profile = loadProfile(path.join(samples, 'profile-example.yaml'), 'tips');
    const s = await ingestTipsFile(
      { lake: t.lake, db: await db(), informantKey: testKey, profile },
      path.join(samples, 'variant', 'cases-hindi.csv'),
    );
    expect(s).toMatchObject({ rowsIn: 2, rowsLanded: 2, rowsQuarantined: 0 });
    const rows = await query(
      t,
      `select tip_id, district, police_station_id, category, language, media_kinds, sender_id, received_at, hours_to_action
       from tips order by tip_id`,
    );
    expect(rows).toEqual([
      {
        tip_id: 'HT/2025/0041',
        district: 'Ghazipur',
        police_station_id: 'ghazipur-kotwali',
        category: 'liquor_smuggling',
        language: 'hi',
        media_kinds: 'image',
        sender_id: p.sender('9415012345'),
        received_at: new Date('2025-02-03T12:50:00Z'),
        hours_to_action: 40.666666666666664,
      },
      {
        tip_id: 'HT/2025/0042',
        district: 'Jaunpur',
        police_station_id: 'jaunpur-mariahu',
        category: 'gambling_betting',
        language: 'hi',
        media_kinds: null,
        sender_id: p.sender('9415012345'),
        received_at: new Date('2025-02-04T03:35:00Z'),
        hours_to_action: null,
      },
    ]);
    const raw = (await t.lake.storage.get(s.rawKey)).toString();
    expect(raw).not.toContain('9415012345');
    expect(raw).not.toContain('रमेश');
  });

  it('refuses to run without the informant key, and writes nothing', async () => {
    const t = make();
    const ctx = { lake: t.lake, db: await db() };
    const file = path.join(samples, 'webhooks.jsonl');
    await expect(ingestTipsFile(ctx, file)).rejects.toThrow(MissingInformantKeyError);
    await expect(ingestTipsFile(ctx, file)).rejects.toThrow(`webhooks.jsonl: ${missingKeyMessage}`);
    await expect(ingestTipsFile({ ...ctx, informantKey: 'too-short' }, file)).rejects.toThrow(/too short/);
    await expect(ingestTipsFile(ctx, path.join(samples, 'cases.csv'))).rejects.toThrow(MissingInformantKeyError);
    expect(await lakeKeys(t)).toEqual([]);
  });
});

describe('tips pseudonyms across keys', () => {
  it('the same informant gets the same pseudonym under one key and another under another key', async () => {
    const file = path.join(samples, 'webhooks.jsonl');
    const a = localLake();
    const b = localLake();
    const sa = await ingestTipsFile({ lake: a.lake, db: await db(), informantKey: testKey }, file);
    const sb = await ingestTipsFile({ lake: b.lake, db: await db(), informantKey: 'a-different-key-0002' }, file);
    // The batch id is derived from the redacted copy, so it depends on the key as well.
    expect(sa.batchId).not.toBe(sb.batchId);
    const ids = async (t: TestLake) =>
      (await query(t, `select distinct sender_id from tip_messages order by 1`)).map((r) => r.sender_id);
    const [idsA, idsB] = [await ids(a), await ids(b)];
    expect(idsA).toHaveLength(3);
    expect(idsB).toHaveLength(3);
    expect(idsA.filter((x) => idsB.includes(x))).toEqual([]);
  });

  it('links a user id seen beside a number to that number in later bodies of the file', async () => {
    const t = localLake();
    const dir = tempDir('tips');
    const lines = [
      webhook({ waId: '919123456780', userId: 'IN.777' }, textMessage('wamid.A1', 1736928000, 'first')),
      body({
        contacts: [{ user_id: 'IN.777' }],
        messages: [{ from_user_id: 'IN.777', ...textMessage('wamid.A2', 1736928100, 'second') }],
      }),
    ];
    await ingestTipsFile(
      { lake: t.lake, db: await db(), informantKey: testKey },
      writeFile(dir, 'linked.jsonl', lines.join('\n')),
    );
    expect(await query(t, `select distinct sender_id from tip_messages`)).toEqual([
      { sender_id: p.sender('919123456780') },
    ]);
  });
});
