/**
 * The default layout of the CCTNS CSV extracts crimelake reads (and the generator writes).
 * UTF-8, comma-separated, double-quoted where needed, one header line. Times are local
 * Indian Standard Time as `DD/MM/YYYY HH:mm` (CCTNS's own export format); crimelake stores
 * them as UTC instants.
 */
export const firHeaders = [
  'district', // district name in English, e.g. Jaunpur
  'police_station', // police station (thana) name in English, e.g. Kotwali
  'fir_number', // FIR number within the station and year, e.g. 0123
  'fir_year', // four-digit year of registration
  'registered_at', // DD/MM/YYYY HH:mm IST
  'occurred_from', // DD/MM/YYYY HH:mm IST, may be empty
  'occurred_to', // DD/MM/YYYY HH:mm IST, may be empty
  'acts_sections', // free text: "IPC 379, 411" / "BNS 303(2); 317" / "NDPS Act 8/20"
  'place', // place of occurrence (Hindi or English)
  'beat', // beat name or number, may be empty
  'latitude', // decimal degrees, may be empty
  'longitude', // decimal degrees, may be empty
  'status', // Under Investigation | Charge Sheet Filed | Final Report Filed | Untraced
  'brief_facts', // Hindi or English free text
  'last_updated_at', // DD/MM/YYYY HH:mm IST of the export's last change to this FIR
] as const;

export const accusedHeaders = [
  'district',
  'police_station',
  'fir_number',
  'fir_year',
  'registered_at', // the FIR's registration time, DD/MM/YYYY HH:mm IST (partitions the accused by month)
  'accused_number', // 1, 2, 3 … within the FIR
  'name', // Devanagari or Latin
  'alias', // may be empty
  'father_name', // may be empty
  'sex', // M | F | T
  'age', // years at registration, may be empty
  'address', // village / mohalla, thana, district
  'is_arrested', // Y | N
  'arrested_at', // DD/MM/YYYY HH:mm IST, empty when not arrested
] as const;

export type FirHeader = (typeof firHeaders)[number];
export type AccusedHeader = (typeof accusedHeaders)[number];

export const firStatuses = ['Under Investigation', 'Charge Sheet Filed', 'Final Report Filed', 'Untraced'] as const;

/** The FIR identity columns every child extract starts with. */
const firRef = ['district', 'police_station', 'fir_number', 'fir_year', 'registered_at'] as const;

export const victimHeaders = [
  ...firRef,
  'victim_number', // 1, 2, … within the FIR
  'name', // may be empty (withheld, e.g. sexual offences)
  'sex', // M | F | T
  'age',
  'address',
] as const;

export const arrestHeaders = [
  ...firRef,
  'accused_number', // the accused of the FIR who was arrested
  'name',
  'arrested_at', // DD/MM/YYYY HH:mm IST
  'arrest_place',
  'arresting_officer', // name and rank, may be empty
] as const;

export const seizureHeaders = [
  ...firRef,
  'seizure_number', // 1, 2, … within the FIR
  'property_type', // Vehicle | Cash | Narcotics | Arms | Liquor | Cattle | Mineral | Other
  'description',
  'quantity', // may be empty
  'unit', // kg, litre, number, …
  'value_inr', // may be empty
  'registration_number', // vehicles only
  'chassis_number',
  'engine_number',
  'seized_at', // DD/MM/YYYY HH:mm IST
] as const;

export const finalReportHeaders = [
  ...firRef,
  'report_number', // charge-sheet / final report number
  'report_type', // Charge Sheet | Final Report | Untraced
  'filed_at', // DD/MM/YYYY HH:mm IST
  'court', // may be empty
  'accused_charged', // how many accused are charge-sheeted, may be empty
] as const;
