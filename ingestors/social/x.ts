import { xDmEvent, xTweet, xUser, type XTweet, type XUser } from '../../schemas/social/x.ts';
import { arrayAt, languageOf, type Collector, type JsonObject } from './collector.ts';

/**
 * X API v2: tweets (mentions, replies, our own posts) with `includes.users`, and DM events.
 * Kinds: a reply (replied_to) is `reply`; else a tweet by one of our accounts is `post`; else
 * `mention`. The account is the police author, else the police account replied to, mentioned
 * in `entities.mentions`, or @named in the text.
 */
/** `includes.users` by id. Users are lookup data, not records: a bad one only leaves its tweets without a name. */
function usersOf(c: Collector, includes: JsonObject): Map<string, XUser> {
  const users = new Map<string, XUser>();
  if (!Array.isArray(includes.users)) return users;
  let bad = 0;
  for (const u of includes.users) {
    const parsed = xUser.safeParse(u);
    if (parsed.success) users.set(parsed.data.id, parsed.data);
    else bad++;
  }
  if (bad > 0) c.ctx.lake.log.warn('X users without a usable id skipped', { count: bad });
  return users;
}

export function readXTweets(c: Collector, page: JsonObject, prefix: string): void {
  const includes = (page.includes ?? {}) as JsonObject;
  const users = usersOf(c, includes);
  const lists: [unknown, string][] = [
    [page.data, `${prefix}data`],
    [includes.tweets, `${prefix}includes.tweets`],
  ];
  for (const [value, path] of lists) {
    const items = arrayAt(c, value, path);
    items?.forEach((item, i) => readTweet(c, item, `${path}[${i}]`, users));
  }
}

const handlesIn = (text: string | null) => [...(text ?? '').matchAll(/@(\w{1,15})/g)].map((m) => m[1]!);

function readTweet(c: Collector, item: unknown, path: string, users: Map<string, XUser>): void {
  const line = c.begin();
  const obj = c.object(item, line, path);
  if (!obj) return;
  const t = c.parse(xTweet, obj, line, path);
  if (!t) return;
  const user = users.get(t.author_id);
  const author = c.accounts.find('x', t.author_id, user?.username);
  const ref = (type: string) => t.referenced_tweets?.find((r) => r.type === type)?.id;
  const repliedTo = ref('replied_to');
  const account =
    author ??
    c.accounts.byAccountId('x', t.in_reply_to_user_id) ??
    (t.entities?.mentions ?? []).map((m) => c.accounts.find('x', m.id, m.username)).find((a) => a) ??
    handlesIn(t.text)
      .map((h) => c.accounts.byAccountName('x', h))
      .find((a) => a);
  c.post(line, {
    platform: 'x',
    post_id: t.id,
    kind: repliedTo ? 'reply' : author ? 'post' : 'mention',
    parent_id: repliedTo ?? ref('quoted') ?? ref('retweeted') ?? null,
    thread_id: t.conversation_id ?? (t.referenced_tweets?.length ? null : t.id),
    account: account?.account ?? null,
    author_id: t.author_id,
    author_name: user?.name ?? null,
    author_handle: user?.username ?? null,
    is_police_account: author !== undefined,
    text: t.text,
    created_at: t.created_at,
    language: languageOf(t.lang, t.text),
    ...metrics(t),
  });
}

function metrics(t: XTweet) {
  const m = t.public_metrics;
  const shares =
    m && (m.retweet_count !== null || m.quote_count !== null) ? (m.retweet_count ?? 0) + (m.quote_count ?? 0) : null;
  return {
    like_count: m?.like_count ?? null,
    reply_count: m?.reply_count ?? null,
    share_count: shares,
    impression_count: m?.impression_count ?? null,
  };
}

/** The events of a DM response: `data` (GET /2/dm_events) or `dm_events`. */
export function dmEventsOf(page: JsonObject): { value: unknown; key: 'data' | 'dm_events' } {
  return Array.isArray(page.dm_events)
    ? { value: page.dm_events, key: 'dm_events' }
    : { value: page.data, key: 'data' };
}

/**
 * DM events, already pseudonymised (see dm-privacy.ts): the sender of a citizen's message is a
 * keyed pseudonym, its text has phone numbers masked. Only MessageCreate events are messages.
 */
export function readXDms(c: Collector, page: JsonObject, prefix: string): void {
  const { value, key } = dmEventsOf(page);
  const users = usersOf(c, (page.includes ?? {}) as JsonObject);
  const items = arrayAt(c, value, `${prefix}${key}`);
  items?.forEach((item, i) => {
    const path = `${prefix}${key}[${i}]`;
    const line = c.begin();
    const obj = c.object(item, line, path);
    if (!obj) return;
    const e = c.parse(xDmEvent, obj, line, path);
    if (!e) return;
    if (e.event_type !== 'MessageCreate') {
      c.reject(
        line,
        `${path}.event_type`,
        `${e.event_type} is not a message (only MessageCreate events are kept)`,
        obj,
      );
      return;
    }
    const sender = c.accounts.byAccountId('x', e.sender_id);
    const participants = [...(e.dm_conversation_id?.split('-') ?? []), ...(e.participant_ids ?? [])];
    const account =
      sender ?? participants.map((p) => c.accounts.byAccountId('x', p)).find((a) => a) ?? c.accounts.only('x');
    c.post(line, {
      platform: 'x',
      post_id: e.id,
      kind: 'dm',
      parent_id: null,
      thread_id: e.dm_conversation_id,
      account: account?.account ?? null,
      author_id: e.sender_id,
      author_name: sender ? (users.get(e.sender_id)?.name ?? sender.account) : null,
      author_handle: sender ? (users.get(e.sender_id)?.username ?? sender.account) : null,
      is_police_account: sender !== undefined,
      text: e.text,
      created_at: e.created_at,
      language: languageOf(null, e.text),
      like_count: null,
      reply_count: null,
      share_count: null,
      impression_count: null,
    });
  });
}
