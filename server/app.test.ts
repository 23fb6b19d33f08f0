import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLake, type AccessLake } from '../test/util/access-lake.ts';
import { withDuckDb } from '../lake/duckdb.ts';
import { attachLake } from '../lake/session.ts';
import { startServer, type RunningServer } from './serve.ts';

let t: AccessLake;
let server: RunningServer;

async function call(
  path: string,
  token: string | undefined,
  init: RequestInit = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(server.url + path, { ...init, headers });
  const text = await res.text();
  return { status: res.status, body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : { text } };
}

const sql = (token: string | undefined, q: string, limit?: number) =>
  call('/sql', token, { method: 'POST', body: JSON.stringify({ sql: q, limit }) });

beforeAll(async () => {
  t = await accessLake();
  await t.lake.storage.put('published/weekly-hotspots/2025-W23/report.html', '<html><body>हॉटस्पॉट</body></html>');
  server = await startServer(
    { lake: t.lake, config: t.config, access: t.access, env: t.env },
    { host: '127.0.0.1', port: 0 },
  );
});

afterAll(async () => {
  await server?.close();
});

describe('crimelake serve', () => {
  it('listens on a free loopback port and refuses requests without a valid token', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await sql(undefined, 'select 1')).status).toBe(401);
    const bad = await sql('not-a-token', 'select count(*) from firs');
    expect(bad).toMatchObject({ status: 401, body: { error: 'invalid token' } });
  });

  it('POST /sql: masked for analysts, district-limited for investigators, escapes refused', async () => {
    const a = await sql(t.tokens.analyst, 'select name, district from fir_accused order by district');
    expect(a.status).toBe(200);
    expect(a.body.rows).toEqual([
      { name: '[masked]', district: 'Ghazipur' },
      { name: '[masked]', district: 'Jaunpur' },
    ]);
    const i = await sql(t.tokens.investigator, 'select name from fir_accused');
    expect(i.body.rows).toEqual([{ name: 'राम कुमार' }]);
    const refused = await sql(t.tokens.investigator, "select name from fir_accused where district = 'Ghazipur'");
    expect(refused).toMatchObject({ status: 403, body: { error: expect.stringMatching(/Ghazipur is not granted/) } });
    expect((await sql(t.tokens.analyst, "select * from read_csv('/etc/passwd')")).status).toBe(403);
    expect((await sql(t.tokens.analyst, 'select nonsense from')).status).toBe(400);
    const limited = await sql(t.tokens.admin, 'select fir_id from firs', 1);
    expect(limited.body).toMatchObject({ rowCount: 1, truncated: true });
  });

  it('GET /profiles: investigators within their districts, analysts refused', async () => {
    const s = await call('/profiles/search?name=' + encodeURIComponent('Ram Kumar'), t.tokens.investigator);
    expect(s.status).toBe(200);
    expect((s.body.results as { person_id: string }[]).map((r) => r.person_id)).toContain('PJAUNPUR001');
    const far = await call('/profiles/search?name=' + encodeURIComponent('Shyam Lal'), t.tokens.investigator);
    expect((far.body.results as { person_id: string }[]).map((r) => r.person_id)).not.toContain('PGHAZIPUR01');
    const p = await call('/profiles/PJAUNPUR001', t.tokens.investigator);
    expect(p.status).toBe(200);
    expect((p.body.profile as { name: string }).name).toBe('Ram Kumar');
    const g = await call('/profiles/PGHAZIPUR01', t.tokens.investigator);
    expect(g).toMatchObject({
      status: 403,
      body: { error: expect.stringMatching(/outside the districts granted to vikram/) },
    });
    expect((await call('/profiles/PGHAZIPUR01', t.tokens.admin)).status).toBe(200);
    expect((await call('/profiles/PNOSUCH', t.tokens.admin)).status).toBe(404);
    expect((await call('/profiles/search?name=Ram', t.tokens.analyst)).status).toBe(403);
  });

  it('GET /reports serves published files and lists them, with no path escapes', async () => {
    const r = await fetch(server.url + '/reports/weekly-hotspots/2025-W23/report.html', {
      headers: { authorization: `Bearer ${t.tokens.analyst}` },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    expect(await r.text()).toContain('हॉटस्पॉट');
    const list = await call('/reports/', t.tokens.analyst);
    expect(list.body.files).toEqual(['weekly-hotspots/2025-W23/report.html']);
    expect((await call('/reports/x%2f..%2f..%2f_catalog%2ftables', t.tokens.analyst)).status).toBe(400);
    expect((await call('/reports/%2e%2e/_catalog/tables', t.tokens.analyst)).status).toBe(404);
    expect((await call('/reports/nope.html', t.tokens.analyst)).status).toBe(404);
  });

  it('audits every request, refusals included, and offers no way to change the audit', async () => {
    const rows = await withDuckDb(t.config, async (db) => {
      await attachLake(db, t.lake);
      return db.all<{ user_name: string; action: string; outcome: string }>(
        'select user_name, action, outcome from audit',
      );
    });
    const has = (user: string, action: string, outcome: string) =>
      rows.some((r) => r.user_name === user && r.action === action && r.outcome === outcome);
    expect(has('anonymous', 'sql', 'refused')).toBe(true);
    expect(has('vikram', 'sql', 'refused')).toBe(true);
    expect(has('vikram', 'profile_view', 'refused')).toBe(true);
    expect(has('vikram', 'profile_view', 'ok')).toBe(true);
    expect(has('vikram', 'profile_search', 'ok')).toBe(true);
    expect(has('asha', 'profile_search', 'refused')).toBe(true);
    expect(has('asha', 'sql', 'error')).toBe(true);
    for (const method of ['POST', 'PUT', 'DELETE']) {
      expect((await call('/audit', t.tokens.admin, { method })).status).toBe(404);
    }
    expect((await sql(t.tokens.admin, "delete from audit where user_name = 'vikram'")).status).toBe(403);
  });
});
