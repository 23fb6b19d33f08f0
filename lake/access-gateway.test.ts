import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLake, type AccessLake } from '../test/util/access-lake.ts';
import { AccessDeniedError, principalFromEnv, type Principal } from './access.ts';
import { AuditLog } from './access-audit.ts';
import { GatewayTimeoutError, runAuditedQuery, type GatewayResult } from './access-gateway.ts';
import { withDuckDb } from './duckdb.ts';
import { attachLake } from './session.ts';

let t: AccessLake;
let audit: AuditLog;
const as = (user: string): Principal => principalFromEnv(t.access, user, t.env);
const query = (user: string, sql: string): Promise<GatewayResult> =>
  runAuditedQuery({ lake: t.lake, config: t.config, principal: as(user), sql, channel: 'api', audit });

async function auditRows(): Promise<Record<string, unknown>[]> {
  return withDuckDb(t.config, async (db) => {
    await attachLake(db, t.lake);
    return db.all('select user_name, role, action, target, row_count, outcome, reason from audit order by occurred_at');
  });
}

beforeAll(async () => {
  t = await accessLake();
  audit = new AuditLog(t.lake, t.config);
});

afterAll(() => undefined);

describe('SQL gateway roles', () => {
  it('masks personal fields for analysts, keeps aggregates', async () => {
    const r = await query('asha', 'select district, name, father_name, alias, age from fir_accused order by district');
    expect(r.rows).toEqual([
      { district: 'Ghazipur', name: '[masked]', father_name: '[masked]', alias: null, age: 41 },
      { district: 'Jaunpur', name: '[masked]', father_name: '[masked]', alias: '[masked]', age: 30 },
    ]);
    const f = await query('asha', 'select brief_facts from firs');
    expect(f.rows.every((x) => x.brief_facts === '[masked]')).toBe(true);
    const v = await query('asha', 'select owner_name, maker_model from vehicles');
    expect(v.rows).toEqual([{ owner_name: '[masked]', maker_model: 'Hero Splendor' }]);
  });

  it('shows an investigator the names of granted districts and refuses others', async () => {
    const r = await query('vikram', "select name, district from fir_accused where district = 'Jaunpur'");
    expect(r.rows).toEqual([{ name: 'राम कुमार', district: 'Jaunpur' }]);
    const all = await query('vikram', 'select name, district from fir_accused');
    expect(all.rows.map((x) => x.district)).toEqual(['Jaunpur']);
    await expect(query('vikram', "select name from fir_accused where district = 'Ghazipur'")).rejects.toThrow(
      /district Ghazipur is not granted to vikram/,
    );
    // Aggregate tables stay whole; personal text outside the grant stays masked.
    const firs = await query('vikram', 'select district, brief_facts from firs order by district');
    expect(firs.rows).toEqual([
      { district: 'Ghazipur', brief_facts: '[masked]' },
      { district: 'Jaunpur', brief_facts: 'राम कुमार ने मोटरसाइकिल चुराई' },
    ]);
  });

  it('gives admins everything, read-only', async () => {
    const r = await query('root', "select name from fir_accused where district = 'Ghazipur'");
    expect(r.rows).toEqual([{ name: 'Shyam Lal' }]);
  });

  it('cuts results at the row limit', async () => {
    const r = await runAuditedQuery({ lake: t.lake, config: t.config, principal: as('asha'), sql: 'select * from range(5)', channel: 'api', audit }).catch(
      (e: unknown) => e,
    );
    expect(r).toBeInstanceOf(AccessDeniedError); // range() is a table function
    const limited = await runAuditedQuery({
      lake: t.lake,
      config: { ...t.config, CRIMELAKE_SQL_ROW_LIMIT: 1 },
      principal: as('asha'),
      sql: 'select fir_id from firs',
      channel: 'api',
      audit,
    });
    expect(limited).toMatchObject({ rowCount: 1, truncated: true });
  });

  it('stops a query at the timeout and audits it as an error', async () => {
    const slow = 'with recursive r(n) as (select 1 union all select n + 1 from r where n < 1000000000) select count(*) from r';
    const e = await runAuditedQuery({
      lake: t.lake,
      config: { ...t.config, CRIMELAKE_SQL_TIMEOUT_MS: 200 },
      principal: as('asha'),
      sql: slow,
      channel: 'api',
      audit,
    }).catch((error: unknown) => error);
    expect(e).toBeInstanceOf(GatewayTimeoutError);
    expect((await auditRows()).some((r) => r.target === slow && r.outcome === 'error')).toBe(true);
  });

  const escapes: [string, string, RegExp][] = [
    ['copy', "copy (select * from fir_accused) to '/tmp/crimelake-leak.csv'", /COPY is not allowed/],
    ['attach', "attach ':memory:' as m", /ATTACH is not allowed/],
    ['read_csv', "select * from read_csv('/etc/passwd')", /read_csv\(\) is not allowed/],
    ['file path', "select * from '/etc/passwd'", /reading files is not allowed/],
    ['install', 'install httpfs', /INSTALL is not allowed/],
    ['set', "set enable_external_access = true", /SET is not allowed/],
    ['raw parquet', "select name from read_parquet('tables/fir_accused/**/*.parquet')", /read_parquet\(\) is not allowed/],
    ['catalog views', 'select sql from duckdb_views()', /duckdb_views\(\) is not allowed/],
    ['information schema', 'select * from information_schema.tables', /not allowed: only the lake's tables/],
    ['multiple statements', 'select 1; select name from fir_accused', /multiple statements are not allowed/],
    ['audit', 'select * from audit', /not available to your role/],
    ['subquery read', "select (select count(*) from read_text('/etc/passwd')) as n from firs", /read_text\(\) is not allowed/],
  ];

  it.each(escapes)('refuses %s with a clear error', async (_label, sql, message) => {
    const e = await query('asha', sql).catch((error: unknown) => error);
    expect(e).toBeInstanceOf(AccessDeniedError);
    expect((e as Error).message).toMatch(message);
  });

  it('audits every query with its outcome, refusals included', async () => {
    const rows = await auditRows();
    const mine = (user: string, outcome: string) => rows.filter((r) => r.user_name === user && r.outcome === outcome);
    expect(mine('asha', 'ok').length).toBeGreaterThanOrEqual(3);
    expect(mine('vikram', 'refused')).toEqual([
      expect.objectContaining({ role: 'investigator', action: 'sql', row_count: 0, reason: expect.stringMatching(/Ghazipur/) }),
    ]);
    expect(mine('vikram', 'ok').length).toBe(3);
    for (const [, sql] of escapes) {
      expect(rows.some((r) => r.target === sql && r.outcome === 'refused' && r.user_name === 'asha')).toBe(true);
    }
    expect(rows.some((r) => r.outcome === 'truncated')).toBe(true);
    // Admins can read the audit through the gateway, but never change it.
    const seen = await query('root', "select count(*) as n from audit where outcome = 'refused'");
    expect(Number(seen.rows[0]?.n)).toBeGreaterThan(10);
    await expect(query('root', 'delete from audit')).rejects.toThrow(/DELETE is not allowed/);
  });
});
