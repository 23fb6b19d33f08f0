import type { TableDef } from '../lake/contract.ts';
import type { Config } from '../lake/config.ts';
import type { DuckDb } from '../lake/duckdb.ts';
import type { Lake } from '../lake/lake.ts';
import { crimeMonthlyModel } from './marts/crime_monthly.ts';
import { emergingHotspotsModel, hotspotCellsModel } from './marts/hotspot-steps.ts';
import { sensitivityAssessmentModel } from './marts/sensitivity_assessment.ts';
import { incidentsModel } from './intermediate/incidents-step.ts';
import { flaggedPostsModel } from './marts/flagged_posts.ts';
import { postPlacesModel } from './marts/post_places.ts';
import { socialRankingsModel } from './marts/social_rankings.ts';
import { socialResponseTimesModel } from './marts/social_response_times.ts';
import { socialResponseTimesWeeklyModel } from './marts/social_response_times_weekly.ts';
import { stationComparisonModel } from './marts/station_comparison.ts';
import { stolenVehicleSightingsModel } from './marts/stolen_vehicle_sightings.ts';
import { volunteerCoverageModel } from './marts/volunteer_coverage.ts';
import { volunteerCoverageDistrictsModel } from './marts/volunteer_coverage_districts.ts';
import { socialPostMatchesModel } from './intermediate/social_post_matches.ts';
import { placeNamesModel } from './staging/place_names.ts';
import { policeStationsModel } from './staging/police_stations.ts';
import { socialLexiconModel } from './staging/social_lexicon.ts';
import { socialWatchListModel } from './staging/social_watch_list.ts';
import { personModels } from './resolution/models.ts';

/** What a model's TS step gets: the lake (attached as views in `db`) and the settings. */
export interface ModelContext {
  lake: Lake;
  db: DuckDb;
  config: Config;
  /** A full build (`--full`): models that keep their own incremental state recompute everything. */
  full?: boolean;
  /** Incremental models: the values of `incremental.column` to build now (absent: build them all). */
  scope?: BuildScope;
}

/** The values an incremental build rebuilds, each with the fingerprint of the inputs it is computed from. */
export interface BuildScope {
  column: string;
  /** value → fingerprint, to be written into the rows' `input_fingerprint` column. */
  values: ReadonlyMap<string, string>;
  /** True when every value is rebuilt (first build, a setting changed, or rows must disappear). */
  full: boolean;
}

/**
 * A model rebuilt one value of a column at a time (an ISO week, a month): the contract keeps an
 * `input_fingerprint` column and has `[column]` as its replace key, so a build recomputes only the
 * values whose fingerprint changed and rewrites only their partitions (`transforms/build.ts`;
 * partitioning the table by `column` keeps that rewrite to those values' files).
 *
 * Two ways to fingerprint a value:
 * - `fingerprints` given (input fingerprints): a digest of the inputs and settings the value's
 *   rows are computed from, worked out without computing them (e.g. the files of the input's
 *   partitions, `partitionFingerprints` in scope.ts). The model then computes only the values in
 *   scope: a TS step gets them as `ctx.scope`; a SQL model reads them from the DuckDB variable
 *   `build_scope` (`getvariable('build_scope')`, a `varchar[]`, null outside a build) and filters
 *   its inputs with it, which also prunes the input's partitions.
 * - `fingerprints` omitted (output fingerprints): the model is computed over all its inputs and a
 *   value's fingerprint is the digest of its rows, so exactly the values whose rows changed are
 *   rewritten. For models whose rows read other values' inputs in ways no cheaper digest captures,
 *   and whose cost is the one scan of their inputs any fingerprint would need anyway.
 */
export interface IncrementalSpec {
  column: string;
  /** value → fingerprint of the inputs and settings its rows are computed from, for every value the model outputs. */
  fingerprints?: (ctx: ModelContext) => Promise<ReadonlyMap<string, string>>;
}

/**
 * A derived table: its contract, the tables it reads, and either its SQL (a `.sql` file of the
 * same name, run over the lake's views) or, only where SQL cannot do the work, a TS step that
 * fills the staging table it is given (shaped like the contract).
 */
export interface Model {
  contract: TableDef;
  inputs: readonly string[];
  sql?: string;
  run?: (ctx: ModelContext, staging: string) => Promise<void>;
  incremental?: IncrementalSpec;
  /** Inputs read when the lake has them; otherwise the model sees the given empty relation (SQL) under that name. */
  optionalInputs?: Readonly<Record<string, string>>;
  /** The settings the output depends on, hashed into the build id (a changed setting rebuilds). */
  settings?: (config: Config) => unknown;
}

/** Every model, in dependency order (layers flow downstream: staging → intermediate → marts). */
export const models: readonly Model[] = [
  policeStationsModel,
  placeNamesModel,
  socialLexiconModel,
  socialWatchListModel,
  crimeMonthlyModel,
  socialPostMatchesModel,
  postPlacesModel,
  flaggedPostsModel,
  socialResponseTimesModel,
  socialResponseTimesWeeklyModel,
  socialRankingsModel,
  stolenVehicleSightingsModel,
  volunteerCoverageModel,
  volunteerCoverageDistrictsModel,
  stationComparisonModel,
  incidentsModel,
  hotspotCellsModel,
  emergingHotspotsModel,
  sensitivityAssessmentModel,
  ...personModels,
];
