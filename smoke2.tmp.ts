import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
import { openDuckDb } from './lake/duckdb.ts';
import { attachLake } from './lake/session.ts';
import { loadConfig } from './lake/config.ts'; import { openLake } from './lake/lake.ts'; import { silentLogger } from './lake/log.ts';
import { ingestSocialFile } from './ingestors/social/ingest-social.ts';
const d = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-')); const env = { CRIMELAKE_LAKE: d, CRIMELAKE_CACHE_DIR: d + '/.cache' }; const t = { lake: openLake(d, loadConfig(env), silentLogger) };
const db = await openDuckDb();
const dir = process.argv[2]!;
for (const f of fs.readdirSync(dir).sort()) {
  const t0 = Date.now();
  const s = await ingestSocialFile({ lake: t.lake, db }, `${dir}/${f}`);
  console.log(f, s.rowsIn, s.rowsLanded, s.rowsQuarantined, s.tables.map((x) => `${x.table}+${x.rows}`).join(' '), JSON.stringify(s.rejects.slice(0,3)), Date.now()-t0, 'ms');
}
const r = await openDuckDb();
await attachLake(r, t.lake);
console.table(await r.all(`select platform, kind, is_police_account, account, count(*)::int n from social_posts group by all order by all`));
console.table(await r.all(`select platform, account, max(followers) f, count(*)::int days from social_account_stats where state='Bihar' group by all`));
