import { z } from 'zod';
import { col, defineTable, lineageColumns } from '../../lake/contract.ts';
import { tipCategoryCodes } from '../../schemas/tips/categories.ts';

export const tips = defineTable({
  name: 'tips',
  description: 'Tip-bot cases from the case export, one version per tip (the latest export wins)',
  grain: 'one row per tip (case)',
  key: ['tip_id'],
  replaceKey: ['tip_id'],
  partitionBy: ['district', 'month'],
  schema: z.object({
    tip_id: col.varchar("Natural key: the bot's case id"),
    district: col.varchar('District (English name when known to the reference data), or unknown; Hive partition'),
    month: col.varchar('Month the tip was received, in IST, YYYY-MM; Hive partition'),
    police_station: col.opt.varchar('Police station (thana) as written in the export'),
    police_station_id: col.opt.varchar('Police station id from the reference data, or <district>-<name> when unknown'),
    is_known_police_station: col.boolean('Whether the police station matched the reference data'),
    category: col.varchar(`Tip category code: ${tipCategoryCodes.join(', ')}`),
    language: col.opt.varchar('Language the informant chose (hi, en, ur, bho, awa, hinglish, or as written)'),
    media_kinds: col.opt.varchar(
      'Kinds of the tip messages, comma-separated (text, image, audio, video, location, interactive, document, sticker)',
    ),
    has_media: col.boolean('Whether the tip came with an image, audio, video, document or sticker'),
    text: col.opt.varchar('Tip text (Hindi or English); phone numbers masked as pseudonyms (inf_…)'),
    latitude: col.opt.double('Latitude of the tip location (WGS84)'),
    longitude: col.opt.double('Longitude of the tip location (WGS84)'),
    h3_cell: col.opt.varchar('H3 cell (resolution 8) of the tip location'),
    sender_id: col.opt.varchar('Informant pseudonym (inf_…), when the export names the informant'),
    received_at: col.timestamptz('When the tip was received (UTC)'),
    forwarded_sp_at: col.opt.timestamptz('When it was forwarded to the SP office (UTC)'),
    forwarded_dig_at: col.opt.timestamptz('When it was forwarded to the range DIG office (UTC)'),
    action_taken_at: col.opt.timestamptz('When action was taken (UTC)'),
    action_note: col.opt.varchar('What was done (Hindi or English); phone numbers masked'),
    informant_notified_at: col.opt.timestamptz('When the informant was told of the action (UTC)'),
    hours_to_action: col.opt.double('Hours from received_at to action_taken_at'),
    ...lineageColumns,
  }),
});
