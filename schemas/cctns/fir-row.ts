import { z } from 'zod';
import {
  integerIn,
  istDateTime,
  oneOf,
  optionalIstDateTime,
  optionalNumberIn,
  optionalText,
  requiredMatching,
  requiredText,
} from '../fields.ts';

/** The FIR number within station and year, as exported (1–6 digits). */
export const firNumber = requiredMatching(/^\d{1,6}$/, 'FIR number must be 1–6 digits');

/** One line of the CCTNS FIR extract (see layout.ts), validated and typed. */
export const firRow = z.object({
  district: requiredText,
  police_station: requiredText,
  fir_number: firNumber,
  fir_year: integerIn(1950, 2100),
  registered_at: istDateTime,
  occurred_from: optionalIstDateTime,
  occurred_to: optionalIstDateTime,
  acts_sections: requiredText,
  place: optionalText,
  beat: optionalText,
  // India's bounding box: a point outside it is a data-entry error.
  latitude: optionalNumberIn(6, 37.5),
  longitude: optionalNumberIn(68, 97.5),
  status: oneOf({
    'under investigation': 'under_investigation',
    under_investigation: 'under_investigation',
    ui: 'under_investigation',
    'charge sheet filed': 'charge_sheeted',
    'charge sheet submitted': 'charge_sheeted',
    'charge-sheeted': 'charge_sheeted',
    charge_sheeted: 'charge_sheeted',
    cs: 'charge_sheeted',
    'final report filed': 'final_report',
    'final report submitted': 'final_report',
    final_report: 'final_report',
    fr: 'final_report',
    untraced: 'untraced',
  }),
  brief_facts: optionalText,
  last_updated_at: optionalIstDateTime,
});
export type FirRow = z.output<typeof firRow>;
