import { defineCommand } from 'citty';
import { withDuckDb } from '../../lake/duckdb.ts';
import { buildReport, ReportPeriodError, type ReportName } from '../../reports/builders.ts';
import { cliContext, lakeArgs, runVerb, UsageError } from '../context.ts';

function reportCommand(name: ReportName, description: string, periodArg: 'week' | 'month') {
  return defineCommand({
    meta: { name, description },
    args: {
      [periodArg]: {
        type: 'string',
        required: true,
        description: periodArg === 'week' ? 'ISO week in Asia/Kolkata, e.g. 2025-W23' : 'Month, e.g. 2025-06',
        valueHint: periodArg === 'week' ? 'YYYY-Www' : 'YYYY-MM',
      },
      ...lakeArgs,
    },
    async run({ args }) {
      await runVerb(async () => {
        const { config, lake } = cliContext(args);
        const period = String((args as Record<string, unknown>)[periodArg] ?? '');
        const result = await withDuckDb(config, (db) =>
          buildReport({ lake, db }, name, period).catch((error: unknown) => {
            throw error instanceof ReportPeriodError ? new UsageError(error.message) : error;
          }),
        );
        for (const o of result.manifest.outputs)
          process.stdout.write(`${result.prefix}${o.file}\t${o.bytes}\t${o.sha256}\n`);
        process.stdout.write(`${result.manifestKey}\n`);
        for (const n of result.manifest.notes) process.stderr.write(`note: ${n}\n`);
      });
    },
  });
}

export default defineCommand({
  meta: {
    name: 'report',
    description:
      'Publish a report to published/<report>/<period>/ (report.html, CSV, Parquet, manifest.json); re-running replaces the period',
  },
  subCommands: {
    'weekly-hotspots': reportCommand(
      'weekly-hotspots',
      'Hexagon hotspot map, top hot cells, emerging patterns, weekly trends, thanas by change',
      'week',
    ),
    sensitivity: reportCommand('sensitivity', 'Thanas by sensitivity level with their reasons', 'week'),
    'station-comparison': reportCommand(
      'station-comparison',
      'Thana comparison of a month: counts, change, rates, tips, charge-sheets',
      'month',
    ),
  },
});
