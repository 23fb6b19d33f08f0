import { defineCommand } from 'citty';
import { describeTables, type TableInfo } from '../../lake/tables-info.ts';
import { tableContracts } from '../../schemas/tables.ts';
import { cliContext, lakeArgs, runVerb } from '../context.ts';

export function formatTableInfo(tables: TableInfo[], withColumns: boolean): string {
  const lines: string[] = [];
  for (const t of tables) {
    lines.push(`${t.name}  ${t.rowCount.toLocaleString('en-IN')} rows, ${t.fileCount} files — ${t.description}`);
    if (!withColumns) continue;
    if (t.grain)
      lines.push(`  grain: ${t.grain}; key: ${t.key.join(', ')}; partitioned by: ${t.partitionBy.join(', ') || '—'}`);
    const w = Math.max(...t.columns.map((c) => c.name.length));
    for (const c of t.columns) lines.push(`  ${c.name.padEnd(w)}  ${c.type.padEnd(11)}  ${c.doc}`);
    lines.push('');
  }
  return lines.join('\n');
}

export default defineCommand({
  meta: { name: 'tables', description: 'List every table with its row count, description and columns' },
  args: {
    name: { type: 'positional', required: false, description: 'Only this table' },
    ...lakeArgs,
    brief: { type: 'boolean', description: 'One line per table, without columns' },
    format: { type: 'enum', options: ['text', 'json'], default: 'text', description: 'Output format' },
  },
  async run({ args }) {
    await runVerb(async () => {
      const { lake } = cliContext(args);
      const tables = (await describeTables(lake, tableContracts)).filter((t) => !args.name || t.name === args.name);
      process.stdout.write(
        args.format === 'json' ? JSON.stringify(tables, null, 2) + '\n' : formatTableInfo(tables, !args.brief) + '\n',
      );
    });
  },
});
