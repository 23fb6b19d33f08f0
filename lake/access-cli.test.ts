import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { accessLake, accessUsersYaml, type AccessLake } from '../test/util/access-lake.ts';
import { crimelake } from '../test/util/cli.ts';
import { tempDir } from '../test/util/lakes.ts';
import { withDuckDb } from './duckdb.ts';
import { attachLake } from './session.ts';

let t: AccessLake;
let env: Record<string, string>;

beforeAll(async () => {
  t = await accessLake();
  const file = path.join(tempDir('access'), 'access.yaml');
  fs.writeFileSync(file, accessUsersYaml);
  env = { ...(t.env as Record<string, string>), CRIMELAKE_ACCESS_CONFIG: file };
});

describe('crimelake sql --as', () => {
  it('masks for an analyst, limits an investigator, and refuses escapes with exit 1', async () => {
    const a = await crimelake(['sql', '--as', 'asha', '--format', 'csv', 'select name from fir_accused order by district'], env);
    expect(a).toMatchObject({ code: 0, stdout: 'name\n[masked]\n[masked]\n' });
    const i = await crimelake(['sql', '--as', 'vikram', '--format', 'csv', 'select name from fir_accused'], env);
    expect(i.stdout).toBe('name\nराम कुमार\n');
    const refused = await crimelake(['sql', '--as', 'vikram', "select name from fir_accused where district = 'Ghazipur'"], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/district Ghazipur is not granted to vikram/);
    const escape = await crimelake(['sql', '--as', 'asha', "copy firs to '/tmp/leak.csv'"], env);
    expect(escape.stderr).toMatch(/COPY is not allowed/);
    const noToken = await crimelake(['sql', '--as', 'asha', 'select 1'], { ...env, CRIMELAKE_TOKEN_ASHA: '' });
    expect(noToken.stderr).toMatch(/CRIMELAKE_TOKEN_ASHA/);
  });
});

describe('crimelake profile --as', () => {
  it('refuses analysts, limits investigators to their districts, and audits every lookup', async () => {
    const analyst = await crimelake(['profile', 'search', '--as', 'asha', 'Ram Kumar'], env);
    expect(analyst.code).toBe(1);
    expect(analyst.stdout).toBe('');
    expect(analyst.stderr).toMatch(/offender profiles are for investigators and admins; asha is an analyst/);

    const ids = (stdout: string) => (JSON.parse(stdout) as { person_id: string }[]).map((r) => r.person_id);
    const near = await crimelake(['profile', 'search', '--as', 'vikram', '--format', 'json', 'Ram Kumar'], env);
    expect(near.code, near.stderr).toBe(0);
    expect(ids(near.stdout)).toContain('PJAUNPUR001');
    const far = await crimelake(['profile', 'search', '--as', 'vikram', '--format', 'json', 'Shyam Lal'], env);
    expect(far.code, far.stderr).toBe(0);
    expect(ids(far.stdout)).not.toContain('PGHAZIPUR01');

    const own = await crimelake(['profile', 'show', '--as', 'vikram', 'PJAUNPUR001'], env);
    expect(own.code, own.stderr).toBe(0);
    expect(own.stdout).toContain('PJAUNPUR001  Ram Kumar (राम कुमार)');
    const other = await crimelake(['profile', 'show', '--as', 'vikram', 'PGHAZIPUR01'], env);
    expect(other.code).toBe(1);
    expect(other.stdout).toBe('');
    expect(other.stderr).toMatch(/PGHAZIPUR01 \(ghazipur\) is outside the districts granted to vikram \(Jaunpur\)/);
    const admin = await crimelake(['profile', 'show', '--as', 'root', '--format', 'json', 'PGHAZIPUR01'], env);
    expect(admin.code, admin.stderr).toBe(0);
    expect((JSON.parse(admin.stdout) as { profile: { name: string } }).profile.name).toBe('Shyam Lal');
    const noToken = await crimelake(['profile', 'show', '--as', 'vikram', 'PJAUNPUR001'], {
      ...env,
      CRIMELAKE_TOKEN_VIKRAM: '',
    });
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toMatch(/CRIMELAKE_TOKEN_VIKRAM/);

    const audited = await withDuckDb(t.config, async (db) => {
      await attachLake(db, t.lake);
      return db.all<Record<string, unknown>>(
        `select user_name, role, action, target, row_count, outcome, channel from audit
         where action <> 'sql' order by occurred_at`,
      );
    });
    expect(audited).toEqual([
      {
        user_name: 'asha',
        role: 'analyst',
        action: 'profile_search',
        target: 'name: Ram Kumar',
        row_count: 0,
        outcome: 'refused',
        channel: 'cli',
      },
      expect.objectContaining({ user_name: 'vikram', action: 'profile_search', target: 'name: Ram Kumar', outcome: 'ok' }),
      expect.objectContaining({ user_name: 'vikram', action: 'profile_search', target: 'name: Shyam Lal', outcome: 'ok' }),
      expect.objectContaining({ user_name: 'vikram', action: 'profile_view', target: 'PJAUNPUR001', row_count: 1, outcome: 'ok' }),
      expect.objectContaining({ user_name: 'vikram', action: 'profile_view', target: 'PGHAZIPUR01', row_count: 0, outcome: 'refused' }),
      expect.objectContaining({ user_name: 'root', role: 'admin', action: 'profile_view', outcome: 'ok' }),
      expect.objectContaining({ user_name: 'anonymous', role: 'none', action: 'profile_view', outcome: 'refused' }),
    ]);
    expect(audited.every((r) => r.channel === 'cli')).toBe(true);
  });

  it('without --as is the local admin, unaudited', async () => {
    const local = await crimelake(['profile', 'search', '--format', 'json', 'Shyam Lal'], env);
    expect(local.code, local.stderr).toBe(0);
    expect(local.stdout).toContain('PGHAZIPUR01');
  });
});
