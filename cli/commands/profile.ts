import { defineCommand } from 'citty';
import { AccessDeniedError, loadAccessConfig, principalFromEnv, type Principal } from '../../lake/access.ts';
import { AuditLog, type AuditAction } from '../../lake/access-audit.ts';
import {
  auditedProfileSearch,
  auditedProfileView,
  describeSearch,
  type ProfileSearch,
} from '../../lake/access-profiles.ts';
import { withDuckDb } from '../../lake/duckdb.ts';
import { attachLake } from '../../lake/session.ts';
import {
  LookupError,
  lookupTables,
  parseFirReference,
  searchByFir,
  searchByName,
  searchByVehicle,
  showPerson,
  type PersonView,
  type Row,
} from '../../transforms/resolution/lookup.ts';
import { cliContext, lakeArgs, runVerb, UsageError, type CliContext } from '../context.ts';
import { formatTable, jsonReplacer } from '../format.ts';

const formatArg = {
  format: { type: 'enum' as const, options: ['table', 'json'], default: 'table', description: 'Output format' },
};

const asArg = {
  as: {
    type: 'string' as const,
    description:
      'Look up as this user of $CRIMELAKE_ACCESS_CONFIG (token in CRIMELAKE_TOKEN_<USER>): investigators see their districts, analysts are refused, every lookup is audited. Without it the CLI is the local admin',
    valueHint: 'user',
  },
};

/**
 * The user of `--as`, as the API authenticates a token: a refusal (unknown user, no token) is
 * audited like the API's refused tokens, then thrown.
 */
async function principalOf(
  ctx: CliContext,
  user: string,
  audit: AuditLog,
  action: AuditAction,
  target: string,
): Promise<Principal> {
  const access = loadAccessConfig(ctx.config.CRIMELAKE_ACCESS_CONFIG);
  try {
    return principalFromEnv(access, user, process.env);
  } catch (error) {
    if (error instanceof AccessDeniedError) {
      await audit.record({
        principal: undefined,
        action,
        target,
        channel: 'cli',
        rowCount: 0,
        outcome: 'refused',
        reason: error.message,
        startedAt: new Date(),
        durationMs: 0,
      });
    }
    throw error;
  }
}

function usageOnLookupError(error: unknown): never {
  throw error instanceof LookupError ? new UsageError(error.message) : error;
}

/** A search: with `--as` through the role views and audited, as the API does; else as the local admin. */
async function searchProfiles(args: { lake?: string; as?: string }, q: ProfileSearch): Promise<Row[]> {
  const ctx = cliContext(args);
  if (args.as) {
    const audit = new AuditLog(ctx.lake, ctx.config);
    const principal = await principalOf(ctx, args.as, audit, 'profile_search', describeSearch(q));
    return auditedProfileSearch({ ...ctx, principal, audit, channel: 'cli' }, q).catch(usageOnLookupError);
  }
  return withDuckDb(ctx.config, async (db) => {
    await attachLake(db, ctx.lake, { mentionedIn: lookupTables.join(' ') });
    if ('fir' in q) return searchByFir(db, parseFirReference(q.fir));
    if ('vehicle' in q) return searchByVehicle(db, q.vehicle);
    return searchByName(db, q.name, { limit: q.limit });
  }).catch(usageOnLookupError);
}

async function viewProfile(args: { lake?: string; as?: string }, personId: string): Promise<PersonView | null> {
  const ctx = cliContext(args);
  if (args.as) {
    const audit = new AuditLog(ctx.lake, ctx.config);
    const principal = await principalOf(ctx, args.as, audit, 'profile_view', personId);
    return auditedProfileView({ ...ctx, principal, audit, channel: 'cli' }, personId);
  }
  return withDuckDb(ctx.config, async (db) => {
    await attachLake(db, ctx.lake, { mentionedIn: lookupTables.join(' ') });
    return showPerson(db, personId);
  });
}

function json(value: unknown): string {
  return JSON.stringify(value, jsonReplacer, 2) + '\n';
}

