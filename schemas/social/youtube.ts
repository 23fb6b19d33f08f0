import { z } from 'zod';
import { count, countString, id, instant, optionalId, optionalSocialText } from './fields.ts';

/**
 * YouTube Data API v3 records: `commentThreads.list` items (a top-level comment and its
 * replies) and `channels.list` items with `statistics` (counts sent as decimal strings).
 */
export const youtubeCommentSnippet = z.object({
  textOriginal: optionalSocialText,
  textDisplay: optionalSocialText,
  authorDisplayName: z.string().nullish(),
  authorChannelId: z.object({ value: optionalId }).nullish(),
  publishedAt: instant,
  likeCount: count,
  videoId: optionalId,
  channelId: optionalId,
  parentId: optionalId,
});

export const youtubeComment = z.object({ id, snippet: youtubeCommentSnippet });
export type YoutubeComment = z.output<typeof youtubeComment>;

/** A comment thread without its replies (those are read as records of their own). */
export const youtubeCommentThread = z.object({
  id,
  snippet: z.object({
    videoId: optionalId,
    channelId: optionalId,
    totalReplyCount: count,
    topLevelComment: youtubeComment,
  }),
});
export type YoutubeCommentThread = z.output<typeof youtubeCommentThread>;

export const youtubeChannel = z.object({
  id,
  snippet: z.object({ title: z.string().nullish(), customUrl: z.string().nullish() }).nullish(),
  statistics: z.object({
    subscriberCount: countString,
    viewCount: countString,
    videoCount: countString,
    hiddenSubscriberCount: z.boolean().nullish(),
  }),
});
export type YoutubeChannel = z.output<typeof youtubeChannel>;
