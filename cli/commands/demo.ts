import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineCommand } from 'citty';
import { generate } from '../../generator/index.ts';
import { withDuckDb } from '../../lake/duckdb.ts';
import { ingestPath, sourceNames } from '../../ingestors/index.ts';
import { buildModels } from '../../transforms/build.ts';
import { cliContext, displayPath, lakeArgs, runVerb } from '../context.ts';
import { createProgress } from '../progress.ts';
import { reportIngest } from './ingest.ts';
import { parseScale } from './generate.ts';

/** Only `crimelake demo` may use this key, and it says so: real tips need CRIMELAKE_INFORMANT_KEY. */
export const demoInformantKey = 'crimelake-demo-key-not-for-real-data';

export const exampleQueries = [
  'select district, count(*) as firs from firs group by 1 order by 2 desc',
  "select crime_head_id, count(*) as firs from fir_sections where act in ('IPC', 'BNS') group by 1 order by 2 desc limit 10",
  'select a.name, a.father_name, count(*) as firs from fir_accused as a group by 1, 2 having count(*) > 2 order by 3 desc limit 10',
];

export default defineCommand({
  meta: {
    name: 'demo',
    description: 'Generate a small Varanasi range, ingest it and build the derived tables, all on the embedded default',
  },
  args: {
    ...lakeArgs,
    data: {
      type: 'string',
      default: 'data/demo',
      description: 'Folder for the generated source files',
      valueHint: 'dir',
    },
    scale: { type: 'string', default: '5000', description: 'Number of FIRs to generate' },
    seed: { type: 'string', default: '42', description: 'Random seed' },
  },
  async run({ args }) {
    await runVerb(async () => {
      // The demo tells its own story; the per-commit logs are there with CRIMELAKE_LOG_LEVEL=info.
      const { config, lake } = cliContext(args, { CRIMELAKE_LOG_LEVEL: 'warn', ...process.env });
      const started = Date.now();
      const dataDir = path.resolve(args.data);
      process.stderr.write(`1/3 generating ${args.scale} FIRs into ${displayPath(dataDir)}\n`);
      const progress = createProgress('generating FIRs', 'FIRs');
      await generate({
        outDir: dataDir,
        firs: parseScale(args.scale),
        seed: Number(args.seed),
        onProgress: (d, t) => progress.update(d, t),
      }).finally(() => progress.stop());
      await withDuckDb(config, async (db) => {
        process.stderr.write(`2/3 ingesting every source into ${lake.uri}\n`);
        if (!config.CRIMELAKE_INFORMANT_KEY) {
          process.stderr.write(
            'note: CRIMELAKE_INFORMANT_KEY is not set, so the demo pseudonymises tip senders with its built-in demo key; never use it for real data\n',
          );
        }
        const informantKey = config.CRIMELAKE_INFORMANT_KEY ?? demoInformantKey;
        for (const source of sourceNames) {
          const folder = path.join(dataDir, source);
          if (!fs.existsSync(folder)) continue;
          reportIngest(await ingestPath({ lake, db, informantKey }, source, folder));
        }
        process.stderr.write('3/3 building derived tables\n');
        for (const r of await buildModels(lake, db, undefined, { config }))
          process.stderr.write(`  ${r.table}: ${r.rowCount} rows\n`);
      });
      const lakePath = lake.uri.startsWith('file:') ? fileURLToPath(lake.uri) : lake.uri;
      const quote = (q: string) => (/["$`\\]/.test(q) ? `'${q.replaceAll("'", "'\\''")}'` : `"${q}"`);
      const lakeFlag = args.lake ? ` --lake ${args.lake}` : '';
      process.stdout.write(
        [
          '',
          `Demo lake ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${lakePath}`,
          '',
          'Try next:',
          '  npx crimelake tables --brief' + lakeFlag,
          ...exampleQueries.map((q) => `  npx crimelake sql ${quote(q)}${lakeFlag}`),
          '',
        ].join('\n'),
      );
    });
  },
});
