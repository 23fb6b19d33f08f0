import { z } from 'zod';
import { col, defineTable, lineageColumns } from '../../lake/contract.ts';

export const tipMessages = defineTable({
  name: 'tip_messages',
  description: 'Inbound WhatsApp tip-bot messages from the Cloud API webhooks, informant pseudonymised',
  grain: 'one row per inbound webhook message',
  key: ['message_id'],
  replaceKey: ['message_id'],
  partitionBy: ['month'],
  schema: z.object({
    message_id: col.varchar(
      'Natural key: keyed hash (msg_…) of the WhatsApp message id (a wamid embeds the sender number, so it is never kept)',
    ),
    month: col.varchar('Month the message was sent, in IST, YYYY-MM; Hive partition'),
    sender_id: col.varchar(
      'Informant pseudonym (inf_…): keyed HMAC of the phone number, or of the business-scoped user id when no number came; the same sender always has the same one',
    ),
    received_at: col.timestamptz('When the informant sent the message (webhook timestamp, UTC)'),
    kind: col.varchar(
      'Message type: text, image, audio, video, location, interactive, document, sticker, button, reaction, …',
    ),
    text: col.opt.varchar(
      'Text body, media caption or button text (Hindi or English); phone numbers masked as pseudonyms',
    ),
    latitude: col.opt.double('Latitude of a shared location (WGS84)'),
    longitude: col.opt.double('Longitude of a shared location (WGS84)'),
    h3_cell: col.opt.varchar('H3 cell (resolution 8) of a shared location'),
    location_name: col.opt.varchar('Name of a shared location, phone numbers masked'),
    location_address: col.opt.varchar('Address of a shared location, phone numbers masked'),
    reply_id: col.opt.varchar('Id of the menu button or list row the informant chose (interactive or button messages)'),
    reply_title: col.opt.varchar('Title of the chosen menu button or list row'),
    tip_language: col.opt.varchar(
      'Tip language set by this reply (hi, en, ur, bho, …), when the reply chooses a language',
    ),
    tip_category: col.opt.varchar(
      'Tip category code set by this reply (cow_smuggling, …), when the reply chooses a category',
    ),
    context_message_id: col.opt.varchar('Keyed hash (msg_…) of the message this one replies to'),
    is_forwarded: col.boolean('Whether WhatsApp marked the message as forwarded'),
    bot_phone_number_id: col.opt.varchar(
      'Phone number id of the bot line that received the message (the business side)',
    ),
    ...lineageColumns,
  }),
});
