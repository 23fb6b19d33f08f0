/**
 * Timeout and retry presets of the activities, one named constant per kind of work. They live
 * apart from the activities because the workflows (which may only `import type` the activities)
 * need them as values. Pure data: bundled into the workflow sandbox.
 */
import type { ActivityOptions, RetryPolicy } from '@temporalio/common';

/**
 * Error types that mean bad input or bad configuration: retrying cannot help, so they fail the
 * activity at once (the file ends in `inbox/failed/` with its error). The activities also mark
 * these failures non-retryable themselves (subclasses included); the list guards the rest.
 */
export const PERMANENT_ERROR_TYPES = [
  'IngestError',
  'CsvFormatError',
  'ProfileError',
  'PoliceAccountsError',
  'PseudonymKeyError',
  'ConfigError',
  'TransformError',
  'WeekError',
  'UnknownSourceError',
  'NotFoundError',
  'ZodError',
] as const;

/** Transient failures (storage, network, a lost worker) back off up to a minute between tries. */
const transientRetry: RetryPolicy = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '1 minute',
  nonRetryableErrorTypes: [...PERMANENT_ERROR_TYPES],
};

/**
 * Ingest of one file: minutes for a large extract, so a generous start-to-close, and a short
 * heartbeat timeout (the activity heartbeats every few seconds) so that a killed worker's attempt
 * is retried on another worker within seconds. Ten tries, then the file waits for the next scan.
 */
export const INGEST_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '10 seconds',
  retry: { ...transientRetry, maximumAttempts: 10 },
};

/** Listing the inbox reads every new object once to hash it. */
export const INBOX_LIST_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '1 minute',
  retry: { ...transientRetry, maximumAttempts: 5 },
};

/** Moving processed objects to inbox/done or inbox/failed: a few small requests each. */
export const INBOX_SETTLE_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '5 minutes',
  retry: { ...transientRetry, maximumAttempts: 10 },
};

/** Looking up one batch in the lake's ingest ledger. */
export const LEDGER_CHECK_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { ...transientRetry, maximumAttempts: 10 },
};

/** Reading the model list: no I/O beyond the code itself. */
export const BUILD_PLAN_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { ...transientRetry, maximumAttempts: 3 },
};

/** One derived model (or, later, one partition of it): a DuckDB query over the lake. */
export const BUILD_MODEL_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '30 seconds',
  retry: { ...transientRetry, maximumAttempts: 5 },
};

/** One published report for one period. */
export const PUBLISH_REPORT_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { ...transientRetry, maximumAttempts: 5 },
};

/** How often a running activity heartbeats (well inside the shortest heartbeat timeout). */
export const HEARTBEAT_INTERVAL_MS = 2_000;

/** Ingest children one inbox scan runs at once (the workers' concurrency bounds the real work). */
export const SCAN_MAX_CONCURRENT_INGESTS = 8;
/** Objects one scan takes; the rest wait for the next scan (keeps one history small). */
export const SCAN_MAX_OBJECTS = 500;
