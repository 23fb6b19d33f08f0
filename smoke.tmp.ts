import fs from 'node:fs';
import { openDuckDb } from './lake/duckdb.ts';
import { attachLake } from './lake/session.ts';
import os from 'node:os'; import path from 'node:path';
import { loadConfig } from './lake/config.ts'; import { openLake } from './lake/lake.ts'; import { silentLogger } from './lake/log.ts';
import { ingestSocialFile } from './ingestors/social/ingest-social.ts';
import { loadProfile } from './ingestors/profile.ts';
const d = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-')); const env = { CRIMELAKE_LAKE: d, CRIMELAKE_CACHE_DIR: d + '/.cache' }; const t = { lake: openLake(d, loadConfig(env), silentLogger) };
const db = await openDuckDb();
const dir = 'ingestors/social/samples';
for (const f of fs.readdirSync(dir).filter((f) => /\.(json|csv)$/.test(f)).sort()) {
  const s = await ingestSocialFile({ lake: t.lake, db, informantKey: 'a-test-key-of-32-characters-long' } as never, `${dir}/${f}`);
  console.log(f, s.rowsIn, s.rowsLanded, s.rowsQuarantined, s.tables.map((x) => `${x.table}+${x.rows}`).join(' '), JSON.stringify(s.rejects));
}
const s = await ingestSocialFile({ lake: t.lake, db, profile: loadProfile(`${dir}/profile-example.yaml`, 'social') }, `${dir}/variant/account_stats_suite.csv`);
console.log('variant', s.rowsIn, s.rowsLanded, JSON.stringify(s.rejects));
const r = await openDuckDb();
await attachLake(r, t.lake);
console.table(await r.all(`select platform, post_id, kind, parent_id, thread_id, account, author_id, author_name, author_handle, is_police_account, language, like_count, reply_count, share_count, impression_count, month from social_posts order by platform, created_at`));
console.table(await r.all(`select platform, account, state, date::varchar d, followers, reach, impressions, is_own_account, source_file from social_account_stats order by platform, account, date`));
console.log(await r.all(`select text from social_posts where kind='dm'`));
