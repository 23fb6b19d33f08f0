/**
 * A lake under `s3://bucket/prefix` on MinIO or any S3, through @aws-sdk/client-s3.
 * Whole-object PUTs are atomic on S3; conditional writes (`If-None-Match: *`) give `ifAbsent`.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  CopyObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Config } from './config.ts';

import {
  checkKey,
  checkPrefix,
  joinKey,
  NotFoundError,
  StorageError,
  tempPathFor,
  type ObjectInfo,
  type PutOptions,
  type Storage,
} from './storage.ts';

/** putFile: parts of 16 MiB, 4 in flight (64 MiB of buffers at most per upload). */
export const MULTIPART_PART_SIZE = 16 * 1024 * 1024;
export const MULTIPART_QUEUE_SIZE = 4;
/** DeleteObjects takes at most 1000 keys per request. */
const DELETE_BATCH = 1000;
/** S3 answers 409 while another conditional write to the key is in flight; then we ask again. */
const CONDITIONAL_CONFLICT_RETRIES = 4;

export interface S3Location {
  bucket: string;
  /** '' or ending with '/'. */
  prefix: string;
}

/** `s3://bucket/some/prefix` → { bucket, prefix: 'some/prefix/' }. */
export function parseS3Uri(uri: string): S3Location {
  const match = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(uri);
  const bucket = match?.[1];
  if (bucket === undefined) {
    throw new Error(`invalid S3 lake URI ${JSON.stringify(uri)}: expected s3://bucket or s3://bucket/prefix`);
  }
  const prefix = joinKey(match?.[2] ?? '');
  return { bucket, prefix: prefix === '' ? '' : `${prefix}/` };
}

export class S3Storage implements Storage {
  readonly kind = 's3' as const;
  readonly uri: string;
  readonly bucket: string;
  /** '' or ending with '/'. */
  readonly prefix: string;
  readonly client: S3Client;

  constructor(uri: string, config: Config, client?: S3Client) {
    const { bucket, prefix } = parseS3Uri(uri);
    this.bucket = bucket;
    this.prefix = prefix;
    this.uri = `s3://${bucket}/${prefix}`;
    this.client = client ?? createS3Client(config);
  }

  localPath(): string | undefined {
    return undefined;
  }

  async put(key: string, body: Uint8Array | string, options: PutOptions = {}): Promise<boolean> {
    const input = {
      Bucket: this.bucket,
      Key: this.fullKey(key),
      Body: body,
      // Stated, so the SDK need not guess (it warns on an empty body otherwise).
      ContentLength: typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength,
      ContentType: options.contentType,
      IfNoneMatch: options.ifAbsent ? '*' : undefined,
    };
    for (let attempt = 0; ; attempt++) {
      try {
        await this.client.send(new PutObjectCommand(input));
        return true;
      } catch (err) {
        if (options.ifAbsent && isPreconditionFailed(err)) return false;
        if (options.ifAbsent && isConditionalConflict(err) && attempt < CONDITIONAL_CONFLICT_RETRIES) {
          await sleep(100 * 2 ** attempt);
          continue;
        }
        throw new StorageError('put', this.uri, key, err);
      }
    }
  }

