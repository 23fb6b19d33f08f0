import type { JsonObject } from './collector.ts';

/** The kinds of social media API response crimelake reads, told apart by their content. */
export type Shape =
  | 'x_tweets'
  | 'x_dms'
  | 'facebook'
  | 'instagram_media'
  | 'instagram_comments'
  | 'insights'
  | 'youtube_threads'
  | 'youtube_comments'
  | 'youtube_channels'
  | 'empty';

const objects = (v: unknown): JsonObject[] =>
  Array.isArray(v) ? v.filter((x): x is JsonObject => x !== null && typeof x === 'object' && !Array.isArray(x)) : [];

const anyHas = (items: JsonObject[], ...keys: string[]) => items.some((o) => keys.some((k) => k in o));

/**
 * Which API response a JSON object is (undefined: none crimelake knows). Any record of the page
 * may decide, so a page whose first record is broken is still recognised by the others.
 * `keyOf` applies the mapping profile's aliases to a record's keys.
 */
export function detectShape(page: JsonObject, keyOf: (o: JsonObject) => JsonObject): Shape | undefined {
  const kind = typeof page.kind === 'string' ? page.kind : '';
  if (Array.isArray(page.items) || kind.startsWith('youtube#')) {
    const items = objects(page.items);
    if (
      kind === 'youtube#commentThreadListResponse' ||
      items.some((i) => (i.snippet as JsonObject | undefined)?.topLevelComment !== undefined)
    ) {
      return 'youtube_threads';
    }
    if (kind === 'youtube#channelListResponse' || anyHas(items, 'statistics')) return 'youtube_channels';
    if (
      kind === 'youtube#commentListResponse' ||
      items.some((i) => (i.snippet as JsonObject | undefined)?.textOriginal !== undefined)
    ) {
      return 'youtube_comments';
    }
    return items.length === 0 && Array.isArray(page.items) && page.items.length === 0 ? 'empty' : undefined;
  }
  if (Array.isArray(page.dm_events)) return 'x_dms';
  if (!Array.isArray(page.data)) return undefined;
  const data = objects(page.data).map(keyOf);
  if (anyHas(data, 'event_type', 'dm_conversation_id', 'sender_id')) return 'x_dms';
  const includes = page.includes as JsonObject | undefined;
  if (Array.isArray(includes?.users) || anyHas(data, 'author_id', 'conversation_id')) return 'x_tweets';
  if (data.some((o) => 'name' in o && Array.isArray(o.values))) return 'insights';
  if (anyHas(data, 'media_type', 'caption', 'comments_count', 'media_url', 'permalink', 'media_product_type'))
    return 'instagram_media';
  if (anyHas(data, 'timestamp')) return 'instagram_comments';
  if (anyHas(data, 'created_time', 'message')) return 'facebook';
  return page.data.length === 0 ? 'empty' : undefined;
}
