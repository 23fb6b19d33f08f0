/**
 * The default layout of the cyber volunteer group roster crimelake reads (and the generator
 * writes): UTF-8 CSV, one header line, one row per WhatsApp group as of a date.
 * Columns marked optional may be missing from the header (they are then empty).
 */
export const groupHeaders = [
  'group_id', // optional: the roster's own id of the group
  'group_name', // required: Devanagari or Latin
  'level', // required: HQ | zone | range | district | sub-division | thana | outpost (Hindi and variants read)
  'district', // required from district level down; empty above
  'police_station', // required for thana and outpost groups (the outpost's parent thana)
  'member_count', // required: whole number
  'is_womens_group', // Y | N; when empty or missing, read from the name (mahila / महिला / women)
  'as_of_date', // required: date of the roster, YYYY-MM-DD or DD/MM/YYYY
] as const;

export const requiredGroupHeaders = ['group_name', 'level', 'member_count', 'as_of_date'] as const;

export const groupDateColumns = ['as_of_date'] as const;
