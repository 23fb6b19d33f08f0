import crypto from 'node:crypto';
import { z } from 'zod';
import { istMonth } from '../schemas/time.ts';
import type { Principal } from './access.ts';
import type { Config } from './config.ts';
import { col, defineTable } from './contract.ts';
import { withDuckDb } from './duckdb.ts';
import type { Lake } from './lake.ts';
import { StagingTable } from './staging.ts';
import { writeTable } from './table-writer.ts';

/**
 * The audit trail: every gateway SQL query, profile search and profile view, refusals
 * included. Only appended (each event is its own batch keyed by a random id); nothing in the
 * API or the gateway can write to it, and only admins can read it.
 */
export const audit = defineTable({
  name: 'audit',
  description: 'Who queried or looked up what, when, how many rows and the outcome (refusals included)',
  grain: 'one row per audited request (SQL query, profile search, profile view)',
  key: ['audit_id'],
  replaceKey: ['audit_id'],
  partitionBy: ['month'],
  schema: z.object({
    audit_id: col.varchar('Random id of the event'),
    month: col.varchar('Month of the event in Asia/Kolkata (YYYY-MM); Hive partition'),
    occurred_at: col.timestamptz('When the request was made (UTC)'),
    user_name: col.varchar('Authenticated user (local for the CLI without --as, anonymous when the token was refused)'),
    role: col.varchar('Role of the user: analyst, investigator, admin, or none when unauthenticated'),
    action: col.varchar('sql, profile_search or profile_view'),
    target: col.varchar('The SQL text, search term or profile id'),
    channel: col.varchar('cli or api'),
    row_count: col.integer('Rows returned (0 when refused)'),
    outcome: col.varchar('ok, truncated (row limit reached), refused or error'),
    reason: col.opt.varchar('Why it was refused or failed'),
    duration_ms: col.integer('Time taken in milliseconds'),
  }),
});

export type AuditAction = 'sql' | 'profile_search' | 'profile_view';
export type AuditOutcome = 'ok' | 'truncated' | 'refused' | 'error';

export interface AuditEvent {
  principal: Pick<Principal, 'user' | 'role'> | undefined;
  action: AuditAction;
  target: string;
  channel: 'cli' | 'api';
  rowCount: number;
  outcome: AuditOutcome;
  reason?: string;
  startedAt: Date;
  durationMs: number;
}

/** Appends events to the lake's audit table (one commit; retried on concurrent commits). */
export async function appendAudit(lake: Lake, config: Pick<Config, 'CRIMELAKE_DUCKDB_MEMORY_LIMIT'>, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await withDuckDb({ CRIMELAKE_DUCKDB_MEMORY_LIMIT: config.CRIMELAKE_DUCKDB_MEMORY_LIMIT }, async (db) => {
    const staging = await StagingTable.create(db, audit);
    const ids: string[] = [];
    for (const e of events) {
      const id = crypto.randomUUID();
      ids.push(id);
      staging.append({
        audit_id: id,
        month: istMonth(e.startedAt),
        occurred_at: e.startedAt,
        user_name: e.principal?.user ?? 'anonymous',
        role: e.principal?.role ?? 'none',
        action: e.action,
        target: e.target.slice(0, 10_000),
        channel: e.channel,
        row_count: e.rowCount,
        outcome: e.outcome,
        reason: e.reason ?? null,
        duration_ms: Math.round(e.durationMs),
      });
    }
    staging.close();
    await writeTable({ lake, db, contract: audit, incoming: staging.name, batchId: `audit-${ids[0]!}` });
  });
}

/**
 * Serialises a process's audit writes (the HTTP server handles requests concurrently; one
 * commit at a time avoids commit conflicts between them).
 */
export class AuditLog {
  private tail: Promise<void> = Promise.resolve();
  constructor(
    private readonly lake: Lake,
    private readonly config: Pick<Config, 'CRIMELAKE_DUCKDB_MEMORY_LIMIT'>,
  ) {}

  record(event: AuditEvent): Promise<void> {
    const next = this.tail.then(() => appendAudit(this.lake, this.config, [event]));
    // A failed write must not block later ones; the caller sees the failure through `next`.
    this.tail = next.catch(() => undefined);
    return next;
  }
}
