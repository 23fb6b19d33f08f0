import { IngestError } from './batch.ts';

/** Where a JSON.parse error happened: line, column and a message for the reject or the error. */
export function jsonErrorAt(text: string, error: unknown): { line: number; column: number; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  const m = /position (\d+)/.exec(message);
  const pos = m ? Number(m[1]) : text.length;
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  const truncated = pos >= text.trimEnd().length ? ' (the file ends inside the JSON: truncated?)' : '';
  return { line, column, message: `not valid JSON at line ${line}, column ${column}${truncated}: ${message}` };
}

/** Parses a whole-file JSON export; a file that does not parse fails naming the line and column. */
export function parseJsonFile(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const at = jsonErrorAt(text, error);
    throw new IngestError(fileName, at.line, undefined, `${at.message}; nothing from this file was ingested`, {
      cause: error,
    });
  }
}
