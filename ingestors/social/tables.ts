import type { TableDef } from '../../lake/contract.ts';
import { socialAccountStats } from './social_account_stats.ts';
import { socialPosts } from './social_posts.ts';

/** The tables the social ingestor fills, in catalogue order. */
export const socialTables: readonly TableDef[] = [socialPosts, socialAccountStats];
