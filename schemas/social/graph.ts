import { z } from 'zod';
import { count, id, instant, optionalId, optionalSocialText } from './fields.ts';

/**
 * Meta Graph API records: Facebook page posts and comments (`/{page-id}/feed`,
 * `/{object-id}/comments`), Instagram media and comments (`/{ig-user-id}/media`,
 * `/{ig-media-id}/comments`), and page / account insights (`/{id}/insights`). Nested edges
 * (`comments`, `replies`) are read by the ingestor as records of their own.
 */
const summaryCount = z.object({ summary: z.object({ total_count: count }).nullish() }).nullish();

export const facebookItem = z.object({
  id,
  message: optionalSocialText,
  created_time: instant,
  from: z.object({ id: optionalId, name: z.string().nullish() }).nullish(),
  parent: z.object({ id }).nullish(),
  like_count: count,
  comment_count: count,
  shares: z.object({ count }).nullish(),
  reactions: summaryCount,
  likes: summaryCount,
  comments: summaryCount,
});
export type FacebookItem = z.output<typeof facebookItem>;

export const instagramMedia = z.object({
  id,
  caption: optionalSocialText,
  timestamp: instant,
  media_type: z.string().nullish(),
  like_count: count,
  comments_count: count,
  username: z.string().nullish(),
  owner: z.object({ id: optionalId }).nullish(),
});
export type InstagramMedia = z.output<typeof instagramMedia>;

export const instagramComment = z.object({
  id,
  text: optionalSocialText,
  timestamp: instant,
  username: z.string().nullish(),
  from: z.object({ id: optionalId, username: z.string().nullish() }).nullish(),
  parent_id: optionalId,
  like_count: count,
  media: z.object({ id }).nullish(),
});
export type InstagramComment = z.output<typeof instagramComment>;

/** One metric series of an insights response, its values read one by one. */
export const insightsMetric = z.object({
  name: z.string({ error: 'required, but missing' }),
  period: z.string().nullish(),
  id: z.string().nullish(),
  values: z.array(z.unknown(), { error: 'required, but missing (an array of {value, end_time})' }),
});

export const insightsValue = z.object({
  value: count.pipe(z.number({ error: 'required, but missing' })),
  end_time: instant,
});
