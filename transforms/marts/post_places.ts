import { z } from 'zod';
import { col, defineTable } from '../../lake/contract.ts';
import { loadSql } from '../../lake/duckdb.ts';
import type { Model } from '../models.ts';
import { optionalInputs } from '../reference-tables.ts';
import { socialPosts } from '../../ingestors/social/social_posts.ts';

export const postPlaces = defineTable({
  name: 'post_places',
  description:
    'Social posts attributed to the district and thana they name (thana, district and locality names in Devanagari and Latin spellings), with the words that matched',
  grain: 'one row per social post whose text names a district, thana or locality of the range',
  key: ['platform', 'post_id'],
  replaceKey: ['month'],
  partitionBy: ['month'],
  schema: z.object({
    platform: col.varchar('x, facebook, instagram or youtube'),
    post_id: col.varchar('The post (joins social_posts)'),
    created_at: col.timestamptz('When the post was posted (UTC)'),
    month: col.varchar('Month of created_at in IST, YYYY-MM (social_posts.month); Hive partition'),
    kind: col.varchar('post, comment, mention, reply or dm (social_posts.kind)'),
    is_police_account: col.boolean('Whether one of our police accounts wrote it'),
    district: col.opt.varchar(
      'District it is attributed to: that of its thana; else the one district it names; else the one district all the thanas it names lie in; null when that is not one district',
    ),
    district_id: col.opt.varchar('District id'),
    police_station_id: col.opt.varchar(
      'Thana it is attributed to, when it names exactly one (by thana name or a locality within it); null otherwise',
    ),
    police_station: col.opt.varchar('That thana in English'),
    matched_terms: col.varchar(
      "The place names found, as the post writes them in match form (lower case, nukta folded), in order, '; '-separated",
    ),
    candidate_police_station_ids: col.opt.varchar(
      "When it is ambiguous: the thanas it could mean, ', '-separated (several thanas named, or a shared name such as Kotwali without its district)",
    ),
    is_ambiguous: col.boolean(
      'Whether it names several thanas (or several districts and no thana), so no thana is attributed',
    ),
    input_fingerprint: col.varchar(
      "Digest of the month's rows, so a build rewrites only the months whose posts or place names changed",
    ),
  }),
});

export const postPlacesModel: Model = {
  contract: postPlaces,
  sql: loadSql(import.meta.url, 'post_places.sql'),
  inputs: ['social_post_matches'],
  optionalInputs: optionalInputs(socialPosts),
  // Output fingerprints (models.ts): cheap joins over social_post_matches, which is input-scoped.
  incremental: { column: 'month' },
};
