import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { accessLake, accessUsersYaml, type AccessLake } from '../test/util/access-lake.ts';
import { crimelake } from '../test/util/cli.ts';
import { tempDir } from '../test/util/lakes.ts';

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
