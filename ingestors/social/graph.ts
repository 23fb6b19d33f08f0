import {
  facebookItem,
  insightsMetric,
  insightsValue,
  instagramComment,
  instagramMedia,
} from '../../schemas/social/graph.ts';
import { arrayAt, withoutEdges, type Collector, type JsonObject } from './collector.ts';
import type { PoliceAccount } from './police-accounts.ts';

/**
 * Meta Graph API exports. Facebook: page posts with nested `comments` (and comments of
 * comments), or a flat comments response. Instagram: media with nested comments and replies,
 * or a comments response. Insights of either: one metric series per record of `data`, each
 * daily value a record.
 */

/** Graph ids: a post is `<page-id>_<post-id>`, a comment `<post-id>_<comment-id>`. */
const idPrefix = (id: string) => (id.includes('_') ? id.slice(0, id.indexOf('_')) : undefined);

interface FacebookContext {
  /** The enclosing post's id and account, for comments nested under it. */
  postId?: string;
  account?: PoliceAccount;
  /** The enclosing comment, for comments nested under a comment. */
  parentId?: string;
}

export function readFacebook(c: Collector, page: JsonObject, prefix: string): void {
  const items = arrayAt(c, page.data, `${prefix}data`);
  items?.forEach((item, i) => readFacebookItem(c, item, `${prefix}data[${i}]`, {}));
}

function readFacebookItem(c: Collector, item: unknown, path: string, within: FacebookContext): void {
  const line = c.begin();
  const obj = c.object(item, line, path);
  if (obj) {
    const f = c.parse(facebookItem, obj, line, path, withoutEdges(obj, 'comments'));
    if (f) {
      const prefixId = idPrefix(f.id);
      const author = c.accounts.find('facebook', f.from?.id, f.from?.name);
      const pageOfId = c.accounts.byAccountId('facebook', prefixId);
      const isPost =
        within.postId === undefined &&
        !f.parent &&
        (obj.comments !== undefined ||
          pageOfId !== undefined ||
          (prefixId !== undefined && prefixId === f.from?.id) ||
          'permalink_url' in obj ||
          'status_type' in obj);
      const account = isPost ? (pageOfId ?? author) : (within.account ?? author ?? c.accounts.only('facebook'));
      // A comment exported on its own names its post only by the id prefix (the page's post id without the page).
      const ownPage = account?.ids[0];
      const postOfComment = within.postId ?? (prefixId ? (ownPage ? `${ownPage}_${prefixId}` : prefixId) : null);
      const postId = isPost ? f.id : postOfComment;
      c.post(line, {
        platform: 'facebook',
        post_id: f.id,
        kind: isPost ? 'post' : f.parent || within.parentId ? 'reply' : 'comment',
        parent_id: isPost ? null : (f.parent?.id ?? within.parentId ?? postOfComment),
        thread_id: postId,
        account: account?.account ?? null,
        author_id: f.from?.id ?? null,
        author_name: f.from?.name ?? null,
        author_handle: null,
        is_police_account: author !== undefined,
        text: f.message,
        created_at: f.created_time,
        language: /[\u0900-\u097F]/.test(f.message ?? '') ? 'hi' : 'en',
        like_count: f.like_count ?? f.reactions?.summary?.total_count ?? f.likes?.summary?.total_count ?? null,
        reply_count: f.comment_count ?? f.comments?.summary?.total_count ?? null,
        share_count: f.shares?.count ?? null,
        impression_count: null,
      });
      within = isPost ? { postId: f.id, account } : { postId: postId ?? undefined, account, parentId: f.id };
    } else {
      // The item was quarantined: its nested comments still land, without what it would have told them.
      within = { ...within, parentId: undefined };
    }
  }
  const comments = obj?.comments as JsonObject | undefined;
  if (comments && typeof comments === 'object') {
    const list = arrayAt(c, comments.data, `${path}.comments.data`);
    list?.forEach((child, j) => readFacebookItem(c, child, `${path}.comments.data[${j}]`, within));
  }
}

export function readInstagramMedia(c: Collector, page: JsonObject, prefix: string): void {
  const items = arrayAt(c, page.data, `${prefix}data`);
  items?.forEach((item, i) => {
    const path = `${prefix}data[${i}]`;
    const line = c.begin();
    const obj = c.object(item, line, path);
    if (!obj) return;
    const m = c.parse(instagramMedia, obj, line, path, withoutEdges(obj, 'comments'));
    let within: InstagramContext = {};
    if (m) {
      const author = c.accounts.find('instagram', m.owner?.id, m.username);
      c.post(line, {
        platform: 'instagram',
        post_id: m.id,
        kind: 'post',
        parent_id: null,
        thread_id: m.id,
        account: author?.account ?? m.username ?? c.accounts.only('instagram')?.account ?? null,
        author_id: m.owner?.id ?? author?.ids[0] ?? null,
        author_name: m.username ?? author?.account ?? null,
        author_handle: m.username ?? null,
        is_police_account: author !== undefined,
        text: m.caption,
        created_at: m.timestamp,
        language: /[\u0900-\u097F]/.test(m.caption ?? '') ? 'hi' : 'en',
        like_count: m.like_count,
        reply_count: m.comments_count,
        share_count: null,
        impression_count: null,
      });
      within = { mediaId: m.id, account: author ?? c.accounts.only('instagram') };
    }
    const comments = obj.comments as JsonObject | undefined;
    if (comments && typeof comments === 'object') {
      const list = arrayAt(c, comments.data, `${path}.comments.data`);
      list?.forEach((child, j) => readInstagramComment(c, child, `${path}.comments.data[${j}]`, within));
    }
  });
}

