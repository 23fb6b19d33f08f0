import { parseInstant } from '../../schemas/social/fields.ts';
import {
  youtubeChannel,
  youtubeComment,
  youtubeCommentThread,
  type YoutubeComment,
} from '../../schemas/social/youtube.ts';
import { istDate } from '../../schemas/time.ts';
import { arrayAt, withoutEdges, type Collector, type JsonObject } from './collector.ts';
import type { PoliceAccount } from './police-accounts.ts';

/**
 * YouTube Data API v3: comment threads (top-level comment = `comment`, its replies = `reply`;
 * the thread is the video) and channel statistics (subscribers → followers).
 */
export function readYoutubeThreads(c: Collector, page: JsonObject, prefix: string): void {
  const items = arrayAt(c, page.items, `${prefix}items`);
  items?.forEach((item, i) => {
    const path = `${prefix}items[${i}]`;
    const line = c.begin();
    const obj = c.object(item, line, path);
    if (!obj) return;
    const t = c.parse(youtubeCommentThread, obj, line, path, withoutEdges(obj, 'replies'));
    let within: { videoId?: string; account?: PoliceAccount; parentId?: string } = {};
    if (t) {
      const top = t.snippet.topLevelComment;
      const videoId = t.snippet.videoId ?? top.snippet.videoId ?? undefined;
      const account =
        c.accounts.byAccountId('youtube', t.snippet.channelId ?? top.snippet.channelId) ?? c.accounts.only('youtube');
      postComment(c, line, top, {
        kind: 'comment',
        parentId: videoId ?? null,
        videoId: videoId ?? null,
        account,
        replies: t.snippet.totalReplyCount,
      });
      within = { videoId, account, parentId: top.id };
    }
    const replies = obj.replies as JsonObject | undefined;
    if (replies && typeof replies === 'object') {
      const list = arrayAt(c, replies.comments, `${path}.replies.comments`);
      list?.forEach((r, j) => {
        const rpath = `${path}.replies.comments[${j}]`;
        const rline = c.begin();
        const robj = c.object(r, rline, rpath);
        const reply = robj && c.parse(youtubeComment, robj, rline, rpath);
        if (!reply) return;
        const videoId = reply.snippet.videoId ?? within.videoId ?? null;
        const account =
          within.account ?? c.accounts.byAccountId('youtube', reply.snippet.channelId) ?? c.accounts.only('youtube');
        postComment(c, rline, reply, {
          kind: 'reply',
          parentId: reply.snippet.parentId ?? within.parentId ?? videoId,
          videoId,
          account,
          replies: null,
        });
      });
    }
  });
}

/** `comments.list` (a thread's replies fetched on their own). */
export function readYoutubeComments(c: Collector, page: JsonObject, prefix: string): void {
  const items = arrayAt(c, page.items, `${prefix}items`);
  items?.forEach((item, i) => {
    const path = `${prefix}items[${i}]`;
    const line = c.begin();
    const obj = c.object(item, line, path);
    const comment = obj && c.parse(youtubeComment, obj, line, path);
    if (!comment) return;
    const s = comment.snippet;
    postComment(c, line, comment, {
      kind: s.parentId ? 'reply' : 'comment',
      parentId: s.parentId ?? s.videoId,
      videoId: s.videoId,
      account: c.accounts.byAccountId('youtube', s.channelId) ?? c.accounts.only('youtube'),
      replies: null,
    });
  });
}

function postComment(
  c: Collector,
  line: number,
  comment: YoutubeComment,
  at: {
    kind: 'comment' | 'reply';
    parentId: string | null;
    videoId: string | null;
    account: PoliceAccount | undefined;
    replies: number | null;
  },
): void {
  const s = comment.snippet;
  const author = c.accounts.find('youtube', s.authorChannelId?.value, s.authorDisplayName);
  const text = s.textOriginal ?? s.textDisplay;
  c.post(line, {
    platform: 'youtube',
    post_id: comment.id,
    kind: at.kind,
    parent_id: at.parentId,
    thread_id: at.videoId,
    account: at.account?.account ?? null,
    author_id: s.authorChannelId?.value ?? null,
    author_name: s.authorDisplayName ?? null,
    // Channels with a handle show it as their display name: "@name".
    author_handle: s.authorDisplayName?.startsWith('@') ? s.authorDisplayName.slice(1) : null,
    is_police_account: author !== undefined,
    text,
    created_at: s.publishedAt,
    language: /[\u0900-\u097F]/.test(text ?? '') ? 'hi' : 'en',
    like_count: s.likeCount,
    reply_count: at.replies,
    share_count: null,
    impression_count: null,
  });
}

/**
 * Channel statistics carry no date: the snapshot day is the response's own `fetched_at` /
 * `retrieved_at` / `date` when an exporter added one, else a YYYY-MM-DD in the file name, else the
 * ingest day (IST).
 */
export function snapshotDate(page: JsonObject, fileName: string, now: Date): string {
  for (const k of ['fetched_at', 'retrieved_at', 'date']) {
    const v = page[k];
    if (typeof v !== 'string') continue;
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
    const d = parseInstant(v);
    if (d) return istDate(d);
  }
  const m = /(\d{4})-(\d{2})-(\d{2})/.exec(fileName);
  if (m && !Number.isNaN(Date.parse(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`))) return `${m[1]}-${m[2]}-${m[3]}`;
  return istDate(now);
}

export function readYoutubeChannels(c: Collector, page: JsonObject, prefix: string, date: string): void {
  const items = arrayAt(c, page.items, `${prefix}items`);
  items?.forEach((item, i) => {
    const path = `${prefix}items[${i}]`;
    const line = c.begin();
    const obj = c.object(item, line, path);
    const ch = obj && c.parse(youtubeChannel, obj, line, path);
    if (!ch) return;
    const followers = ch.statistics.hiddenSubscriberCount ? null : ch.statistics.subscriberCount;
    if (followers === null) {
      c.reject(line, `${path}.statistics.subscriberCount`, 'no subscriber count (hidden or missing)', obj);
      return;
    }
    const own = c.accounts.find('youtube', ch.id, ch.snippet?.title, ch.snippet?.customUrl);
    c.stat(line, {
      platform: 'youtube',
      account: own?.account ?? ch.snippet?.title ?? ch.id,
      state: own?.state ?? null,
      date,
      followers,
      reach: null,
      impressions: null,
      is_own_account: own !== undefined,
    });
  });
}
