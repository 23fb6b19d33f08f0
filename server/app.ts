import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { AccessDeniedError, authenticate, type AccessConfig, type Principal } from '../lake/access.ts';
import { AuditLog, type AuditAction } from '../lake/access-audit.ts';
import { GatewaySqlError, GatewayTimeoutError, runAuditedQuery } from '../lake/access-gateway.ts';
import { auditedProfileSearch, auditedProfileView, type ProfileSearch } from '../lake/access-profiles.ts';
import type { Config } from '../lake/config.ts';
import type { Lake } from '../lake/lake.ts';
import { NotFoundError } from '../lake/storage.ts';
import { LookupError } from '../transforms/resolution/lookup.ts';

/**
 * The HTTP API of `crimelake serve`: bearer-token users from the access config, every profile
 * lookup and SQL query through the role-masked, audited gateway, and the published reports.
 * The audit table has no write route: it grows only by the requests themselves.
 */
export interface ApiDeps {
  lake: Lake;
  config: Config;
  access: AccessConfig;
  /** Where the users' tokens are (CRIMELAKE_TOKEN_<USER>). */
  env: Record<string, string | undefined>;
}

type Env = { Variables: { principal: Principal } };

const sqlBody = z.object({
  sql: z.string().min(1).max(100_000),
  limit: z.number().int().positive().optional(),
});

const contentTypes: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
  svg: 'image/svg+xml',
  png: 'image/png',
};

function jsonSafe(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_k, v: unknown) =>
      typeof v === 'bigint' ? (Number.isSafeInteger(Number(v)) ? Number(v) : v.toString()) : v,
    ),
  );
}

function statusOf(error: unknown): 400 | 401 | 403 | 404 | 408 | 500 {
  if (error instanceof AccessDeniedError) return error.status;
  if (error instanceof GatewayTimeoutError) return 408;
  if (error instanceof GatewaySqlError || error instanceof LookupError) return 400;
  if (error instanceof NotFoundError) return 404;
  return 500;
}

export function createApp(deps: ApiDeps): Hono<Env> {
  const app = new Hono<Env>();
  const audit = new AuditLog(deps.lake, deps.config);
  const base = { lake: deps.lake, config: deps.config, audit, channel: 'api' as const };

  app.onError((error, c) => {
    const status = statusOf(error);
    if (status === 500) deps.lake.log.error('request failed', { path: c.req.path, error: error.message });
    return c.json({ error: status === 500 ? 'internal error' : error.message }, status);
  });

  /** Authenticates, auditing refused tokens on the audited routes. */
  const auth = (action: AuditAction | undefined) => async (c: Context<Env>, next: () => Promise<void>) => {
    const header = c.req.header('authorization') ?? '';
    const token = header.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : undefined;
    try {
      c.set('principal', authenticate(deps.access, token, deps.env));
    } catch (error) {
      if (action) {
        await audit.record({
          principal: undefined,
          action,
          target: c.req.path,
          channel: 'api',
          rowCount: 0,
          outcome: 'refused',
          reason: (error as Error).message,
          startedAt: new Date(),
          durationMs: 0,
        });
      }
      throw error;
    }
    await next();
  };

  app.get('/health', (c) => c.json({ ok: true }));

  app.get('/profiles/search', auth('profile_search'), async (c) => {
    const { name, fir, vehicle, limit } = c.req.query();
    const given = [name, fir, vehicle].filter((x) => x !== undefined && x !== '');
    if (given.length !== 1) return c.json({ error: 'give exactly one of: name, fir, vehicle' }, 400);
    const n = limit === undefined ? 20 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 200) return c.json({ error: 'limit must be an integer 1-200' }, 400);
    const q: ProfileSearch = fir ? { fir } : vehicle ? { vehicle } : { name: name as string, limit: n };
    const rows = await auditedProfileSearch({ ...base, principal: c.get('principal') }, q);
    return c.json({ results: jsonSafe(rows) });
  });

  app.get('/profiles/:id', auth('profile_view'), async (c) => {
    const id = c.req.param('id') ?? '';
    const view = await auditedProfileView({ ...base, principal: c.get('principal') }, id);
    if (!view) return c.json({ error: `no person ${id}` }, 404);
    return c.json(jsonSafe(view) as Record<string, unknown>);
  });

  app.post('/sql', auth('sql'), async (c) => {
    const parsed = sqlBody.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ error: 'body must be JSON {"sql": "select …", "limit"?: n}' }, 400);
    const r = await runAuditedQuery({
      ...base,
      principal: c.get('principal'),
      sql: parsed.data.sql,
      rowLimit: parsed.data.limit,
    });
    return c.json(
      jsonSafe({ columns: r.columns, rows: r.rows, rowCount: r.rowCount, truncated: r.truncated }) as Record<
        string,
        unknown
      >,
    );
  });

  /** Published reports: `GET /reports/` lists, `GET /reports/<report>/<period>/<file>` serves. */
  app.get('/reports/*', auth(undefined), async (c) => {
    const rel = decodeURIComponent(c.req.path.slice('/reports/'.length));
    if (rel.split('/').some((p) => p === '..' || p === '.') || rel.includes('\\') || rel.startsWith('/')) {
      return c.json({ error: 'bad path' }, 400);
    }
    if (rel === '' || rel.endsWith('/')) {
      const files: string[] = [];
      for await (const o of deps.lake.storage.list(`published/${rel}`)) {
        if (!o.key.split('/').some((p) => p.startsWith('.'))) files.push(o.key.slice('published/'.length));
      }
      return c.json({ files });
    }
    const body = await deps.lake.storage.get(`published/${rel}`);
    const ext = rel.split('.').pop() ?? '';
    return c.body(new Uint8Array(body), 200, { 'content-type': contentTypes[ext] ?? 'application/octet-stream' });
  });

  return app;
}
