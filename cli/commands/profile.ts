import { defineCommand } from 'citty';
import { withDuckDb, type DuckDb } from '../../lake/duckdb.ts';
import type { Lake } from '../../lake/lake.ts';
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
import { cliContext, lakeArgs, runVerb, UsageError } from '../context.ts';
import { formatTable, jsonReplacer } from '../format.ts';

const formatArg = {
  format: { type: 'enum' as const, options: ['table', 'json'], default: 'table', description: 'Output format' },
};

async function withLookup<T>(args: { lake?: string }, fn: (db: DuckDb, lake: Lake) => Promise<T>): Promise<T> {
  const { config, lake } = cliContext(args);
  return withDuckDb(config, async (db) => {
    await attachLake(db, lake, { mentionedIn: lookupTables.join(' ') });
    return fn(db, lake);
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
  },
  async run({ args }) {
    await runVerb(async () => {
      const given = [args.name, args.fir, args.vehicle].filter((x) => x !== undefined && x !== '');
      if (given.length !== 1) throw new UsageError('give exactly one of: a name, --fir or --vehicle');
      const limit = Number(args.limit);
      if (!Number.isInteger(limit) || limit < 1)
        throw new UsageError(`--limit must be a positive integer, got ${args.limit}`);
      const rows = await withLookup(args, async (db) => {
        try {
          if (args.fir) return await searchByFir(db, parseFirReference(args.fir));
          if (args.vehicle) return await searchByVehicle(db, args.vehicle);
          return await searchByName(db, args.name as string, { limit });
        } catch (error) {
          if (error instanceof LookupError) throw new UsageError(error.message);
          throw error;
        }
      });
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
  },
  async run({ args }) {
    await runVerb(async () => {
      const view = await withLookup(args, (db) => showPerson(db, args.person_id));
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
