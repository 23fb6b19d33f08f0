import { describe, expect, it } from 'vitest';
import { createPseudonymiser } from '../../lake/pseudonym.ts';
import { emptyProfile } from '../profile.ts';
import { applyKeyAliases, redactUnreadableLine, redactWebhookBody, redactWebhookLine } from './redact.ts';
import { testKey, wamid } from './test-fixtures.ts';

const p = createPseudonymiser(testKey);

describe('redactWebhookBody', () => {
  it('replaces every sender identifier with one pseudonym and drops names, identity hashes and media ids', () => {
    const waId = '919876543210';
    const userId = 'IN.1180471928376452';
    const input = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '102290129340398',
          changes: [
            {
              field: 'messages',
              value: {
                metadata: { display_phone_number: '915422500100', phone_number_id: '106540352242922' },
                contacts: [
                  { profile: { name: 'Ramesh Kumar' }, wa_id: waId, user_id: userId, identity_key_hash: 'aGFzaA==' },
                ],
                messages: [
                  {
                    from: waId,
                    from_user_id: userId,
                    id: wamid(waId, 'A1'),
                    timestamp: '1736928150',
                    type: 'image',
                    context: { from: '915422500100', id: wamid(waId, 'BOT') },
                    image: {
                      id: '1029384756',
                      url: 'https://lookaside.fbsbx.com/x?mid=1',
                      mime_type: 'image/jpeg',
                      sha256: 'c2hh',
                      caption: 'Ramesh Kumar here, 98765 43210',
                    },
                  },
                ],
              },
            },
          ],
        },
      ],
    };
    const sender = p.sender(waId);
    expect(redactWebhookBody(input, p)).toEqual({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '102290129340398',
          changes: [
            {
              field: 'messages',
              value: {
                metadata: { display_phone_number: '915422500100', phone_number_id: '106540352242922' },
                contacts: [{ wa_id: sender, user_id: sender }],
                messages: [
                  {
                    from: sender,
                    from_user_id: sender,
                    id: p.messageId(wamid(waId, 'A1')),
                    timestamp: '1736928150',
                    type: 'image',
                    context: { from: p.sender('915422500100'), id: p.messageId(wamid(waId, 'BOT')) },
                    image: { mime_type: 'image/jpeg', sha256: 'c2hh', caption: `[name] here, ${sender}` },
                  },
                ],
              },
            },
          ],
        },
      ],
    });
  });

  it('drops shared contact cards and pseudonymises status recipients and system number changes', () => {
    const out = JSON.stringify(
      redactWebhookBody(
        {
          object: 'whatsapp_business_account',
          entry: [
            {
              changes: [
                {
                  field: 'messages',
                  value: {
                    statuses: [{ id: 'wamid.S', status: 'read', recipient_id: '919812300001' }],
                    messages: [
                      {
                        from: '919812300001',
                        id: 'wamid.C',
                        type: 'contacts',
                        contacts: [{ name: { formatted_name: 'Mohan Lal' }, phones: [{ phone: '+91 99880 01122' }] }],
                      },
                      {
                        from: '919812300001',
                        id: 'wamid.Y',
                        type: 'system',
                        system: { body: 'changed', identity: 'abc', new_wa_id: '919812300009' },
                      },
                    ],
                  },
                },
              ],
            },
          ],
        },
        p,
      ),
    );
    expect(out).not.toMatch(/Mohan|9988001122|99880|9812300001|9812300009|"abc"/);
    expect(out).toContain(`"recipient_id":"${p.sender('919812300001')}"`);
    expect(out).toContain(`"new_wa_id":"${p.sender('919812300009')}"`);
  });

  it('renames keys by the profile aliases before redacting', () => {
    const profile = { ...emptyProfile('tips'), headerAliases: { waId: 'wa_id', sender: 'from' } };
    const line = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [{ changes: [{ value: { contacts: [{ waId: '919876543210' }] } }] }],
    });
    expect(redactWebhookLine(line, p, new Map(), profile)).toBe(
      JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [{ changes: [{ value: { contacts: [{ wa_id: p.sender('919876543210') }] } }] }],
      }),
    );
    expect(applyKeyAliases({ a: [{ Sender: 1 }] }, profile)).toEqual({ a: [{ from: 1 }] });
  });
});

describe('redactUnreadableLine', () => {
  it('redacts a truncated body by pattern, including a number cut in half', () => {
    const line =
      '{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"contacts":[{"profile":{"name":"Ravi Shankar"},"wa_id":"919988776655"}],' +
      `"messages":[{"from":"919988776655","id":"${wamid('919988776655', 'T')}","timestamp":"1736928002","type":"text","text":{"body":"Ravi Shankar: call 98765 4`;
    const out = redactUnreadableLine(line, p);
    expect(out).not.toMatch(/Ravi|9988776655|98765|OTE5OTg4/);
    expect(out).toContain(`"from":"${p.sender('919988776655')}"`);
    expect(out).toContain('"timestamp":"1736928002"');
    expect(out).toContain('"body":"[name]: call [number]');
  });
});
