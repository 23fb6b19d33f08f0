import { maskPhoneNumbers, type Pseudonymiser } from '../../lake/pseudonym.ts';
import type { Profile } from '../profile.ts';
import { applyJsonProfile, type JsonObject } from './collector.ts';
import type { PoliceAccounts } from './police-accounts.ts';
import { dmEventsOf } from './x.ts';

/**
 * A citizen who writes to a police account by DM is treated like a WhatsApp informant: before
 * anything is written (the landed raw copy and the quarantine included), a DM response is
 * rewritten keeping only the fields crimelake reads, with every non-police user id replaced by a
 * keyed pseudonym (`inf_…`, HMAC under CRIMELAKE_INFORMANT_KEY) and phone numbers in the text
 * masked. Our own accounts' ids are kept.
 */
const keptEventKeys = [
  'id',
  'event_type',
  'text',
  'sender_id',
  'dm_conversation_id',
  'created_at',
  'participant_ids',
  'referenced_tweets',
  'attachments',
];

export function pseudonymiseDmPage(
  page: JsonObject,
  p: Pseudonymiser,
  accounts: PoliceAccounts,
  profile: Profile | undefined,
): JsonObject {
  const userId = (v: unknown): string | undefined => {
    if (typeof v !== 'string' && typeof v !== 'number') return undefined;
    const id = String(v).trim();
    // Scoped by platform, so an X user id is never read as a phone number.
    return accounts.byAccountId('x', id) ? id : p.sender(`x:${id}`);
  };
  const { value, key } = dmEventsOf(page);
  const events = Array.isArray(value)
    ? value.map((e) => {
        if (e === null || typeof e !== 'object' || Array.isArray(e))
          return '(not a JSON object: removed, it may hold personal data)';
        const src = applyJsonProfile(e as JsonObject, profile);
        const out: JsonObject = {};
        for (const k of keptEventKeys) if (k in src) out[k] = src[k];
        const sender = userId(src.sender_id);
        if (sender === undefined) delete out.sender_id;
        else out.sender_id = sender;
        if (typeof src.dm_conversation_id === 'string') {
          out.dm_conversation_id = src.dm_conversation_id
            .split('-')
            .map((part) => userId(part))
            .join('-');
        } else delete out.dm_conversation_id;
        if (Array.isArray(src.participant_ids))
          out.participant_ids = src.participant_ids.map((x) => userId(x) ?? '(removed)');
        else delete out.participant_ids;
        if (typeof src.text === 'string') out.text = maskPhoneNumbers(src.text, p);
        return out;
      })
    : value === undefined
      ? undefined
      : '(not an array: removed, it may hold personal data)';
  const includes = page.includes as JsonObject | undefined;
  const users = Array.isArray(includes?.users)
    ? includes.users.filter((u) => accounts.byAccountId('x', String((u as JsonObject | null)?.id ?? '')) !== undefined)
    : undefined;
  return {
    [key]: events,
    ...(users && users.length > 0 ? { includes: { users } } : {}),
    ...(page.meta !== undefined ? { meta: page.meta } : {}),
  };
}
