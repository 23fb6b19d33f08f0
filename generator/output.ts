/**
 * Streaming output: buffered writes to fs write streams that honour backpressure, and RFC 4180
 * CSV quoting. Nothing builds a whole file in memory.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

const chunkChars = 256 * 1024;

/** One CSV field: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(value: string | number | undefined | null): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'number' ? String(value) : value;
  if (/[",\r\n]/.test(text)) return '"' + text.replace(/"/g, '""') + '"';
  return text;
}

export function csvLine(values: readonly (string | number | undefined | null)[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    out += csvField(values[i]);
  }
  return out + '\n';
}

/** A text file written through a write stream in large chunks; `flush` awaits 'drain'. */
export class StreamFile {
  private parts: string[] = [];
  private pendingChars = 0;
  private stream: WriteStream | undefined;
  private failure: Error | undefined;
  rows = 0;

  private constructor(readonly path: string) {}

  static async open(path: string): Promise<StreamFile> {
    await mkdir(dirname(path), { recursive: true });
    const file = new StreamFile(path);
    const stream = createWriteStream(path, { encoding: 'utf8', highWaterMark: 1024 * 1024 });
    stream.on('error', (error: Error) => {
      file.failure = error;
    });
    file.stream = stream;
    return file;
  }

  /** Buffer text; callers `await maybeFlush()` at convenient points. */
  write(text: string): void {
    this.parts.push(text);
    this.pendingChars += text.length;
  }

  /** Buffer one CSV row (counted in `rows`). */
  row(values: readonly (string | number | undefined | null)[]): void {
    this.write(csvLine(values));
    this.rows++;
  }

  get needsFlush(): boolean {
    return this.pendingChars >= chunkChars;
  }

  async maybeFlush(): Promise<void> {
    if (this.pendingChars >= chunkChars) await this.flush();
  }

  async flush(): Promise<void> {
    const stream = this.requireStream();
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.pendingChars = 0;
    if (!stream.write(text)) {
      await new Promise<void>((resolve, reject) => {
        const onDrain = (): void => {
          stream.off('error', onError);
          resolve();
        };
        const onError = (error: Error): void => {
          stream.off('drain', onDrain);
          reject(error);
        };
        stream.once('drain', onDrain);
        stream.once('error', onError);
      });
    }
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    await this.flush();
    const stream = this.requireStream();
    await new Promise<void>((resolve, reject) => {
      stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
    });
    this.stream = undefined;
    if (this.failure) throw this.failure;
  }

  private requireStream(): WriteStream {
    if (this.failure) throw this.failure;
    if (!this.stream) throw new Error(`${this.path} is already closed`);
    return this.stream;
  }
}

/**
 * Writes a JSON array element by element (`[` … `,` … `]`), used inside larger JSON documents
 * whose head and tail are written around it.
 */
export class JsonArrayWriter {
  private first = true;
  count = 0;

  constructor(private readonly file: StreamFile) {}

  push(value: unknown): void {
    this.file.write((this.first ? '\n' : ',\n') + JSON.stringify(value));
    this.first = false;
    this.count++;
  }
}
