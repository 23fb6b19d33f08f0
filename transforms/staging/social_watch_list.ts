import { z } from 'zod';
import { col, defineTable } from '../../lake/contract.ts';
import { lexiconFile, loadLexicon, type Lexicon } from '../../reference/lexicon.ts';
import type { ModelContext } from '../models.ts';
import { fillStaging } from '../reference-tables.ts';
import type { Model } from '../models.ts';

export const socialWatchList = defineTable({
  name: 'social_watch_list',
  description: 'Watch-listed social media accounts (every post of theirs is flagged), from reference/lexicon.yaml',
  grain: 'one row per platform and account (author id, else handle)',
  key: ['platform', 'watch_id'],
  replaceKey: ['platform', 'watch_id'],
  partitionBy: [],
  schema: z.object({
    platform: col.varchar('x, facebook, instagram or youtube'),
    watch_id: col.varchar('The author id, or @handle when the entry gives no id'),
    author_id: col.opt.varchar("The account's platform id (matches social_posts.author_id)"),
    handle: col.opt.varchar('The handle without @ (matches social_posts.author_handle, case-insensitively)'),
    reason: col.varchar('Why the account is watched'),
  }),
});

export type SocialWatchListRow = z.output<typeof socialWatchList.schema>;

export function socialWatchListRows(lexicon: Lexicon): SocialWatchListRow[] {
  const rows = new Map<string, SocialWatchListRow>();
  for (const e of lexicon.watchList) {
    const watch_id = e.authorId ?? `@${e.handle ?? ''}`;
    rows.set(`${e.platform}|${watch_id}`, {
      platform: e.platform,
      watch_id,
      author_id: e.authorId ?? null,
      handle: e.handle ?? null,
      reason: e.reason,
    });
  }
  return [...rows.values()];
}

export function buildSocialWatchList(ctx: ModelContext, staging: string): Promise<void> {
  return fillStaging(ctx, socialWatchList, staging, socialWatchListRows(loadLexicon(lexiconFile(ctx.config))));
}

export const socialWatchListModel: Model = {
  contract: socialWatchList,
  inputs: [],
  run: buildSocialWatchList,
  settings: (config) => socialWatchListRows(loadLexicon(lexiconFile(config))),
};
