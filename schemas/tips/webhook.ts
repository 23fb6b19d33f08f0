import { z } from 'zod';

/**
 * One webhook body of the WhatsApp Business Cloud API, as the tip bot receives it (one JSON body
 * per line), after redaction: sender identifiers are pseudonyms (`inf_…`), message ids keyed
 * hashes (`msg_…`), profile names, identity key hashes and media ids/URLs gone.
 * Only what the tip tables use is typed; unknown fields are ignored.
 */
const notUnixTime = 'not a unix time in seconds (a number or a string of digits)';
const unixSeconds = z
  .union([z.string().regex(/^\d+$/, notUnixTime), z.number().int(notUnixTime)], { error: notUnixTime })
  .transform((v, ctx) => {
    const s = Number(v);
    // WhatsApp Business dates from 2018; 2100 guards against milliseconds.
    if (s < 1_500_000_000 || s > 4_102_444_800) {
      ctx.addIssue({ code: 'custom', message: `not a plausible unix time in seconds: ${v}` });
      return z.NEVER;
    }
    return new Date(s * 1000);
  });

const coordinate = (min: number, max: number) =>
  z
    .union([
      z.number(),
      z
        .string()
        .regex(/^[+-]?\d+(\.\d+)?$/)
        .transform(Number),
    ])
    .pipe(z.number().min(min).max(max));

const media = z.object({
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  file_size: z.number().int().nonnegative().max(2_147_483_647).optional(),
  voice: z.boolean().optional(),
  animated: z.boolean().optional(),
});
export type WebhookMedia = z.output<typeof media>;

const reply = z.object({ id: z.string(), title: z.string().optional(), description: z.string().optional() });

export const webhookMessage = z
  .object({
    from: z.string().min(1).optional(),
    from_user_id: z.string().min(1).optional(),
    id: z.string({ error: 'required: the message id' }).min(1, 'required: the message id'),
    timestamp: unixSeconds,
    type: z.string({ error: 'required: the message type' }).min(1),
    text: z.object({ body: z.string() }).optional(),
    image: media.optional(),
    audio: media.optional(),
    video: media.optional(),
    document: media.optional(),
    sticker: media.optional(),
    location: z
      .object({
        latitude: coordinate(-90, 90),
        longitude: coordinate(-180, 180),
        name: z.string().optional(),
        address: z.string().optional(),
      })
      .optional(),
    interactive: z
      .object({
        type: z.string(),
        button_reply: reply.optional(),
        list_reply: reply.optional(),
      })
      .optional(),
    button: z.object({ payload: z.string().optional(), text: z.string().optional() }).optional(),
    context: z
      .object({
        id: z.string().optional(),
        forwarded: z.boolean().optional(),
        frequently_forwarded: z.boolean().optional(),
      })
      .optional(),
  })
  .superRefine((m, ctx) => {
    if (m.from === undefined && m.from_user_id === undefined) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'no sender: neither from nor from_user_id' });
    }
    const needs: Record<string, unknown> = {
      text: m.text,
      image: m.image,
      audio: m.audio,
      video: m.video,
      document: m.document,
      sticker: m.sticker,
      location: m.location,
      interactive: m.interactive,
    };
    if (m.type in needs && needs[m.type] === undefined) {
      ctx.addIssue({ code: 'custom', path: [m.type], message: `a ${m.type} message without its ${m.type} object` });
    }
  });
export type WebhookMessage = z.output<typeof webhookMessage>;

export const webhookBody = z.object({
  object: z.literal('whatsapp_business_account', {
    error: 'not a WhatsApp Business webhook (object must be whatsapp_business_account)',
  }),
  entry: z.array(
    z.object({
      id: z.string().optional(),
      changes: z.array(
        z.object({
          field: z.string(),
          value: z.object({
            metadata: z.object({ phone_number_id: z.string().optional() }).optional(),
            messages: z.array(webhookMessage).optional(),
          }),
        }),
      ),
    }),
    { error: 'required: the entry array' },
  ),
});
export type WebhookBody = z.output<typeof webhookBody>;