interface InstagramContext {
  mediaId?: string;
  account?: PoliceAccount;
  parentId?: string;
}

export function readInstagramComments(c: Collector, page: JsonObject, prefix: string): void {
  const items = arrayAt(c, page.data, `${prefix}data`);
  items?.forEach((item, i) => readInstagramComment(c, item, `${prefix}data[${i}]`, {}));
}

function readInstagramComment(c: Collector, item: unknown, path: string, within: InstagramContext): void {
  const line = c.begin();
  const obj = c.object(item, line, path);
  if (!obj) return;
  const m = c.parse(instagramComment, obj, line, path, withoutEdges(obj, 'replies'));
  let inner: InstagramContext = { ...within, parentId: undefined };
  if (m) {
    const handle = m.from?.username ?? m.username ?? null;
    const author = c.accounts.find('instagram', m.from?.id, handle);
    const mediaId = m.media?.id ?? within.mediaId ?? null;
    const parentId = m.parent_id ?? within.parentId ?? null;
    const account = within.account ?? c.accounts.only('instagram') ?? author;
    c.post(line, {
      platform: 'instagram',
      post_id: m.id,
      kind: parentId ? 'reply' : 'comment',
      parent_id: parentId ?? mediaId,
      thread_id: mediaId,
      account: account?.account ?? null,
      author_id: m.from?.id ?? null,
      author_name: handle,
      author_handle: handle,
      is_police_account: author !== undefined,
      text: m.text,
      created_at: m.timestamp,
      language: /[\u0900-\u097F]/.test(m.text ?? '') ? 'hi' : 'en',
      like_count: m.like_count,
      reply_count: null,
      share_count: null,
      impression_count: null,
    });
    inner = { mediaId: mediaId ?? undefined, account, parentId: m.id };
  }
  const replies = obj.replies as JsonObject | undefined;
  if (replies && typeof replies === 'object') {
    const list = arrayAt(c, replies.data, `${path}.replies.data`);
    list?.forEach((child, j) => readInstagramComment(c, child, `${path}.replies.data[${j}]`, inner));
  }
}

/** Insights metrics kept, by the column they fill. page_follows succeeded page_fans; views succeeded impressions. */
const metricColumns: Record<string, 'followers' | 'reach' | 'impressions'> = {
  page_fans: 'followers',
  page_follows: 'followers',
  page_impressions: 'impressions',
  page_impressions_unique: 'reach',
  follower_count: 'followers',
  followers_count: 'followers',
  reach: 'reach',
  impressions: 'impressions',
  views: 'impressions',
};
const dailyPeriods = new Set(['day', 'lifetime']);

/** The day a daily insights value covers: its end_time is the end of that day. */
function dayEndingAt(end: Date): string {
  return new Date(end.getTime() - 86_400_000).toISOString().slice(0, 10);
}

export function readInsights(c: Collector, page: JsonObject, prefix: string): void {
  const items = arrayAt(c, page.data, `${prefix}data`);
  items?.forEach((item, i) => {
    const path = `${prefix}data[${i}]`;
    const obj = item !== null && typeof item === 'object' && !Array.isArray(item) ? c.object(item, 0, path) : undefined;
    const values = obj && Array.isArray(obj.values) ? obj.values : undefined;
    if (!obj || !values) {
      // Nothing to read the values from: the whole series is one rejected record.
      const line = c.begin();
      if (!obj) c.reject(line, path, 'a record must be a JSON object', item);
      else c.parse(insightsMetric, obj, line, path);
      return;
    }
    const metric = insightsMetric.safeParse(obj);
    const name = metric.success ? metric.data.name : undefined;
    const platform = name?.startsWith('page_') ? 'facebook' : 'instagram';
    const ownerId = metric.success ? metric.data.id?.split('/')[0] : undefined;
    const account = c.accounts.byAccountId(platform, ownerId) ?? c.accounts.only(platform);
    const column = name ? metricColumns[name] : undefined;
    const period = metric.success ? (metric.data.period ?? 'day') : undefined;
    values.forEach((v, j) => {
      const vpath = `${path}.values[${j}]`;
      const line = c.begin();
      const raw = { name: obj.name, period: obj.period, id: obj.id, value: v };
      if (!metric.success) {
        c.parse(insightsMetric, obj, line, path, raw);
        return;
      }
      if (!column) {
        c.reject(
          line,
          `${path}.name`,
          `metric ${name} is not one social_account_stats keeps (${Object.keys(metricColumns).join(', ')}); a profile's valueMaps.name can map it`,
          raw,
        );
        return;
      }
      if (!dailyPeriods.has(period!)) {
        c.reject(line, `${path}.period`, `period ${period}: only daily figures (period day) are kept`, raw);
        return;
      }
      if (!account) {
        c.reject(
          line,
          `${path}.id`,
          `whose ${platform} insights these are is unknown: ${ownerId ?? 'no id'} is not in the police account list`,
          raw,
        );
        return;
      }
      const value = c.parse(insightsValue, v, line, vpath, raw);
      if (!value) return;
      c.stat(line, {
        platform,
        account: account.account,
        state: account.state,
        date: dayEndingAt(value.end_time),
        followers: null,
        reach: null,
        impressions: null,
        [column]: value.value,
        is_own_account: true,
      });
    });
  });
}
