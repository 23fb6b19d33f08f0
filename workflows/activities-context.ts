/**
 * What every activity shares: heartbeats while it runs, cancellation it can see, and the
 * translation of permanent errors (bad data, bad config) into non-retryable failures. The same
 * activity code runs in the embedded runner, outside any Temporal context: there heartbeats are
 * no-ops, nothing cancels, and errors pass through unchanged.
 */
import { ApplicationFailure, asyncLocalStorage, type Context } from '@temporalio/activity';
import { IngestError } from '../ingestors/batch.ts';
import type { Logger } from '../lake/log.ts';
import { HEARTBEAT_INTERVAL_MS, PERMANENT_ERROR_TYPES } from './presets.ts';

/** Progress of a running activity: the details of its next heartbeat, and its cancellation. */
export interface Progress {
  /** Details sent with the next heartbeat (small: a phase and a few counts). */
  report(details: Record<string, unknown>): void;
  /** Throws the cancellation if the activity was cancelled (worker shutdown, workflow cancel). */
  throwIfCancelled(): void;
  /** Never resolves; rejects when the activity is cancelled. For the test fault only. */
  hangUntilCancelled(): Promise<never>;
  /** Whether this runs as a Temporal activity (false in the embedded runner). */
  readonly inTemporal: boolean;
}

function currentContext(): Context | undefined {
  return asyncLocalStorage.getStore();
}

const permanentTypes: ReadonlySet<string> = new Set(PERMANENT_ERROR_TYPES);

export function isPermanent(error: unknown): error is Error {
  return error instanceof IngestError || (error instanceof Error && permanentTypes.has(error.name));
}

/**
 * Runs an activity body: heartbeats every HEARTBEAT_INTERVAL_MS with the latest details while it
 * runs, and turns a permanent error into a non-retryable ApplicationFailure (type = the error's
 * name, message kept) so Temporal does not retry bad data. Transient errors are rethrown as they are.
 */
export async function runActivity<T>(name: string, log: Logger, body: (progress: Progress) => Promise<T>): Promise<T> {
  const ctx = currentContext();
  let details: Record<string, unknown> = { phase: 'start' };
  const progress: Progress = {
    inTemporal: ctx !== undefined,
    report(next) {
      details = next;
    },
    throwIfCancelled() {
      if (ctx?.cancellationSignal.aborted) throw ctx.cancellationSignal.reason;
    },
    hangUntilCancelled() {
      return new Promise<never>((_, reject) => {
        if (!ctx) return; // outside Temporal nothing cancels: hang for good
        const signal = ctx.cancellationSignal;
        if (signal.aborted) reject(signal.reason);
        else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    },
  };
  const timer = ctx ? setInterval(() => ctx.heartbeat(details), HEARTBEAT_INTERVAL_MS) : undefined;
  try {
    ctx?.heartbeat(details);
    return await body(progress);
  } catch (error) {
    if (ctx && isPermanent(error)) {
      log.warn('activity failed permanently', { activity: name, error: error.message });
      throw ApplicationFailure.create({
        message: error.message,
        type: error.name,
        nonRetryable: true,
        cause: error,
      });
    }
    throw error;
  } finally {
    if (timer) clearInterval(timer);
  }
}
