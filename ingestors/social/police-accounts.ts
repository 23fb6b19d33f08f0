import fs from 'node:fs';
import YAML from 'yaml';
import { z } from 'zod';
import { platforms, type Platform } from '../../schemas/social/account-stats-row.ts';

/**
 * Our own police accounts: they decide `is_police_account`, which police account an item
 * belongs to or mentions, and the state of our insights and channel statistics. The default is
 * the state police's main accounts as the samples and the generator write them; a site passes its
 * own list (district accounts, a different state) through `loadPoliceAccounts`.
 */
export const policeAccountSchema = z.object({
  platform: z.enum(platforms),
  /** Canonical name: the handle without @ (X, Instagram) or the page / channel name. */
  account: z.string().min(1),
  state: z.string().min(1),
  /** Platform ids of the account (X user id, Facebook page id, Instagram user id, YouTube channel id). */
  ids: z.array(z.string()).default([]),
  /** Other spellings (display name, @handle, custom URL); matched case-insensitively. */
  aliases: z.array(z.string()).default([]),
});
export type PoliceAccount = z.output<typeof policeAccountSchema>;

export const policeAccountsFileSchema = z.object({ policeAccounts: z.array(policeAccountSchema).min(1) });

export const defaultPoliceAccounts: readonly PoliceAccount[] = [
  { platform: 'x', account: 'bihar_police', state: 'Bihar', ids: ['2909431428'], aliases: ['Bihar Police'] },
  { platform: 'facebook', account: 'Bihar Police', state: 'Bihar', ids: ['174218869307016'], aliases: ['biharpolice'] },
  {
    platform: 'instagram',
    account: 'bihar_police',
    state: 'Bihar',
    ids: ['17841403265219880'],
    aliases: ['Bihar Police'],
  },
  {
    platform: 'youtube',
    account: 'Bihar Police',
    state: 'Bihar',
    ids: ['UCq0bVfN2oT8zvbHB8NGpzTw'],
    aliases: ['@biharpolice', 'biharpolice'],
  },
];

export class PoliceAccountsError extends Error {
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'PoliceAccountsError';
  }
}

/** Reads a police account list (YAML or JSON: `policeAccounts: [{platform, account, state, ids, aliases}]`). */
export function loadPoliceAccounts(file: string): PoliceAccount[] {
  let data: unknown;
  try {
    data = YAML.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PoliceAccountsError(
      file,
      `cannot read the police account list: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  const parsed = policeAccountsFileSchema.safeParse(data);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new PoliceAccountsError(file, `${i?.path.join('.') || '(list)'}: ${i?.message}`);
  }
  return parsed.data.policeAccounts;
}

const norm = (s: string) => s.trim().replace(/^@/, '').toLowerCase();

/** Looks accounts up by platform id or name (handle, page name, alias). */
export class PoliceAccounts {
  private readonly byId = new Map<string, PoliceAccount>();
  private readonly byName = new Map<string, PoliceAccount>();

  constructor(readonly list: readonly PoliceAccount[]) {
    for (const a of list) {
      for (const i of a.ids) this.byId.set(`${a.platform}:${i}`, a);
      for (const n of [a.account, ...a.aliases]) this.byName.set(`${a.platform}:${norm(n)}`, a);
    }
  }

  byAccountId(platform: Platform, id: string | null | undefined): PoliceAccount | undefined {
    return id ? this.byId.get(`${platform}:${id}`) : undefined;
  }

  byAccountName(platform: Platform, name: string | null | undefined): PoliceAccount | undefined {
    return name ? this.byName.get(`${platform}:${norm(name)}`) : undefined;
  }

  /** By id first, then by any of the names. */
  find(
    platform: Platform,
    id: string | null | undefined,
    ...names: (string | null | undefined)[]
  ): PoliceAccount | undefined {
    return (
      this.byAccountId(platform, id) ?? names.map((n) => this.byAccountName(platform, n)).find((a) => a !== undefined)
    );
  }

  /** The platform's account when the list has exactly one: the owner of a page's own export. */
  only(platform: Platform): PoliceAccount | undefined {
    const all = this.list.filter((a) => a.platform === platform);
    return all.length === 1 ? all[0] : undefined;
  }
}
