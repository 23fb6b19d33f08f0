import fs from 'node:fs';
import { parse } from 'csv-parse';

/** One CSV record with the line it starts on and its raw text (for quarantine). */
export interface CsvRecord {
  line: number;
  fields: string[];
  raw: string;
}

export class CsvFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
    this.name = 'CsvFormatError';
  }
}

/**
 * Streams a CSV file's records (header included) with their starting line numbers.
 * Rows with a wrong number of columns are passed through for the caller to quarantine;
 * a structural error (an unclosed quote) stops the file with a CsvFormatError.
 */
export async function* readCsv(
  filePath: string,
  fileName: string,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<CsvRecord> {
  const input = fs.createReadStream(filePath, { highWaterMark: 1 << 20 });
  if (onBytes) {
    let bytes = 0;
    input.on('data', (chunk) => {
      bytes += chunk.length;
      onBytes(bytes);
    });
  }
  const parser = input.pipe(
    parse({
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
    }),
  );
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number }; raw: string }>) {
      const body = item.raw.replace(/^[\r\n]+/, '').replace(/\r?\n$/, '');
      const inner = body.split('\n').length - 1;
      yield { line: item.info.lines - inner, fields: item.record, raw: body };
    }
  } catch (error) {
    const e = error as { lines?: number; message?: string; code?: string };
    if (e.code?.startsWith('CSV_')) {
      throw new CsvFormatError(fileName, e.lines ?? 0, e.message ?? String(error));
    }
    throw error;
  } finally {
    input.destroy();
  }
}
