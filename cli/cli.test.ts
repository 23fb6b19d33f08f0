import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { firHeaders } from '../schemas/cctns/layout.ts';
import { accused, threeFirs, toCsv, writeAccused, writeFirs } from '../test/util/cctns-fixtures.ts';
import { crimelake } from '../test/util/cli.ts';
import { exampleQueries } from './commands/demo.ts';
import { lakeKinds, tempDir } from '../test/util/lakes.ts';

function extracts(): string {
  const dir = tempDir('cli');
  writeFirs(dir, 'firs.csv', threeFirs());
  writeAccused(dir, 'accused.csv', [accused(), accused({ accused_number: '2', name: 'सुनील कुमार मौर्य' })]);
  return dir;
}

describe.each(lakeKinds)('crimelake CLI on a $kind lake', ({ make }) => {
  it('ingests a folder and answers SQL by plain table names', async () => {
    const { env } = make();
    const ingest = await crimelake(['ingest', 'cctns', extracts()], env);
    expect(ingest.stderr).toContain('firs.csv: 3 rows in, 3 landed, 0 quarantined');
    expect(ingest.code).toBe(0);

    const sql = await crimelake(
      ['sql', 'select district, count(*) as firs from firs group by 1 order by 1', '--format', 'csv'],
      env,
    );
    expect(sql.code).toBe(0);
    expect(sql.stdout).toBe('district,firs\nGhazipur,1\nJaunpur,2\n');

    const json = await crimelake(
      ['sql', 'select name from fir_accused order by accused_number', '--format', 'json'],
      env,
    );
    expect(JSON.parse(json.stdout)).toEqual([{ name: 'Rajesh Kumar Yadav' }, { name: 'सुनील कुमार मौर्य' }]);

    const tables = await crimelake(['tables'], env);
    expect(tables.code).toBe(0);
    expect(tables.stdout).toMatch(/^firs {2}3 rows, \d+ files — CCTNS First Information Reports/m);
    expect(tables.stdout).toMatch(/^fir_sections {2}5 rows/m);
    expect(tables.stdout).toMatch(/^fir_accused {2}2 rows/m);
    expect(tables.stdout).toContain('registered_at');
  });
});

describe('crimelake demo', () => {
  it('generates, ingests and builds a small range, prints the lake path, and its example queries answer', async () => {
    const dir = tempDir('demo');
    const lake = path.join(dir, 'lake');
    const r = await crimelake(['demo', '--scale', '800', '--data', path.join(dir, 'data')], { CRIMELAKE_LAKE: lake });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Demo lake ready in`);
    expect(r.stdout).toContain(lake);
    expect(r.stderr).toMatch(/firs\.csv: 800 rows in, 800 landed, 0 quarantined/);
    for (const q of exampleQueries) {
      const out = await crimelake(['sql', q, '--format', 'json'], { CRIMELAKE_LAKE: lake });
      expect(out.code, q).toBe(0);
      expect((JSON.parse(out.stdout) as unknown[]).length, q).toBeGreaterThan(0);
    }
  });
});

describe('crimelake CLI', () => {
  it('prints --help for every verb', async () => {
    for (const verb of ['generate', 'ingest', 'transform', 'tables', 'sql', 'demo']) {
      const r = await crimelake([verb, '--help'], {});
      expect(r.code, verb).toBe(0);
      expect(r.stdout + r.stderr, verb).toContain(`crimelake ${verb}`);
    }
  });

  it('reports rejected rows as file:line: field: reason and exits 3', async () => {
    const dir = tempDir('cli-bad');
    const rows = threeFirs();
    fs.writeFileSync(
      path.join(dir, 'firs.csv'),
      toCsv(firHeaders, [rows[0]!, { ...rows[1]!, registered_at: '2024-13-45 10:00' }, rows[2]!]),
    );
    const r = await crimelake(['ingest', 'cctns', path.join(dir, 'firs.csv')], { CRIMELAKE_LAKE: tempDir('lake') });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('firs.csv: 3 rows in, 2 landed, 1 quarantined');
    expect(r.stderr).toContain('firs.csv:3: registered_at: not a date-time (DD/MM/YYYY HH:mm): "2024-13-45 10:00"');
  });

  it('turns errors into one line and a non-zero exit, never a stack trace', async () => {
    const lake = tempDir('lake');
    const cases: [string[], number, RegExp][] = [
      [['ingest', 'nosuch', '.'], 2, /^crimelake: unknown source "nosuch" \(one of: cctns/],
      [['ingest', 'cctns', '/no/such/file.csv'], 1, /^crimelake: \/no\/such\/file\.csv: no such file or folder$/],
      [
        ['sql', 'select * from no_such_table'],
        1,
        /^crimelake: Catalog Error: Table with name no_such_table does not exist/,
      ],
      [['sql', 'select 1', '--format', 'parquet'], 2, /^crimelake: --format parquet needs --out FILE$/],
    ];
    for (const [args, code, message] of cases) {
      const r = await crimelake(args, { CRIMELAKE_LAKE: lake });
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr.trim(), args.join(' ')).toMatch(message);
    }
  });

  it('answers statements typed at the interactive prompt', async () => {
    const lake = tempDir('lake');
    await crimelake(['ingest', 'cctns', extracts()], { CRIMELAKE_LAKE: lake });
    const r = await crimelake(
      ['sql', '--format', 'csv'],
      { CRIMELAKE_LAKE: lake },
      { input: 'select count(*) as n\n  from firs;\nselect nonsense;\nselect 2 as two;\n.quit\n' },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('n\n3\ntwo\n2\n');
    expect(r.stderr).toContain('error: Binder Error');
  });

  it('writes query results to Parquet with --out', async () => {
    const lake = tempDir('lake');
    await crimelake(['ingest', 'cctns', extracts()], { CRIMELAKE_LAKE: lake });
    const out = path.join(tempDir('out'), 'firs.parquet');
    const r = await crimelake(['sql', 'select * from firs', '--format', 'parquet', '--out', out], {
      CRIMELAKE_LAKE: lake,
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('wrote 3 rows');
    expect(fs.readFileSync(out).subarray(0, 4).toString()).toBe('PAR1');
  });
});
