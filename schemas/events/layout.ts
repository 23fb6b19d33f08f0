/**
 * The events calendar the cell maintains (festivals, elections, other gatherings): UTF-8 CSV,
 * one header line, one row per event and place. Columns marked optional may be missing.
 */
export const eventHeaders = [
  'start_date', // required: YYYY-MM-DD or DD/MM/YYYY
  'end_date', // optional: last day (inclusive); empty = the start date
  'district', // optional: district the event concerns; empty = the whole range
  'police_station', // optional: thana within the district; empty = every thana of the district
  'kind', // required: festival | election | other (Hindi read: त्योहार, पर्व, चुनाव, निर्वाचन, अन्य)
  'name', // required: e.g. Holi, Muharram, Lok Sabha poll (phase 7)
] as const;

export const requiredEventHeaders = ['start_date', 'kind', 'name'] as const;

export const eventDateColumns = ['start_date', 'end_date'] as const;