  /**
   * Single PUT below the part size, multipart above. With `ifAbsent`, an existing object is kept
   * (the condition is checked when the upload completes).
   */
  async putFile(key: string, localPath: string, options: PutOptions = {}): Promise<void> {
    const fullKey = this.fullKey(key);
    // Retried activities re-land the same files: skip the upload when the object is there
    // already (the condition on the write still settles a race).
    if (options.ifAbsent && (await this.head(key)) !== undefined) return;
    const upload = new Upload({
      client: this.client,
      params: {
        Bucket: this.bucket,
        Key: fullKey,
        Body: createReadStream(localPath),
        ContentType: options.contentType,
        IfNoneMatch: options.ifAbsent ? '*' : undefined,
      },
      partSize: MULTIPART_PART_SIZE,
      queueSize: MULTIPART_QUEUE_SIZE,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (err) {
      if (options.ifAbsent && isPreconditionFailed(err)) return;
      throw new StorageError('putFile', this.uri, key, err);
    }
  }

  async get(key: string): Promise<Buffer> {
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.fullKey(key) }));
      if (!res.Body) throw new Error('empty response body');
      return Buffer.from(await res.Body.transformToByteArray());
    } catch (err) {
      throw this.notFoundOr(err, 'get', key);
    }
  }

  async getToFile(key: string, localPath: string): Promise<void> {
    const target = path.resolve(localPath);
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = tempPathFor(target);
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.fullKey(key) }));
      if (!(res.Body instanceof Readable)) throw new Error('response body is not a Node stream');
      await pipeline(res.Body, createWriteStream(tmp));
      await rename(tmp, target);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw this.notFoundOr(err, 'getToFile', key);
    }
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    try {
      const res = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.fullKey(key) }));
      return {
        key,
        size: res.ContentLength ?? 0,
        etag: stripQuotes(res.ETag ?? ''),
        lastModified: res.LastModified ?? new Date(0),
      };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw new StorageError('head', this.uri, key, err);
    }
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    checkPrefix(this.uri, prefix);
    const pages = paginateListObjectsV2(
      { client: this.client, pageSize: 1000 },
      { Bucket: this.bucket, Prefix: this.prefix + prefix },
    );
    try {
      for await (const page of pages) {
        for (const object of page.Contents ?? []) {
          const full = object.Key;
          // Folder markers ('…/') made by other tools are not objects of the lake.
          if (full === undefined || full.endsWith('/')) continue;
          yield {
            key: full.slice(this.prefix.length),
            size: object.Size ?? 0,
            etag: stripQuotes(object.ETag ?? ''),
            lastModified: object.LastModified ?? new Date(0),
          };
        }
      }
    } catch (err) {
      throw new StorageError('list', this.uri, prefix, err);
    }
  }

  async delete(keys: readonly string[]): Promise<void> {
    const fullKeys = keys.map((k) => this.fullKey(k));
    for (let i = 0; i < fullKeys.length; i += DELETE_BATCH) {
      const batch = fullKeys.slice(i, i + DELETE_BATCH);
      let res;
      try {
        res = await this.client.send(
          new DeleteObjectsCommand({
            Bucket: this.bucket,
            Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
          }),
        );
      } catch (err) {
        throw new StorageError('delete', this.uri, describeKeys(batch, this.prefix), err);
      }
      // Deleting a missing key is a success on S3; anything reported here is a real failure.
      const failed = res.Errors ?? [];
      if (failed.length > 0) {
        const first = failed[0];
        const key = (first?.Key ?? '').slice(this.prefix.length);
        throw new StorageError(
          'delete',
          this.uri,
          key,
          new Error(`${failed.length} of ${batch.length} keys not deleted; first: ${first?.Code} ${first?.Message}`),
        );
      }
    }
  }

  async copy(fromKey: string, toKey: string): Promise<void> {
    const source = `${this.bucket}/${this.fullKey(fromKey)}`;
    try {
      await this.client.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: this.fullKey(toKey),
          // The copy source is a URL path: encode each segment ('=' and Devanagari included).
          CopySource: source.split('/').map(encodeURIComponent).join('/'),
        }),
      );
    } catch (err) {
      throw this.notFoundOr(err, 'copy', fromKey);
    }
  }

  private fullKey(key: string): string {
    return this.prefix + checkKey(this.uri, key);
  }

  private notFoundOr(err: unknown, op: string, key: string): Error {
    if (err instanceof NotFoundError) return err;
    if (isNotFound(err)) return new NotFoundError(this.uri, key);
    return new StorageError(op, this.uri, key, err);
  }
}

/** An S3 client from the config: endpoint (MinIO) or AWS, path style, static or default credentials. */
export function createS3Client(config: Config): S3Client {
  const accessKeyId = config.AWS_ACCESS_KEY_ID;
  const secretAccessKey = config.AWS_SECRET_ACCESS_KEY;
  return new S3Client({
    region: config.CRIMELAKE_S3_REGION,
    endpoint: config.CRIMELAKE_S3_ENDPOINT,
    forcePathStyle: config.CRIMELAKE_S3_FORCE_PATH_STYLE,
    // Without both keys the SDK's default chain applies (profile, instance role, …).
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
  });
}

interface AwsErrorShape {
  name?: unknown;
  Code?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

function asAwsError(err: unknown): AwsErrorShape {
  return typeof err === 'object' && err !== null ? (err as AwsErrorShape) : {};
}

function statusOf(err: unknown): number | undefined {
  const status = asAwsError(err).$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

/** A missing key. A missing bucket is a configuration error and is not mapped here. */
function isNotFound(err: unknown): boolean {
  const { name, Code } = asAwsError(err);
  if (name === 'NoSuchKey' || Code === 'NoSuchKey') return true;
  // HEAD responses carry no body, hence no error code: a bare 404.
  return name === 'NotFound' || (statusOf(err) === 404 && name !== 'NoSuchBucket');
}

function isPreconditionFailed(err: unknown): boolean {
  const { name } = asAwsError(err);
  return name === 'PreconditionFailed' || statusOf(err) === 412;
}

function isConditionalConflict(err: unknown): boolean {
  const { name } = asAwsError(err);
  return name === 'ConditionalRequestConflict' || statusOf(err) === 409;
}

function describeKeys(fullKeys: readonly string[], prefix: string): string {
  const first = (fullKeys[0] ?? '').slice(prefix.length);
  return fullKeys.length > 1 ? `${first} (and ${fullKeys.length - 1} more)` : first;
}

function stripQuotes(etag: string): string {
  return etag.replace(/^"(.*)"$/, '$1');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
