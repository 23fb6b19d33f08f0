import { z } from 'zod';
import { count, id, instant, optionalId, optionalSocialText } from './fields.ts';

/**
 * X API v2 records: tweets of `GET /2/users/:id/mentions`, `/2/tweets/search/*` and
 * `/2/users/:id/tweets` (with `includes.users` expanded from author_id), and DM events of
 * `GET /2/dm_events`. Only the fields crimelake keeps are listed; others are ignored.
 */
export const xTweet = z.object({
  id,
  text: optionalSocialText,
  author_id: id,
  created_at: instant,
  conversation_id: optionalId,
  in_reply_to_user_id: optionalId,
  referenced_tweets: z.array(z.object({ type: z.enum(['replied_to', 'quoted', 'retweeted']), id })).nullish(),
  public_metrics: z
    .object({
      retweet_count: count,
      reply_count: count,
      like_count: count,
      quote_count: count,
      impression_count: count,
    })
    .nullish(),
  lang: z.string().nullish(),
  entities: z.object({ mentions: z.array(z.object({ username: z.string(), id: optionalId })).nullish() }).nullish(),
});
export type XTweet = z.output<typeof xTweet>;

/** An entry of `includes.users`: the author's display name and handle. */
export const xUser = z.object({
  id,
  name: z.string().nullish(),
  username: z.string().nullish(),
  verified: z.boolean().nullish(),
});
export type XUser = z.output<typeof xUser>;

/** A DM event; only `MessageCreate` events are messages (joins and leaves are not kept). */
export const xDmEvent = z.object({
  id,
  event_type: z.string({ error: 'required, but missing' }),
  text: optionalSocialText,
  sender_id: id,
  dm_conversation_id: optionalId,
  created_at: instant,
  participant_ids: z.array(z.string()).nullish(),
});
export type XDmEvent = z.output<typeof xDmEvent>;
