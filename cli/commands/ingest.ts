import { defineCommand } from 'citty';
import { withDuckDb } from '../../lake/duckdb.ts';
import type { IngestSummary } from '../../ingestors/batch.ts';
import { ingestPath, isSourceName, sourceNames } from '../../ingestors/index.ts';
import { loadProfile } from '../../ingestors/profile.ts';
import { cliContext, displayPath, exitCodes, lakeArgs, runVerb, UsageError } from '../context.ts';
import { createProgress } from '../progress.ts';

/** Prints what an ingest did, and the first rejects as file:line: field: reason. */
export function reportIngest(summaries: IngestSummary[], out: NodeJS.WritableStream = process.stderr): number {
  let rejects = 0;
  for (const s of summaries) {
    const tables = s.tables
      .map((t) => `${t.table} +${t.rows}${t.replaced ? ` (${t.replaced} replaced)` : ''}`)
      .join(', ');
    out.write(
      s.alreadyIngested
        ? `${s.file}: already ingested as batch ${s.batchId}, nothing added\n`
        : `${s.file}: ${s.rowsIn} rows in, ${s.rowsLanded} landed, ${s.rowsQuarantined} quarantined; ${tables}\n`,
    );
    if (s.alreadyIngested) continue;
    rejects += s.rowsQuarantined;
    for (const r of s.rejects) out.write(`  ${s.file}:${r.line}: ${r.field}: ${r.reason}\n`);
    if (s.rowsQuarantined > s.rejects.length) {
      out.write(
        `  … and ${s.rowsQuarantined - s.rejects.length} more: crimelake sql "select * from quarantine where batch_id = '${s.batchId}'"\n`,
      );
    }
  }
  return rejects;
}

export default defineCommand({
  meta: { name: 'ingest', description: 'Ingest a source export (a file or a folder of files) into the lake' },
  args: {
    source: { type: 'positional', required: true, description: `Source: ${sourceNames.join(', ')}` },
    path: { type: 'positional', required: true, description: 'File or folder to ingest' },
    ...lakeArgs,
    profile: {
      type: 'string',
      description: 'Mapping profile (JSON/YAML) for a variant of the export',
      valueHint: 'file',
    },
    format: { type: 'enum', options: ['text', 'json'], default: 'text', description: 'Summary format on stdout' },
    via: {
      type: 'enum',
      options: ['embedded', 'temporal'],
      default: 'embedded',
      description:
        'embedded: ingest in this process; temporal: upload each file and run its ingestFile workflow on Temporal',
    },
  },
  async run({ args }) {
    await runVerb(async () => {
      if (!isSourceName(args.source)) {
        throw new UsageError(`unknown source "${args.source}" (one of: ${sourceNames.join(', ')})`);
      }
      const source = args.source;
      const { config, lake } = cliContext(args);
      const profile = args.profile ? loadProfile(args.profile, source) : undefined;
      if (args.via === 'temporal') {
        const { ingestViaTemporal } = await import('./run.ts');
        return ingestViaTemporal({ config, lake, source, target: args.path, profile, format: args.format });
      }
      const summaries = await withDuckDb(config, async (db) => {
        let progress = createProgress('reading');
        return ingestPath(
          {
            lake,
            db,
            profile,
            informantKey: config.CRIMELAKE_INFORMANT_KEY,
            onProgress: (b, t) => progress.update(b, t),
          },
          source,
          args.path,
          (f, i, n) => {
            progress.stop();
            progress = createProgress(`${i + 1}/${n} ${displayPath(f)}`.slice(-40), 'bytes');
          },
        ).finally(() => progress.stop());
      });
      if (args.format === 'json') process.stdout.write(JSON.stringify(summaries, null, 2) + '\n');
      const rejects = reportIngest(summaries);
      process.stderr.write(`lake: ${lake.uri}\n`);
      return rejects > 0 ? exitCodes.rejects : exitCodes.ok;
    });
  },
});