/** JSON text columns (names, aliases, vehicles …) as values in --format json. */
function parseJsonColumns(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    out[k] = typeof v === 'string' && /^[[{]/.test(v) ? safeParse(v) : v;
  }
  return out;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function list(text: unknown): string {
  const v = typeof text === 'string' ? safeParse(text) : text;
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join('; ');
  if (v && typeof v === 'object')
    return Object.entries(v)
      .map(([k, n]) => `${k} ${String(n)}`)
      .join(', ');
  return v === null || v === undefined ? '' : String(v);
}

function vehiclesText(text: unknown): string {
  const v = typeof text === 'string' ? safeParse(text) : text;
  if (!Array.isArray(v) || v.length === 0) return '';
  return v
    .map((x: Record<string, unknown>) =>
      [
        x.registration_number,
        x.maker_model,
        x.registered_owner ? `owner ${String(x.registered_owner)}` : '',
        `FIR ${String(x.fir_id)}`,
      ]
        .filter((s) => s)
        .join(', '),
    )
    .join('; ');
}

function date(v: unknown): string {
  return v instanceof Date ? v.toISOString().slice(0, 10) : v === null || v === undefined ? '' : String(v);
}

export function formatPersonView(view: PersonView): string {
  const p = view.profile;
  const lines: string[] = [];
  if (view.mergedFrom) lines.push(`(${view.mergedFrom} was merged into ${String(p.person_id)})`, '');
  lines.push(`${String(p.person_id)}  ${String(p.name)}${p.name_devanagari ? ` (${String(p.name_devanagari)})` : ''}`);
  const field = (label: string, value: string) => {
    if (value !== '') lines.push(`  ${label.padEnd(18)} ${value}`);
  };
  field('names', list(p.names));
  field('aliases', list(p.aliases));
  field("father's name", list(p.father_names) || String(p.father_name ?? ''));
  field(
    'sex, age band',
    [p.sex, p.age_band, p.birth_year ? `born ~${String(p.birth_year)}` : ''].filter((x) => x).join(', '),
  );
  field('addresses', list(p.addresses));
  field('districts', list(p.districts));
  field('FIRs', `${String(p.fir_count)} (first ${date(p.first_offence_at)}, last ${date(p.last_offence_at)})`);
  field('crime groups', list(p.crime_groups));
  field(
    'cases',
    `${String(p.charge_sheeted_count)} charge-sheeted, ${String(p.pending_count)} under investigation; ${String(p.arrest_count)} arrests`,
  );
  field('co-accused', String(p.co_accused_count));
  field('vehicles', vehiclesText(p.vehicles));
  field('habitual offender', p.is_habitual_offender ? `yes: ${String(p.habitual_reason ?? '')}` : 'no');
  field('risk score', `${String(p.risk_score)}: ${list(p.risk_reasons)}`);
  lines.push('', 'FIR timeline');
  lines.push(
    formatTable(
      ['registered_at', 'fir_id', 'crime_group', 'status', 'recorded_name', 'age', 'link_fields'],
      view.timeline.map((r) => ({ ...r, registered_at: date(r.registered_at) })),
    ),
  );
  lines.push('', 'Co-accused');
  lines.push(formatTable(['person_id', 'name', 'father_name', 'shared_fir_count', 'total_fir_count'], view.coAccused));
  return lines.join('\n') + '\n';
}

const search = defineCommand({
  meta: {
    name: 'search',
    description: 'Find persons by name (Hindi or English spelling, fuzzy, ranked), by FIR or by vehicle number',
  },
  args: {
    name: {
      type: 'positional',
      required: false,
      description: 'Name to search for, in either script ("राजेश कुमार यादव", "Rajesh Yadav s/o Ram Prasad")',
    },
    fir: { type: 'string', description: 'FIR as district/thana/number/year, e.g. Varanasi/Kotwali/0123/2024' },
    vehicle: { type: 'string', description: 'Registration number of a seized vehicle, e.g. UP65AB1234' },
    limit: { type: 'string', default: '20', description: 'Most results (name search)' },
    ...lakeArgs,
    ...formatArg,
    ...asArg,
  },
  async run({ args }) {
    await runVerb(async () => {
      const given = [args.name, args.fir, args.vehicle].filter((x) => x !== undefined && x !== '');
      if (given.length !== 1) throw new UsageError('give exactly one of: a name, --fir or --vehicle');
      const limit = Number(args.limit);
      if (!Number.isInteger(limit) || limit < 1)
        throw new UsageError(`--limit must be a positive integer, got ${args.limit}`);
      const q: ProfileSearch = args.fir
        ? { fir: args.fir }
        : args.vehicle
          ? { vehicle: args.vehicle }
          : { name: args.name as string, limit };
      const rows = await searchProfiles(args, q);
      if (args.format === 'json') {
        process.stdout.write(json(rows));
      } else {
        const columns = rows.length > 0 ? Object.keys(rows[0] as Row) : ['person_id'];
        process.stdout.write(formatTable(columns, rows) + '\n');
      }
      return 0;
    });
  },
});

const show = defineCommand({
  meta: { name: 'show', description: 'Show one offender profile with its FIR timeline and co-accused' },
  args: {
    person_id: { type: 'positional', required: true, description: 'Person id (from profile search)' },
    ...lakeArgs,
    ...formatArg,
    ...asArg,
  },
  async run({ args }) {
    await runVerb(async () => {
      const view = await viewProfile(args, args.person_id);
      if (!view) throw new UsageError(`no person ${args.person_id}`);
      if (args.format === 'json') {
        process.stdout.write(
          json({
            mergedFrom: view.mergedFrom,
            profile: parseJsonColumns(view.profile),
            timeline: view.timeline,
            coAccused: view.coAccused.map(parseJsonColumns),
          }),
        );
      } else {
        process.stdout.write(formatPersonView(view));
      }
    });
  },
});

export default defineCommand({
  meta: { name: 'profile', description: 'Offender profiles: search persons and show a profile (investigators)' },
  subCommands: { search, show },
});
