import { z } from 'zod';
import { col, defineTable, lineageColumns } from '../../lake/contract.ts';

/** Plate columns shared by every vehicle table (see reference/plates.ts). */
export const plateColumns = {
  plate_text: col.varchar('Registration number exactly as written or read in the source'),
  plate_display: col.opt.varchar('Display form of the registration number (UP 65 AB 1234); null when unreadable'),
  is_plate_valid: col.boolean('Whether the text is a valid Indian registration number (state or Bharat series)'),
  plate_repaired: col.boolean('Whether an OCR confusion (O/0, I/1, B/8, S/5, Z/2, G/6, D/0, Q/0) was repaired'),
};

export const vehicles = defineTable({
  name: 'vehicles',
  description: 'Vehicle registrations (VAHAN-style), one version per registration number (the latest export wins)',
  grain: 'one row per registration number',
  key: ['registration_number'],
  replaceKey: ['registration_number'],
  partitionBy: ['rto_code'],
  schema: z.object({
    registration_number: col.varchar(
      'Natural key: canonical registration number (UP65AB1234, 22BH1234AA); the compacted text when it is no valid number',
    ),
    rto_code: col.varchar('State code and RTO (UP65, DL3), BH for Bharat series, unknown when invalid; Hive partition'),
    state_code: col.opt.varchar('Two-letter state code; null for Bharat series and invalid numbers'),
    ...plateColumns,
    owner_name: col.opt.varchar('Registered owner (Devanagari or Latin)'),
    vehicle_class: col.opt.varchar('Vehicle class as written (Motor Cycle, Motor Car, Goods Carrier, …)'),
    maker_model: col.opt.varchar('Maker and model as written'),
    chassis_number: col.opt.varchar('Chassis number, upper case, without spaces or dashes'),
    engine_number: col.opt.varchar('Engine number, upper case, without spaces or dashes'),
    registered_on: col.opt.date('Date of registration'),
    ...lineageColumns,
  }),
});
