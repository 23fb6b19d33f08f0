import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDuckDb, sqlString, type DuckDb } from '../../lake/duckdb.ts';
import { openLake } from '../../lake/lake.ts';
import { createLogger } from '../../lake/log.ts';
import { asciiDigits } from '../../lake/pseudonym.ts';
import { lakeKinds, tempDir } from '../../test/util/lakes.ts';
import type { IngestSummary } from '../batch.ts';
import { ingestTipsFile } from './ingest-tips.ts';
import { body, casesCsv, testKey, tipCase, wamid, webhook, withInvalidUtf8, writeFile } from './test-fixtures.ts';

/**
 * DESIGN.md: "the informant behind a WhatsApp tip is never identifiable from the lake … tests
 * prove it by scanning every byte". Webhooks and a case export full of known numbers and names
 * are ingested (with broken lines, so the quarantine is exercised too); then every object of the
 * lake, every value of every Parquet file read back with DuckDB, every object key, the read-through
 * cache, the log lines and the returned summaries are searched for them.
 */
const numbers = {
  sender: '9876543210', // from + wa_id
  senderWithUserId: '8123456789', // wa_id beside a user_id
  userIdNumber: '7012345678', // a user_id that is a number
  profileNameNumber: '9123456780', // a profile name that is a number
  inCaseText: '6398765432', // Devanagari digits in the case text
  inActionNote: '9450011223',
  inInformantColumn: '9005512345', // an extra informant_mobile column of the export
  inFileName: '9792233445',
  truncatedLine: '9336677889',
  invalidUtf8Line: '9555012345',
  statusRecipient: '9666012345',
  numericWaId: '9777012345', // wa_id as a JSON number
  sharedContactCard: '9988001122',
  inMessageText: '9811122334',
  inQuarantinedCase: '9300012345',
};
const names = ['Ramesh Kumar Yadav', 'सुनीता देवी', 'Mohan Lal', 'Kamla Prasad'];
const otherSecrets = [
  'IKH-SECRET-Zm9vYmFyYmF6', // identity key hash
  'IN.5550001112223334', // a business-scoped user id
  'IN.4440009998887776',
  '1029384756102938', // media id
  'lookaside.fbsbx.com', // media URL host
];

const devanagari = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0x966 + Number(d)));

/** Base64 of the number at each byte alignment, minus the edge characters that depend on neighbours. */
function base64Cores(s: string): string[] {
  return [0, 1, 2].map((o) => {
    const b64 = Buffer.concat([Buffer.alloc(o), Buffer.from(s)]).toString('base64');
    return b64.slice(o > 0 ? 4 : 0, -4);
  });
}

const needles: string[] = [
  ...Object.values(numbers).flatMap((n) => [n, `91${n}`, devanagari(n), ...base64Cores(`91${n}`), ...base64Cores(n)]),
  ...names,
  ...otherSecrets,
];

/** Everything in `text` that identifies an informant; digits compared with all separators removed. */
function leaks(text: string): string[] {
  const found = needles.filter((n) => text.includes(n));
  const digitsOnly = asciiDigits(text).replace(/\D/g, '');
  found.push(
    ...Object.values(numbers)
      .filter((n) => digitsOnly.includes(n))
      .map((n) => `digits:${n}`),
  );
  return found;
}

