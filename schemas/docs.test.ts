import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderReadme } from './docs.ts';

describe('README', () => {
  it('has its generated sections up to date (run `npm run docs` after changing a contract or the config)', () => {
    const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(renderReadme(readme)).toBe(readme);
  });
  it('gives the two quick-start commands', () => {
    const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm ci && npm test');
  });
});
