/**
 * Command-line entry: `npx tsx generator/run.ts --out demo-data --firs 100000 --seed 42
 * [--start 2023-01-01] [--end 2025-06-29]`. Progress goes to stderr; the summary (JSON) to stdout.
 */
import { parseArgs } from 'node:util';
import { generate } from './index.ts';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    firs: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    start: { type: 'string' },
    end: { type: 'string' },
  },
});
if (!values.out) {
  process.stderr.write(
    'usage: tsx generator/run.ts --out DIR [--firs N] [--seed S] [--start YYYY-MM-DD] [--end YYYY-MM-DD]\n',
  );
  process.exit(2);
}
const began = Date.now();
let lastReport = 0;
const summary = await generate({
  outDir: values.out,
  firs: Number(values.firs),
  seed: Number(values.seed),
  ...(values.start ? { start: values.start } : {}),
  ...(values.end ? { end: values.end } : {}),
  onProgress: (done, total) => {
    const now = Date.now();
    if (now - lastReport > 5000 || done === total) {
      lastReport = now;
      process.stderr.write(`${new Date(now).toISOString()} info  generating firs done=${done} total=${total}\n`);
    }
  },
});
process.stderr.write(
  `${new Date().toISOString()} info  generated seconds=${((Date.now() - began) / 1000).toFixed(1)}\n`,
);
process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