function inputs(dir: string): string[] {
  const n = numbers;
  const sender1 = { waId: `91${n.sender}`, name: names[0], identityKeyHash: otherSecrets[0] };
  const sender2 = { waId: `91${n.senderWithUserId}`, userId: otherSecrets[1], name: names[1] };
  const sender3 = { userId: `91${n.userIdNumber}`, name: n.profileNameNumber };
  const sender4 = { userId: otherSecrets[2], name: names[3] };
  const lines: (string | Buffer)[] = [
    webhook(sender1, {
      id: wamid(sender1.waId, 'A1'),
      timestamp: '1736928000',
      type: 'interactive',
      interactive: { type: 'list_reply', list_reply: { id: 'cat_drug_smuggling', title: 'drug smuggling' } },
    }),
    webhook(sender1, {
      id: wamid(sender1.waId, 'A2'),
      timestamp: '1736928060',
      type: 'text',
      text: {
        body: `I am ${names[0]}, call me on +91 98765 43210 or 098765-43210; the dealer is ९८१११ २२३३४ (98111-22334)`,
      },
    }),
    webhook(sender1, {
      id: wamid(sender1.waId, 'A3'),
      timestamp: '1736928120',
      type: 'image',
      context: { from: `91${n.sender}`, id: wamid(sender1.waId, 'BOT1'), forwarded: true },
      image: {
        id: otherSecrets[3],
        url: `https://${otherSecrets[4]}/whatsapp_business/attachments/?mid=${otherSecrets[3]}`,
        mime_type: 'image/jpeg',
        sha256: 'c2hhMjU2',
        caption: 'मेरा नंबर 98765 43210 है',
      },
    }),
    webhook(sender2, {
      id: wamid(sender2.waId, 'B1'),
      timestamp: '1736928180',
      type: 'text',
      text: { body: `मैं ${names[1]} बोल रही हूँ, ${n.inMessageText}` },
    }),
    webhook(sender2, {
      id: wamid(sender2.waId, 'B2'),
      timestamp: '1736928240',
      type: 'location',
      location: { latitude: 25.31, longitude: 82.97, name: 'near 98111 22334 shop', address: 'Lanka' },
    }),
    webhook(sender3, {
      id: wamid(`91${n.userIdNumber}`, 'C1'),
      timestamp: '1736928300',
      type: 'audio',
      audio: { id: '5647382910564738', mime_type: 'audio/ogg', voice: true },
    }),
    webhook(sender4, {
      id: 'wamid.HBgVSU4uNDQ0MDAwOTk5ODg4Nzc3NhUCABIYIDNBMUYwMDA4AA==',
      timestamp: '1736928360',
      type: 'contacts',
      contacts: [
        {
          name: { formatted_name: names[2], first_name: 'Mohan' },
          phones: [{ phone: `+91 ${n.sharedContactCard}`, wa_id: `91${n.sharedContactCard}`, type: 'CELL' }],
        },
      ],
    }),
    body({
      statuses: [
        {
          id: wamid(`91${n.statusRecipient}`, 'S1'),
          status: 'delivered',
          timestamp: '1736928400',
          recipient_id: `91${n.statusRecipient}`,
        },
      ],
    }),
    JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '1',
          changes: [
            {
              field: 'messages',
              value: {
                contacts: [{ profile: { name: 'Kamla Prasad' }, wa_id: Number(`91${n.numericWaId}`) }],
                messages: [
                  {
                    from: Number(`91${n.numericWaId}`),
                    id: wamid(`91${n.numericWaId}`, 'N1'),
                    timestamp: 1736928500,
                    type: 'text',
                    text: { body: 'numeric wa_id' },
                  },
                ],
              },
            },
          ],
        },
      ],
    }),
    // Broken lines: truncated inside the text, a wrong type, bytes that are not UTF-8.
    webhook(
      { waId: `91${n.truncatedLine}`, name: names[2] },
      {
        id: wamid(`91${n.truncatedLine}`, 'T1'),
        timestamp: '1736928600',
        type: 'text',
        text: { body: `call ${n.truncatedLine} now please` },
      },
    ).slice(0, -60),
    webhook(
      { waId: `91${n.truncatedLine}`, name: names[2] },
      {
        id: wamid(`91${n.truncatedLine}`, 'T2'),
        timestamp: 'soon',
        type: 'text',
        text: { body: `or ${n.inMessageText}` },
      },
    ),
    withInvalidUtf8(
      webhook(
        { waId: `91${n.invalidUtf8Line}`, name: names[3] },
        {
          id: wamid(`91${n.invalidUtf8Line}`, 'U1'),
          timestamp: '1736928700',
          type: 'text',
          text: { body: 'bad bytes @' },
        },
      ),
    ),
  ];
  const webhooks = writeFile(
    dir,
    `tips-${n.inFileName}.jsonl`,
    Buffer.concat(lines.flatMap((l) => [Buffer.from(l), Buffer.from('\n')])),
  );

  const header = [...Object.keys(tipCase()), 'informant_mobile', 'informant_name'];
  const cases = writeFile(
    dir,
    'cases.csv',
    casesCsv(
      [
        {
          ...tipCase({ text: `नंबर ${devanagari('63987 65432')} पर शराब मिलती है` }),
          informant_mobile: `+91 ${n.inInformantColumn}`,
          informant_name: names[0],
        },
        {
          ...tipCase({
            tip_id: 'TIP-2',
            action_note: `spoke to +91-94500-11223`,
            action_taken_at: '2025-01-16T13:32:00+05:30',
          }),
          informant_mobile: '',
          informant_name: '',
        },
        {
          ...tipCase({ tip_id: 'TIP-3', category: 'no such category', text: `caller 93000 12345` }),
          informant_mobile: `0${n.inInformantColumn}`,
          informant_name: names[1],
        },
      ],
      header,
    ),
  );
  return [webhooks, cases];
}

