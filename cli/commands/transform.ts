import { defineCommand } from 'citty';
import { withDuckDb } from '../../lake/duckdb.ts';
import { buildModels } from '../../transforms/build.ts';
import { models } from '../../transforms/models.ts';
import { cliContext, lakeArgs, runVerb } from '../context.ts';

export default defineCommand({
  meta: { name: 'transform', description: 'Build the derived tables from the lake' },
  args: {
    models: {
      type: 'positional',
      required: false,
      description: `Comma-separated models to build (default: all of ${models.map((m) => m.contract.name).join(', ')})`,
    },
    ...lakeArgs,
  },
  async run({ args }) {
    await runVerb(async () => {
      const { config, lake } = cliContext(args);
      const names = args.models ? args.models.split(',').map((s) => s.trim()) : undefined;
      const results = await withDuckDb(config, (db) =>
        buildModels(lake, db, names, { config, onModel: (name) => process.stderr.write(`building ${name}…\n`) }),
      );
      for (const r of results) {
        process.stderr.write(
          r.skipped
            ? `${r.table}: inputs unchanged, kept version ${r.version}\n`
            : `${r.table}: ${r.rowCount} rows (version ${r.version})\n`,
        );
      }
    });
  },
});
