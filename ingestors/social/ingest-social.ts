import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TableDef } from '../../lake/contract.ts';
import { parseJsonFile } from '../json.ts';
import { createPseudonymiser, type Pseudonymiser } from '../../lake/pseudonym.ts';
import { StagingTable } from '../../lake/staging.ts';
import {
  commitBatch,
  describeFile,
  findIngest,
  IngestError,
  landRaw,
  type IngestContext,
  type IngestSummary,
  type SourceFile,
} from '../batch.ts';
import { completeFromLake, readAccountStatsCsv } from './account-stats.ts';
import { applyJsonProfile, Collector, type JsonObject } from './collector.ts';
import { detectShape, type Shape } from './detect.ts';
import { pseudonymiseDmPage } from './dm-privacy.ts';
import { readFacebook, readInsights, readInstagramComments, readInstagramMedia } from './graph.ts';
import { defaultPoliceAccounts, PoliceAccounts, type PoliceAccount } from './police-accounts.ts';
import { socialAccountStats } from './social_account_stats.ts';
import { socialPosts } from './social_posts.ts';
import { readXDms, readXTweets } from './x.ts';
import { readYoutubeChannels, readYoutubeComments, readYoutubeThreads, snapshotDate } from './youtube.ts';

export const source = 'social';

export interface SocialOptions {
  /** Our police accounts (default: the state police's main accounts, see police-accounts.ts). */
  policeAccounts?: readonly PoliceAccount[];
}

interface Page {
  page: JsonObject;
  /** JSON path of the page in the file: '' for a single response, `[2].` in an array of pages. */
  prefix: string;
  shape: Shape;
}

function pagesOf(doc: unknown, fileName: string, keyOf: (o: JsonObject) => JsonObject): Page[] {
  const list: [unknown, string][] = Array.isArray(doc) ? doc.map((p, i) => [p, `[${i}].`]) : [[doc, '']];
  return list.map(([page, prefix]) => {
    const shape =
      page !== null && typeof page === 'object' && !Array.isArray(page)
        ? detectShape(page as JsonObject, keyOf)
        : undefined;
    if (!shape) {
      throw new IngestError(
        fileName,
        undefined,
        prefix === '' ? '(file)' : prefix.slice(0, -1),
        'not a social media export crimelake knows: expected an X API v2 response (data + includes.users, or DM events), ' +
          'a Graph API response (Facebook posts / comments, Instagram media / comments, insights) or a YouTube Data API ' +
          'response (commentThreads, comments, channels), or an array of such responses',
      );
    }
    return { page: page as JsonObject, prefix, shape };
  });
}

function readPage(c: Collector, p: Page, fileName: string, now: Date): void {
  switch (p.shape) {
    case 'x_tweets':
      return readXTweets(c, p.page, p.prefix);
    case 'x_dms':
      return readXDms(c, p.page, p.prefix);
    case 'facebook':
      return readFacebook(c, p.page, p.prefix);
    case 'instagram_media':
      return readInstagramMedia(c, p.page, p.prefix);
    case 'instagram_comments':
      return readInstagramComments(c, p.page, p.prefix);
    case 'insights':
      return readInsights(c, p.page, p.prefix);
    case 'youtube_threads':
      return readYoutubeThreads(c, p.page, p.prefix);
    case 'youtube_comments':
      return readYoutubeComments(c, p.page, p.prefix);
    case 'youtube_channels':
      return readYoutubeChannels(c, p.page, p.prefix, snapshotDate(p.page, fileName, now));
    case 'empty':
      return;
  }
}

const looksLikeJson = (filePath: string) => {
  const fd = fs.openSync(filePath, 'r');
  try {
    const buf = Buffer.alloc(64);
    const n = fs.readSync(fd, buf, 0, 64, 0);
    return /^(\uFEFF)?\s*[[{]/.test(buf.subarray(0, n).toString('utf8'));
  } finally {
    fs.closeSync(fd);
  }
};

/**
 * Ingests one social media export, its kind told from its content: an X, Graph or YouTube API
 * response (JSON) into `social_posts` / `social_account_stats`, or an account metric snapshot
 * CSV into `social_account_stats`. A JSON file that does not parse is refused whole.
 */
export async function ingestSocialFile(
  ctx: IngestContext,
  filePath: string,
  options: SocialOptions = {},
): Promise<IngestSummary> {
  const { lake, db } = ctx;
  const now = ctx.now?.() ?? new Date();
  const file = await describeFile(filePath);
  const previous = await findIngest(lake, source, file.batchId);
  if (previous) {
    lake.log.info('already ingested, nothing to do', { file: file.name, batch: file.batchId });
    return { ...previous, file: file.name, alreadyIngested: true };
  }
  const accounts = new PoliceAccounts(options.policeAccounts ?? defaultPoliceAccounts);
  const keyOf = (o: JsonObject) => applyJsonProfile(o, ctx.profile);

  // Parse and recognise a JSON file before anything is staged or landed.
  let pages: Page[] | undefined;
  let pseudonymiser: Pseudonymiser | undefined;
  if (looksLikeJson(file.path)) {
    const doc = parseJsonFile(fs.readFileSync(file.path, 'utf8').replace(/^\uFEFF/, ''), file.name);
    pages = pagesOf(doc, file.name, keyOf);
    if (pages.some((p) => p.shape === 'x_dms')) {
      if (!ctx.informantKey) {
        throw new IngestError(
          file.name,
          undefined,
          undefined,
          'this file holds direct messages, whose senders must be pseudonymised: set CRIMELAKE_INFORMANT_KEY (the informant pseudonym key)',
        );
      }
      pseudonymiser = createPseudonymiser(ctx.informantKey);
      pages = pages.map((p) =>
        p.shape === 'x_dms' ? { ...p, page: pseudonymiseDmPage(p.page, pseudonymiser!, accounts, ctx.profile) } : p,
      );
    }
  }

  const lineage = { batch_id: file.batchId, source_file: file.name, ingested_at: now };
  const posts = await StagingTable.create(db, socialPosts);
  const stats = await StagingTable.create(db, socialAccountStats);
  const c = new Collector(ctx, accounts, posts, lineage);
  let scratch: string | undefined;
  try {
    let landed: SourceFile = file;
    if (pages) {
      for (const p of pages) readPage(c, p, file.name, now);
      if (pseudonymiser) {
        // The landed copy is the pseudonymised response: the original never reaches the lake.
        scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'crimelake-social-'));
        const copy = path.join(scratch, file.name);
        const doc = pages.length === 1 && pages[0]!.prefix === '' ? pages[0]!.page : pages.map((p) => p.page);
        fs.writeFileSync(copy, JSON.stringify(doc, null, 1) + '\n');
        landed = { ...(await describeFile(copy)), name: file.name, batchId: file.batchId };
      }
    } else {
      await readAccountStatsCsv(c, file);
    }
    for (const s of await completeFromLake(c, [...c.stats.values()])) stats.append(c.rowOf(s));
    const rawKey = await landRaw(lake, source, landed, now);
    return await commitBatch(ctx, {
      source,
      file: landed,
      rawKey,
      rowsIn: c.rowsIn,
      rowsLanded: c.rowsLanded,
      tables: [posts, stats] as StagingTable<TableDef>[],
      rejects: c.rejects,
      ingestedAt: now,
    });
  } finally {
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  }
}