const dbs: DuckDb[] = [];
afterAll(() => dbs.forEach((d) => d.close()));

describe.each(lakeKinds)('informant anonymity on a $kind lake', ({ make }) => {
  it('leaves no number, name or id of an informant anywhere in the lake, its logs or its summaries', async () => {
    const t = make();
    const logs: string[] = [];
    const lake = openLake(
      t.env.CRIMELAKE_LAKE!,
      t.config,
      createLogger('debug', (line) => logs.push(line)),
    );
    const db = await openDuckDb();
    dbs.push(db);
    const dir = tempDir('tips-anon');
    const files = inputs(dir);

    // The scan finds what it looks for: every number, name and secret is in the inputs.
    const input =
      files.map((f) => fs.readFileSync(f, 'latin1') + fs.readFileSync(f, 'utf8')).join('\n') + files.join('\n');
    const present = new Set(leaks(input));
    for (const n of Object.values(numbers)) expect(present.has(`digits:${n}`), n).toBe(true);
    for (const s of [...names, ...otherSecrets]) expect(present.has(s), s).toBe(true);
    expect(present.has(base64Cores(`91${numbers.sender}`)[0]!)).toBe(true);

    const summaries: IngestSummary[] = [];
    for (const f of files) summaries.push(await ingestTipsFile({ lake, db, informantKey: testKey }, f));
    for (const f of files) summaries.push(await ingestTipsFile({ lake, db, informantKey: testKey }, f));
    expect(summaries[0]).toMatchObject({ rowsIn: 12, rowsLanded: 9, rowsQuarantined: 3 });
    expect(summaries[1]).toMatchObject({ rowsIn: 3, rowsLanded: 2, rowsQuarantined: 1 });
    expect(summaries.slice(2).every((s) => s.alreadyIngested)).toBe(true);

    const found: string[] = [];
    const check = (where: string, text: string) => found.push(...leaks(text).map((l) => `${where}: ${l}`));
    let objects = 0;
    let parquetFiles = 0;
    let values = 0;
    const scratch = tempDir('tips-anon-scan');
    for await (const o of lake.storage.list('')) {
      objects++;
      check(`key ${o.key}`, o.key);
      const bytes = await lake.storage.get(o.key);
      check(o.key, bytes.toString('utf8'));
      check(`${o.key} (latin1)`, bytes.toString('latin1'));
      if (!o.key.endsWith('.parquet')) continue;
      // Parquet pages are zstd-compressed: read every value back.
      parquetFiles++;
      const local = path.join(scratch, `${parquetFiles}.parquet`);
      fs.writeFileSync(local, bytes);
      const rows = await db.all(`select * from read_parquet(${sqlString(local)})`);
      for (const row of rows) {
        for (const [col, v] of Object.entries(row)) {
          values++;
          if (v === null) continue;
          check(`${o.key} ${col}`, v instanceof Date ? v.toISOString() : String(v));
        }
      }
    }
    // The S3 read-through cache holds copies of the Parquet files on local disk.
    if (fs.existsSync(t.config.cacheDir)) {
      for (const f of fs.readdirSync(t.config.cacheDir, { recursive: true }) as string[]) {
        const full = path.join(t.config.cacheDir, f);
        if (fs.statSync(full).isFile()) check(`cache ${f}`, f + fs.readFileSync(full, 'latin1'));
      }
    }
    check('logs', logs.join('\n'));
    check('summaries', JSON.stringify(summaries));

    expect(found).toEqual([]);
    // What was scanned: raw copies, their sha256, every table's Parquet, quarantine, catalog and ledger.
    const keys: string[] = [];
    for await (const o of lake.storage.list('')) keys.push(o.key);
    for (const prefix of [
      'raw/tips/',
      'tables/tip_messages/',
      'tables/tip_media/',
      'tables/tips/',
      'tables/tip_events/',
      'quarantine/',
      '_catalog/tables/',
      '_catalog/ingests/tips/',
    ]) {
      expect(
        keys.some((k) => k.startsWith(prefix)),
        prefix,
      ).toBe(true);
    }
    expect(keys.filter((k) => k.startsWith('raw/tips/') && k.endsWith('.sha256'))).toHaveLength(2);
    expect(objects).toBe(keys.length);
    expect(parquetFiles).toBe(5); // tip_messages, tip_media, tips, tip_events, quarantine
    expect(values).toBeGreaterThan(200);
    expect(logs.length).toBeGreaterThan(5);
  });
});
