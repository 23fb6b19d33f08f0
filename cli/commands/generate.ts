import path from 'node:path';
import { defineCommand } from 'citty';
import { generate } from '../../generator/index.ts';
import { displayPath, runVerb, UsageError } from '../context.ts';
import { createProgress } from '../progress.ts';

/** Reads `--scale` as a count: 5000, 1e6, 1_000_000, 10M, 250k. */
export function parseScale(text: string): number {
  const m = /^(\d+(?:\.\d+)?(?:e\d+)?)\s*([kKmM]?)$/.exec(text.replaceAll('_', '').replaceAll(',', ''));
  const n = m ? Number(m[1]) * ({ k: 1e3, m: 1e6 }[m[2]!.toLowerCase() as 'k' | 'm'] ?? 1) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 20_000_000) {
    throw new UsageError(`--scale must be a number of FIRs from 1 to 20,000,000 (e.g. 5000, 1e6, 10M): "${text}"`);
  }
  return n;
}

export default defineCommand({
  meta: {
    name: 'generate',
    description: 'Generate a synthetic Varanasi range (CCTNS, tips, social, vehicles, groups) with planted truths',
  },
  args: {
    out: { type: 'string', default: 'data/demo', description: 'Output folder', valueHint: 'dir' },
    scale: { type: 'string', default: '5000', description: 'Number of FIRs (e.g. 5000, 1e6, 10M)' },
    seed: { type: 'string', default: '42', description: 'Random seed: the same seed gives the same files' },
    start: { type: 'string', description: 'First registration date (YYYY-MM-DD)' },
    end: { type: 'string', description: 'Last registration date (YYYY-MM-DD)' },
  },
  async run({ args }) {
    await runVerb(async () => {
      const firs = parseScale(args.scale);
      const seed = Number(args.seed);
      if (!Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number: "${args.seed}"`);
      const progress = createProgress('generating FIRs', 'FIRs');
      const summary = await generate({
        outDir: path.resolve(args.out),
        firs,
        seed,
        ...(args.start ? { start: args.start } : {}),
        ...(args.end ? { end: args.end } : {}),
        onProgress: (done, total) => progress.update(done, total),
      }).finally(() => progress.stop());
      for (const f of summary.files) process.stderr.write(`  ${displayPath(f.path)}: ${f.rows} rows\n`);
      process.stderr.write(`ground truth: ${displayPath(summary.groundTruthPath)}\n`);
      process.stdout.write(displayPath(summary.outDir) + '\n');
    });
  },
});
