import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { minioEnv } from '../test/util/minio.ts';
import { loadConfig, type Config } from './config.ts';
import { FileStorage } from './file-storage.ts';
import { StorageError, TEMP_PREFIX } from './storage.ts';
import { openStorage } from './open-storage.ts';
import { S3Storage } from './s3-storage.ts';
import { NotFoundError, type ObjectInfo, type Storage } from './storage.ts';

const FIR_KEY = 'tables/firs/district=Jaunpur/month=2024-07/part-1.parquet';
const HINDI_KEY = 'tables/firs/district=जौनपुर/month=2024-07/part-1.parquet';
const HINDI_TEXT = 'प्राथमिकी संख्या 0123/2024, थाना केराकत, जनपद जौनपुर: मोटरसाइकिल चोरी।\n';

interface Backend {
  kind: 'file' | 's3';
  /** A fresh, empty lake URI and the config to open it with. */
  newLake(): Promise<{ uri: string; config: Config }>;
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'crimelake-storage-test-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

let lakeCount = 0;
const backends: Backend[] = [
  {
    kind: 'file',
    newLake: async () => ({ uri: path.join(scratch, `lake-${++lakeCount}`), config: loadConfig({}) }),
  },
  {
    kind: 's3',
    newLake: async () => {
      const env = minioEnv('storage');
      return { uri: env.CRIMELAKE_LAKE, config: loadConfig(env) };
    },
  },
];

async function collect(items: AsyncIterable<ObjectInfo>): Promise<ObjectInfo[]> {
  const out: ObjectInfo[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function keys(storage: Storage, prefix = ''): Promise<string[]> {
  return (await collect(storage.list(prefix))).map((o) => o.key);
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Runs `fn` over `items`, `limit` at a time. */
async function eachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

describe.each(backends)('$kind storage', (backend) => {
  const opened: Storage[] = [];
  async function openLake(): Promise<Storage> {
    const { uri, config } = await backend.newLake();
    const storage = openStorage(uri, config);
    opened.push(storage);
    return storage;
  }
  afterEach(() => {
    for (const s of opened.splice(0)) if (s instanceof S3Storage) s.client.destroy();
  });

  it('opens the right kind', async () => {
    const lake = await openLake();
    expect(lake.kind).toBe(backend.kind);
    expect(lake.uri).toMatch(backend.kind === 'file' ? /^file:\/\/\// : /^s3:\/\/crimelake-test\/t-.+\/$/);
  });

  it('round-trips bytes and text, Devanagari content and keys with =', async () => {
    const lake = await openLake();
    const bytes = new Uint8Array([0, 1, 2, 254, 255]);
    expect(await lake.put(FIR_KEY, bytes)).toBe(true);
    expect(await lake.put(HINDI_KEY, HINDI_TEXT, { contentType: 'text/plain; charset=utf-8' })).toBe(true);
    expect(await lake.put('empty', '')).toBe(true);

    expect([...(await lake.get(FIR_KEY))]).toEqual([...bytes]);
    expect((await lake.get(HINDI_KEY)).toString('utf8')).toBe(HINDI_TEXT);
    expect((await lake.get('empty')).length).toBe(0);
    expect((await lake.head(HINDI_KEY))?.size).toBe(Buffer.byteLength(HINDI_TEXT));
  });

  it('ifAbsent writes only when nothing is there', async () => {
    const lake = await openLake();
    expect(await lake.put('raw/tips/batch-1.json', 'first', { ifAbsent: true })).toBe(true);
    expect(await lake.put('raw/tips/batch-1.json', 'second', { ifAbsent: true })).toBe(false);
    expect((await lake.get('raw/tips/batch-1.json')).toString()).toBe('first');
    // A plain put still overwrites.
    expect(await lake.put('raw/tips/batch-1.json', 'third')).toBe(true);
    expect((await lake.get('raw/tips/batch-1.json')).toString()).toBe('third');
  });

  it('ifAbsent lets exactly one of many concurrent writers win', async () => {
    const lake = await openLake();
    const bodies = Array.from({ length: 8 }, (_, i) => `writer ${i}`);
    const results = await Promise.all(bodies.map((b) => lake.put('commit/lock', b, { ifAbsent: true })));
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = bodies[results.indexOf(true)];
    expect((await lake.get('commit/lock')).toString()).toBe(winner);
    expect(await keys(lake)).toEqual(['commit/lock']);
  });

  it('putFile with moveSource stores the file intact (a folder lake moves it instead of copying)', async () => {
    const lake = await openLake();
    const dir = await mkdtemp(path.join(scratch, 'move-'));
    const source = path.join(dir, 'part-0.parquet');
    const data = randomBytes(64 * 1024 + 7);
    await writeFile(source, data);
    await lake.putFile('tables/t/part-0.parquet', source, { moveSource: true });
    expect(sha256(await lake.get('tables/t/part-0.parquet'))).toBe(sha256(data));
    expect(await readdir(dir)).toEqual(backend.kind === 'file' ? [] : ['part-0.parquet']);
    expect(await keys(lake)).toEqual(['tables/t/part-0.parquet']);
  });

  it('putFile and getToFile a >20 MiB file intact (multipart on S3)', async () => {
    const lake = await openLake();
    const dir = await mkdtemp(path.join(scratch, 'files-'));
    const source = path.join(dir, 'big.parquet');
    const data = randomBytes(21 * 1024 * 1024 + 123);
    await writeFile(source, data);
    const key = 'raw/cctns/ingest_date=2024-07-01/batch-1/firs.csv';

    await lake.putFile(key, source, { contentType: 'application/octet-stream' });
    const info = await lake.head(key);
    expect(info?.size).toBe(data.length);
    // A multipart upload's ETag is "<md5 of part md5s>-<part count>": 16 MiB parts → 2.
    if (backend.kind === 's3') expect(info?.etag).toMatch(/-2$/);

    const target = path.join(dir, 'back', 'again', 'firs.csv');
    await lake.getToFile(key, target);
    expect(sha256(await readFile(target))).toBe(sha256(data));
    expect(await readdir(path.dirname(target))).toEqual(['firs.csv']);

    // ifAbsent on an existing object keeps it, multipart or not.
    const other = path.join(dir, 'other.bin');
    await writeFile(other, randomBytes(data.length));
    await lake.putFile(key, other, { ifAbsent: true });
    expect((await lake.head(key))?.etag).toBe(info?.etag);
    await lake.getToFile(key, target);
    expect(sha256(await readFile(target))).toBe(sha256(data));
  });

  it('putFile of a small file and ifAbsent to a new key', async () => {
    const lake = await openLake();
    const file = path.join(await mkdtemp(path.join(scratch, 'files-')), 'tip.json');
    await writeFile(file, HINDI_TEXT);
    await lake.putFile('raw/tips/tip.json', file, { ifAbsent: true });
    expect((await lake.get('raw/tips/tip.json')).toString()).toBe(HINDI_TEXT);
  });

  it('lists recursively in key (UTF-8 byte) order, filtered by prefix', async () => {
    const lake = await openLake();
    const expected = [
      'Z',
      'a-c',
      'a.d',
      'a/a/z',
      'a/b',
      'a0',
      'b',
      FIR_KEY,
      'tables/firs/district=Jaunpur/month=2024-08/part-1.parquet',
      HINDI_KEY,
      'tables/firs_archive/x',
    ];
    const shuffled = [...expected].sort(() => Math.random() - 0.5);
    for (const key of shuffled) await lake.put(key, key);

    const all = await collect(lake.list(''));
    expect(all.map((o) => o.key)).toEqual(expected);
    for (const o of all) {
      expect(o.size).toBe(Buffer.byteLength(o.key));
      expect(o.etag).not.toBe('');
      expect(o.lastModified).toBeInstanceOf(Date);
    }
    expect(await keys(lake, 'tables/firs/')).toEqual([FIR_KEY, expected[8], HINDI_KEY]);
    expect(await keys(lake, 'tables/firs')).toEqual([FIR_KEY, expected[8], HINDI_KEY, 'tables/firs_archive/x']);
    expect(await keys(lake, 'tables/firs/district=J')).toEqual([FIR_KEY, expected[8]]);
    expect(await keys(lake, 'a/')).toEqual(['a/a/z', 'a/b']);
    expect(await keys(lake, 'a')).toEqual(['a-c', 'a.d', 'a/a/z', 'a/b', 'a0']);
    expect(await keys(lake, 'nothing/')).toEqual([]);
  });

  it('lists more than one page', async () => {
    const lake = await openLake();
    const many = Array.from({ length: 1050 }, (_, i) => `quarantine/tips/batch-1/row-${String(i).padStart(5, '0')}`);
    await eachLimit(many, 32, (k) => lake.put(k, 'x'));
    expect(await keys(lake, 'quarantine/')).toEqual(many);
    await lake.delete(many);
    expect(await keys(lake)).toEqual([]);
  });

  it('keeps lakes apart, including one whose name extends ours', async () => {
    const { uri, config } = await backend.newLake();
    const lake = openStorage(uri, config);
    const sibling = openStorage(`${uri}-sibling`, config);
    opened.push(lake, sibling);
    const other = await openLake();
    await lake.put('tables/a', 'mine');
    await sibling.put('tables/a', 'sibling');
    await other.put('tables/b', 'other');
    expect(await keys(lake)).toEqual(['tables/a']);
    expect(await keys(sibling)).toEqual(['tables/a']);
    expect(await keys(other)).toEqual(['tables/b']);
    expect((await lake.get('tables/a')).toString()).toBe('mine');
    expect(await lake.head('tables/b')).toBeUndefined();
  });

  it('head: size and an etag that changes on overwrite', async () => {
    const lake = await openLake();
    expect(await lake.head(FIR_KEY)).toBeUndefined();
    const before = Date.now();
    await lake.put(FIR_KEY, 'aaaa');
    const first = await lake.head(FIR_KEY);
    expect(first?.key).toBe(FIR_KEY);
    expect(first?.size).toBe(4);
    expect(Math.abs((first?.lastModified.getTime() ?? 0) - before)).toBeLessThan(60_000);

    await lake.put(FIR_KEY, 'bbbb'); // same size, right away
    const second = await lake.head(FIR_KEY);
    expect(second?.etag).not.toBe(first?.etag);
    await lake.put(FIR_KEY, 'cccccc');
    const third = await lake.head(FIR_KEY);
    expect(third?.size).toBe(6);
    expect(new Set([first?.etag, second?.etag, third?.etag]).size).toBe(3);
    // A folder-like prefix is not an object.
    expect(await lake.head('tables/firs')).toBeUndefined();
  });

  it('delete removes objects and ignores missing keys', async () => {
    const lake = await openLake();
    await lake.put(FIR_KEY, 'x');
    await lake.put(HINDI_KEY, 'y');
    await lake.put('tables/keep', 'z');
    await lake.delete([FIR_KEY, HINDI_KEY, 'tables/never-was', 'tables/firs']);
    await expect(lake.get(FIR_KEY)).rejects.toBeInstanceOf(NotFoundError);
    expect(await keys(lake)).toEqual(['tables/keep']);
    await lake.delete([]);
    await lake.delete(['tables/keep', 'tables/keep']);
    expect(await keys(lake)).toEqual([]);
  });

  it('copy duplicates an object and overwrites the target', async () => {
    const lake = await openLake();
    await lake.put(FIR_KEY, HINDI_TEXT);
    await lake.put(HINDI_KEY, 'old');
    await lake.copy(FIR_KEY, HINDI_KEY);
    expect((await lake.get(HINDI_KEY)).toString()).toBe(HINDI_TEXT);
    expect((await lake.get(FIR_KEY)).toString()).toBe(HINDI_TEXT);
    await lake.copy(FIR_KEY, 'published/weekly/2024-W27/firs.parquet');
    expect(await keys(lake, 'published/')).toEqual(['published/weekly/2024-W27/firs.parquet']);
  });

  it('throws NotFoundError for missing objects', async () => {
    const lake = await openLake();
    const missing = 'tables/firs/district=Ghazipur/part-9.parquet';
    const err = await lake.get(missing).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({ key: missing, uri: lake.uri });
    expect(String(err)).toContain(missing);

    const target = path.join(scratch, `never-${backend.kind}.parquet`);
    await expect(lake.getToFile(missing, target)).rejects.toBeInstanceOf(NotFoundError);
    await expect(readFile(target)).rejects.toThrow(/ENOENT/);
    await expect(lake.copy(missing, 'elsewhere')).rejects.toBeInstanceOf(NotFoundError);
    expect(await keys(lake)).toEqual([]);
  });

  it('rejects keys that are not plain relative keys', async () => {
    const lake = await openLake();
    for (const bad of ['', '/abs', '../escape', 'a/../../b', 'a//b', 'a/./b', 'trailing/', 'back\\slash']) {
      await expect(lake.put(bad, 'x'), bad).rejects.toThrow(/invalid key/);
    }
    await expect(collect(lake.list('../'))).rejects.toThrow(/invalid key/);
  });
});

describe('FileStorage', () => {
  it('gives local paths, hides temp files, wraps errors, prunes empty folders', async () => {
    const lake = new FileStorage(path.join(scratch, 'file-only'));
    await lake.put(FIR_KEY, 'x');
    const local = lake.localPath(FIR_KEY);
    expect(path.isAbsolute(local)).toBe(true);
    expect(local).toBe(path.join(lake.root, ...FIR_KEY.split('/')));
    expect(await readFile(local, 'utf8')).toBe('x');
    await writeFile(path.join(path.dirname(local), `${TEMP_PREFIX}abandoned`), 'partial');
    expect(await keys(lake)).toEqual([FIR_KEY]);
    await rm(path.join(path.dirname(local), `${TEMP_PREFIX}abandoned`));

    // The key's parent is an object, not a folder: a real error, wrapped with uri and key.
    const err = await lake.put(`${FIR_KEY}/child`, 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect(String(err)).toContain(lake.uri);
    expect(String(err)).toContain(`${FIR_KEY}/child`);
    expect((err as Error).cause).toBeInstanceOf(Error);

    // Deleting the last object of a folder removes the folders it leaves empty.
    await lake.delete([FIR_KEY]);
    expect(await readdir(lake.root)).toEqual([]);
  });
});

describe('S3Storage', () => {
  it('has no local paths; errors other than a missing key are wrapped', async () => {
    const env = minioEnv('s3-only');
    const config = loadConfig(env);
    const lake = openStorage(env.CRIMELAKE_LAKE, config);
    const nowhere = openStorage('s3://crimelake-no-such-bucket/lake', config);
    try {
      expect(lake.localPath(FIR_KEY)).toBeUndefined();
      const err = await nowhere.get(FIR_KEY).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StorageError);
      expect(err).not.toBeInstanceOf(NotFoundError);
      expect(String(err)).toContain('s3://crimelake-no-such-bucket/lake/');
      expect(String(err)).toContain(FIR_KEY);
      expect((err as Error).cause).toMatchObject({ name: 'NoSuchBucket' });
    } finally {
      for (const s of [lake, nowhere]) if (s instanceof S3Storage) s.client.destroy();
    }
  });
});

describe('openStorage', () => {
  const config = loadConfig({});

  it('opens folders from file URIs and absolute or relative paths', () => {
    const abs = openStorage('file:///srv/crimelake/lake', config);
    expect(abs).toBeInstanceOf(FileStorage);
    expect(abs.localPath('a/b')).toBe(path.resolve('/srv/crimelake/lake/a/b'));
    expect(abs.uri).toBe('file:///srv/crimelake/lake');

    expect(openStorage('/srv/lake', config).localPath('k')).toBe(path.resolve('/srv/lake/k'));
    expect(openStorage('./lake', config).localPath('k')).toBe(path.join(process.cwd(), 'lake', 'k'));
    expect(openStorage('lake', config).kind).toBe('file');
  });

  it('opens S3 lakes with or without a prefix', () => {
    const withPrefix = openStorage('s3://scrb-lake/prod/v1/', config);
    expect(withPrefix).toBeInstanceOf(S3Storage);
    expect(withPrefix).toMatchObject({ bucket: 'scrb-lake', prefix: 'prod/v1/', uri: 's3://scrb-lake/prod/v1/' });
    const bare = openStorage('s3://scrb-lake', config);
    expect(bare).toMatchObject({ bucket: 'scrb-lake', prefix: '', uri: 's3://scrb-lake/' });
    for (const s of [withPrefix, bare]) if (s instanceof S3Storage) s.client.destroy();
  });

  it('rejects anything else, naming the URI', () => {
    for (const bad of ['http://example.org/lake', 'gs://bucket/lake', 's3:/bucket/lake', 's3://', 'file://server/share', '']) {
      expect(() => openStorage(bad, config), bad).toThrow(bad === '' ? /empty lake URI/ : bad);
    }
  });
});
