/**
 * The default layout of the tip bot's case export (CSV; UTF-8, comma-separated, one header line).
 * Times are ISO 8601 with an offset (`2024-03-15T10:30:00+05:30`) or local IST `DD/MM/YYYY HH:mm`.
 */
export const caseHeaders = [
  'tip_id', // the bot's case id, e.g. TIP-2024-0000123
  'received_at', // when the tip was received
  'district', // district name (English or Hindi), may be empty when the informant gave none
  'police_station', // police station (thana), may be empty
  'category', // one of the bot's categories (see categories.ts): label, code or Hindi name
  'language', // language the informant chose: hi, en, Hindi, हिंदी, hinglish …
  'media_kinds', // kinds of the tip's messages, separated by ; , | or space: image;audio
  'text', // the tip's text (Hindi or English); phone numbers in it are masked on ingest
  'latitude', // decimal degrees, may be empty
  'longitude', // decimal degrees, may be empty
  'forwarded_sp_at', // forwarded to the SP office, may be empty
  'forwarded_dig_at', // forwarded to the range DIG office, may be empty
  'action_taken_at', // action taken on the tip, may be empty
  'action_note', // what was done (Hindi or English), may be empty
  'informant_notified_at', // informant told of the action, may be empty
] as const;

export type CaseHeader = (typeof caseHeaders)[number];

/**
 * Columns some exports add that name the informant: their values become the informant's
 * pseudonym (identifier columns) or are dropped (name columns) before anything is written.
 */
export const informantIdColumns = [
  'from',
  'wa_id',
  'user_id',
  'from_user_id',
  'informant_id',
  'informant_phone',
  'informant_mobile',
  'informant_number',
  'phone',
  'phone_number',
  'mobile',
  'mobile_number',
  'msisdn',
  'whatsapp_number',
  'sender',
  'sender_id',
] as const;

export const informantNameColumns = [
  'name',
  'informant',
  'informant_name',
  'profile_name',
  'sender_name',
  'identity_key_hash',
] as const;
