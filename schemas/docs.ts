import { configSchema } from '../lake/config.ts';
import { columnsOf } from '../lake/contract.ts';
import { tableContracts } from './tables.ts';

/**
 * The README's generated sections (table catalogue, configuration), made from the contracts and
 * the config schema so they are never written twice. `npm run docs` rewrites them; a test fails
 * when the README is stale.
 */
export function renderTableCatalogue(): string {
  const out: string[] = [];
  for (const t of tableContracts) {
    out.push(
      `### \`${t.name}\``,
      '',
      `${t.description}. Grain: ${t.grain}. Key: ${t.key.join(', ')}. Partitioned by: ${t.partitionBy.join(', ') || '—'}.`,
      '',
    );
    out.push('| column | type | description |', '| --- | --- | --- |');
    for (const c of columnsOf(t))
      out.push(`| \`${c.name}\` | ${c.duckType}${c.nullable ? '' : ' not null'} | ${c.doc.replaceAll('|', '\\|')} |`);
    out.push('');
  }
  return out.join('\n');
}

export function renderConfig(): string {
  const out = ['| variable | default | meaning |', '| --- | --- | --- |'];
  for (const [name, schema] of Object.entries(configSchema.shape)) {
    const def = (schema as { def?: { defaultValue?: unknown } }).def?.defaultValue;
    const shown = def === undefined ? '' : `\`${String(def)}\``;
    out.push(`| \`${name}\` | ${shown} | ${schema.description ?? ''} |`);
  }
  return out.join('\n');
}

const sections = { 'table-catalogue': renderTableCatalogue, configuration: renderConfig };

export function renderReadme(readme: string): string {
  let text = readme;
  for (const [name, render] of Object.entries(sections)) {
    const begin = `<!-- BEGIN GENERATED ${name} (npm run docs) -->`;
    const end = `<!-- END GENERATED ${name} -->`;
    const i = text.indexOf(begin);
    const j = text.indexOf(end);
    if (i < 0 || j < i) throw new Error(`README.md has no ${begin} … ${end} block`);
    text = text.slice(0, i + begin.length) + '\n' + render() + '\n' + text.slice(j);
  }
  return text;
}
