import crypto from 'node:crypto';
import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { districts as rangeDistricts } from '../reference/range.ts';

/**
 * Who may see what: users, their role and granted districts come from a YAML file
 * (`CRIMELAKE_ACCESS_CONFIG`, see config/access.example.yaml); their tokens come from the
 * environment (`CRIMELAKE_TOKEN_<USER>`), or the file holds only a token's SHA-256 — never a
 * secret in code, in the file or in the lake.
 */
export const roles = ['analyst', 'investigator', 'admin'] as const;
export type Role = (typeof roles)[number];

const districtName = z.string().regex(/^[A-Za-z][A-Za-z .-]*$/, 'a district name in English, e.g. Jaunpur');

const userSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_.-]*$/, 'lowercase letters, digits, _ . -'),
  role: z.enum(roles),
  districts: z.array(districtName).default([]),
  token_sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional()
    .describe('SHA-256 (hex) of the token, when the token itself is not in CRIMELAKE_TOKEN_<USER>'),
});

export const accessConfigSchema = z.object({ users: z.array(userSchema).min(1) }).superRefine((c, ctx) => {
  const seen = new Set<string>();
  for (const [i, u] of c.users.entries()) {
    if (seen.has(u.name)) ctx.addIssue({ code: 'custom', path: ['users', i, 'name'], message: `duplicate user ${u.name}` });
    seen.add(u.name);
    if (u.role === 'investigator' && u.districts.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['users', i, 'districts'], message: `investigator ${u.name} has no districts` });
    }
  }
});

export type AccessConfig = z.output<typeof accessConfigSchema>;
export type AccessUser = AccessConfig['users'][number];

/** The user a request or command acts as. `districts` is only meaningful for investigators. */
export interface Principal {
  user: string;
  role: Role;
  districts: readonly string[];
}

/** The CLI without `--as`: whoever can run it on the lake's machine already holds the files. */
export const localAdmin: Principal = { user: 'local', role: 'admin', districts: [] };

export class AccessConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccessConfigError';
  }
}

/** A refusal: authentication, role, district or a forbidden SQL construct. */
export class AccessDeniedError extends Error {
  constructor(
    message: string,
    readonly status: 401 | 403 | 400 = 403,
  ) {
    super(message);
    this.name = 'AccessDeniedError';
  }
}

export function parseAccessConfig(text: string, source = 'access config'): AccessConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new AccessConfigError(`${source}: not YAML: ${(error as Error).message}`);
  }
  const parsed = accessConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AccessConfigError(`${source}: ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`);
  }
  const known = new Set(rangeDistricts.map((d) => d.nameEn.toLowerCase()));
  for (const u of parsed.data.users) {
    for (const d of u.districts) {
      if (!known.has(d.toLowerCase())) throw new AccessConfigError(`${source}: user ${u.name}: unknown district ${d}`);
    }
  }
  return parsed.data;
}

export function loadAccessConfig(file: string | undefined): AccessConfig {
  if (!file) {
    throw new AccessConfigError('no access configuration: set CRIMELAKE_ACCESS_CONFIG to a users file (see config/access.example.yaml)');
  }
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new AccessConfigError(`cannot read access config ${file}: ${(error as Error).message}`);
  }
  return parseAccessConfig(text, file);
}

/** `CRIMELAKE_TOKEN_<USER>`: the user name upper-cased, other characters as `_`. */
export function tokenVariable(user: string): string {
  return 'CRIMELAKE_TOKEN_' + user.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

function sha256(text: string): Buffer {
  return crypto.createHash('sha256').update(text, 'utf8').digest();
}

function principalOf(u: AccessUser): Principal {
  return { user: u.name, role: u.role, districts: u.role === 'investigator' ? u.districts : [] };
}

/** The user a bearer token belongs to (constant-time comparison of hashes), or a 401 refusal. */
export function authenticate(
  access: AccessConfig,
  token: string | undefined,
  env: Record<string, string | undefined>,
): Principal {
  if (!token) throw new AccessDeniedError('missing token: send "Authorization: Bearer <token>"', 401);
  const presented = sha256(token);
  let match: AccessUser | undefined;
  for (const u of access.users) {
    const secret = env[tokenVariable(u.name)];
    const expected = secret && secret.length > 0 ? sha256(secret) : u.token_sha256 ? Buffer.from(u.token_sha256, 'hex') : undefined;
    // Every user is compared, so the time taken does not tell which one matched.
    if (expected && crypto.timingSafeEqual(expected, presented)) match = u;
  }
  if (!match) throw new AccessDeniedError('invalid token', 401);
  return principalOf(match);
}

/** The CLI's `--as <user>`: the user's token must be in its environment variable. */
export function principalFromEnv(
  access: AccessConfig,
  user: string,
  env: Record<string, string | undefined>,
): Principal {
  const u = access.users.find((x) => x.name === user);
  if (!u) throw new AccessDeniedError(`unknown user ${user}`, 401);
  const token = env[tokenVariable(u.name)];
  if (!token) throw new AccessDeniedError(`--as ${user} needs the user's token in ${tokenVariable(u.name)}`, 401);
  return authenticate(access, token, env);
}

/**
 * Personal columns per table: masked for analysts (and for investigators outside their
 * districts). Text columns only; a masked value reads `[masked]`, NULL stays NULL so counts of
 * missing values still work.
 */
export const personalColumns: Readonly<Record<string, readonly string[]>> = {
  firs: ['brief_facts'],
  fir_accused: ['name', 'alias', 'father_name', 'address'],
  fir_victims: ['name', 'address'],
  arrests: ['name'],
  vehicles: ['owner_name', 'chassis_number', 'engine_number'],
  persons: ['name', 'name_devanagari', 'father_name'],
  person_records: ['name', 'name_latin', 'name_key', 'alias', 'father_name', 'father_name_latin', 'father_key', 'alias_key', 'address'],
  offender_profiles: ['name', 'name_devanagari', 'names', 'aliases', 'father_name', 'father_names', 'addresses', 'vehicles'],
};

export const maskedValue = '[masked]';

/** Tables only admins may query (the audit trail itself). */
export const adminOnlyTables: ReadonlySet<string> = new Set(['audit']);

/** The column naming a personal row's district, for investigators' row filters. */
export const districtColumn: Readonly<Record<string, string>> = {
  fir_accused: 'district',
  fir_victims: 'district',
  arrests: 'district',
  person_records: 'district',
  persons: 'home_district',
  offender_profiles: 'home_district',
};

export function isPersonalTable(table: string): boolean {
  return table in personalColumns;
}

/** The canonical name of a range district mentioned in text, if any (case-insensitive). */
export function districtsNamedIn(text: string): string[] {
  const lower = text.toLowerCase();
  return rangeDistricts.filter((d) => lower.includes(d.nameEn.toLowerCase()) || text.includes(d.nameHi)).map((d) => d.nameEn);
}

export function grants(principal: Principal, district: string): boolean {
  if (principal.role === 'admin') return true;
  if (principal.role === 'analyst') return false;
  return principal.districts.some((d) => d.toLowerCase() === district.toLowerCase());
}
