import {
  lookupTables,
  parseFirReference,
  searchByFir,
  searchByName,
  searchByVehicle,
  showPerson,
  type PersonView,
  type Row,
} from '../transforms/resolution/lookup.ts';
import { AccessDeniedError, type Principal } from './access.ts';
import type { AuditLog } from './access-audit.ts';
import { createRoleViews } from './access-gateway.ts';
import type { Config } from './config.ts';
import { withDuckDb } from './duckdb.ts';
import type { Lake } from './lake.ts';

/**
 * Offender-profile lookups (transforms/resolution/lookup.ts) as a role sees them, audited.
 * Investigators look up persons with a home or an FIR in their districts (timelines show their
 * districts' FIRs); analysts are refused (profiles are personal data); admins see all. The
 * lookups are our own parameterised SQL, so the session needs no parse check, only the views.
 */
export interface ProfileAccessInput {
  lake: Lake;
  config: Pick<Config, 'CRIMELAKE_DUCKDB_MEMORY_LIMIT' | 'CRIMELAKE_DUCKDB_THREADS'>;
  principal: Principal;
  audit: AuditLog;
  channel: 'cli' | 'api';
}

export type ProfileSearch = { name: string; limit?: number } | { fir: string } | { vehicle: string };

/** How a search is named in the audit trail. */
export function describeSearch(q: ProfileSearch): string {
  if ('name' in q) return `name: ${q.name}`;
  if ('fir' in q) return `fir: ${q.fir}`;
  return `vehicle: ${q.vehicle}`;
}

function requireProfileRole(principal: Principal): void {
  if (principal.role === 'analyst') {
    throw new AccessDeniedError(`offender profiles are for investigators and admins; ${principal.user} is an analyst`);
  }
}

async function audited<T>(
  input: ProfileAccessInput,
  action: 'profile_search' | 'profile_view',
  target: string,
  count: (r: T) => number,
  fn: () => Promise<T>,
): Promise<T> {
  const startedAt = new Date();
  const t0 = performance.now();
  const base = { principal: input.principal, action, target, channel: input.channel, startedAt };
  let result: T;
  try {
    requireProfileRole(input.principal);
    result = await fn();
  } catch (error) {
    await input.audit.record({
      ...base,
      rowCount: 0,
      outcome: error instanceof AccessDeniedError ? 'refused' : 'error',
      reason: (error as Error).message,
      durationMs: performance.now() - t0,
    });
    throw error;
  }
  await input.audit.record({ ...base, rowCount: count(result), outcome: 'ok', durationMs: performance.now() - t0 });
  return result;
}

export async function auditedProfileSearch(input: ProfileAccessInput, q: ProfileSearch): Promise<Row[]> {
  return audited(input, 'profile_search', describeSearch(q), (r) => r.length, () =>
    withDuckDb(input.config, async (db) => {
      await createRoleViews(db, input.lake, input.principal, new Set(lookupTables));
      if ('fir' in q) return searchByFir(db, parseFirReference(q.fir));
      if ('vehicle' in q) return searchByVehicle(db, q.vehicle);
      return searchByName(db, q.name, { limit: q.limit ?? 20 });
    }),
  );
}

/** One profile; null when no such person exists; refused when it lies outside the grant. */
export async function auditedProfileView(input: ProfileAccessInput, personId: string): Promise<PersonView | null> {
  return audited(input, 'profile_view', personId, (r) => (r ? 1 : 0), () =>
    withDuckDb(input.config, async (db) => {
      const views = await createRoleViews(db, input.lake, input.principal, new Set(lookupTables));
      const view = await showPerson(db, personId);
      if (view || input.principal.role === 'admin') return view;
      const persons = views.relations.get('persons');
      if (persons) {
        const [hit] = await db.all<{ home_district: string | null }>(
          `select home_district from (${persons}) where person_id = $1 limit 1`,
          [personId],
        );
        if (hit) {
          throw new AccessDeniedError(
            `person ${personId} (${hit.home_district ?? 'unknown district'}) is outside the districts granted to ${input.principal.user} (${input.principal.districts.join(', ')})`,
          );
        }
      }
      return null;
    }),
  );
}
