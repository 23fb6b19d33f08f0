import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './util/cli.ts';

describe('package-lock.json', () => {
  it('lists every platform build of the native packages, so `npm ci` accepts it on any machine', () => {
    expect(() =>
      execFileSync(process.execPath, ['bin/fix-lockfile.mjs', '--check'], { cwd: repoRoot, stdio: 'pipe' }),
    ).not.toThrow();
  });
});
