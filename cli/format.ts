/** Query results for the terminal, CSV and JSON (stdout is for data). */
export type Row = Record<string, unknown>;

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'object') return JSON.stringify(v, jsonReplacer);
  return String(v);
}

export function jsonReplacer(_key: string, v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  return v;
}

/** Display width: non-spacing marks (Devanagari virama, anusvara, most matras above/below) take no column. */
function width(s: string): number {
  return s.replace(/[\p{Mn}\p{Me}]/gu, '').length;
}

export function formatTable(columns: string[], rows: Row[], maxWidth = 48): string {
  const cells = rows.map((r) =>
    columns.map((c) => {
      const t = cellText(r[c]).replace(/\s+/g, ' ');
      return width(t) > maxWidth ? t.slice(0, maxWidth - 1) + '…' : t;
    }),
  );
  const widths = columns.map((c, i) => Math.max(width(c), ...cells.map((row) => width(row[i]!))));
  const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));
  const line = (parts: string[]) => '│ ' + parts.map((p, i) => pad(p, widths[i]!)).join(' │ ') + ' │';
  const rule = (l: string, m: string, r: string) => l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r;
  return [
    rule('┌', '┬', '┐'),
    line(columns),
    rule('├', '┼', '┤'),
    ...cells.map(line),
    rule('└', '┴', '┘'),
    `${rows.length} row${rows.length === 1 ? '' : 's'}`,
  ].join('\n');
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? '"' + s.replaceAll('"', '""') + '"' : s;
}

export function formatCsv(columns: string[], rows: Row[]): string {
  return [
    columns.map(csvField).join(','),
    ...rows.map((r) => columns.map((c) => csvField(cellText(r[c]))).join(',')),
  ].join('\n');
}

export function formatJson(rows: Row[]): string {
  return JSON.stringify(rows, jsonReplacer, 2);
}
