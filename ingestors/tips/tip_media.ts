import { z } from 'zod';
import { col, defineTable, lineageColumns } from '../../lake/contract.ts';

export const tipMedia = defineTable({
  name: 'tip_media',
  description: 'Metadata of the media informants sent to the tip bot (the media itself, its id and URL are not kept)',
  grain: 'one row per media item of an inbound message',
  key: ['message_id', 'media_index'],
  replaceKey: ['message_id'],
  partitionBy: ['month'],
  schema: z.object({
    message_id: col.varchar('Keyed hash (msg_…) of the WhatsApp message id; joins tip_messages'),
    media_index: col.integer('1, 2, … within the message'),
    month: col.varchar('Month the message was sent, in IST, YYYY-MM; Hive partition'),
    kind: col.varchar('image, audio, video, document or sticker'),
    mime_type: col.opt.varchar('MIME type as WhatsApp reported it, e.g. image/jpeg'),
    size_bytes: col.opt.integer('Size in bytes, when the webhook carries it'),
    sha256: col.opt.varchar(
      'SHA-256 of the media file as WhatsApp reported it (base64): finds the same photo sent twice',
    ),
    is_voice: col.opt.boolean('For audio: a voice note recorded in WhatsApp'),
    received_at: col.timestamptz('When the message was sent (UTC)'),
    ...lineageColumns,
  }),
});
