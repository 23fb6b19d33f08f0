/**
 * The default layout of the vehicle CSV files crimelake reads (and the generator writes).
 * UTF-8, comma-separated, double-quoted where needed, one header line; the three kinds of file
 * are told apart by their header. Local times are Indian Standard Time (`DD/MM/YYYY HH:mm`,
 * `YYYY-MM-DD HH:mm` or ISO 8601 with an offset); crimelake stores them as UTC instants.
 * Columns marked optional may be missing from the header (they are then null).
 */
export const registrationHeaders = [
  'registration_number', // required: as written, e.g. UP65AB1234 or UP 65 AB 1234
  'owner_name', // Devanagari or Latin
  'vehicle_class', // VAHAN class, e.g. Motor Cycle, Motor Car, Goods Carrier
  'maker_model', // e.g. Hero Splendor Plus
  'chassis_number', // VIN / chassis number
  'engine_number',
  'registered_on', // date of registration, YYYY-MM-DD or DD/MM/YYYY
] as const;

export const stolenVehicleHeaders = [
  'registration_number', // required: as written in the report
  'fir_reference', // the FIR as one text: 0123/2024, FIR No. 123/2024, Jaunpur/Line Bazar/0123/2024 (header "fir" also read)
  'fir_number', // or the FIR as columns: number …
  'fir_year', // … and year
  'reported_at', // required: when the theft was reported, IST
  'district', // district of the reporting police station
  'police_station', // reporting police station (thana)
  'status', // optional: stolen | recovered (Hindi चोरी | बरामद also read)
  'is_recovered', // optional: Y | N
  'recovered_at', // optional: when the vehicle was recovered, IST
] as const;

export const anprHeaders = [
  'camera_id', // required
  'place', // where the camera stands
  'latitude', // decimal degrees
  'longitude', // decimal degrees
  'read_at', // required: IST, e.g. 2024-03-05T14:22:07+05:30
  'plate_text', // required: the text the camera read, kept as read
  'confidence', // OCR confidence, 0–1 (or a percentage 0–100)
] as const;

export const requiredHeaders = {
  registrations: ['registration_number'],
  stolen_vehicles: ['registration_number', 'reported_at'],
  anpr_reads: ['camera_id', 'read_at', 'plate_text'],
} as const;

export type VehicleFileKind = keyof typeof requiredHeaders;

/** Date and time columns (the profile's date formats apply to them). */
export const vehicleDateColumns = ['registered_on', 'reported_at', 'recovered_at', 'read_at'] as const;
