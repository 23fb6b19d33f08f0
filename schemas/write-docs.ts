// `npm run docs`: rewrites the README's generated sections from the contracts and config schema.
import fs from 'node:fs';
import { renderReadme } from './docs.ts';

const file = new URL('../README.md', import.meta.url);
fs.writeFileSync(file, renderReadme(fs.readFileSync(file, 'utf8')));
