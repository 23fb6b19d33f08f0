import { z } from 'zod';
import {
  istDateTime,
  optionalIntegerIn,
  optionalIstDateTime,
  optionalOneOf,
  optionalText,
  requiredText,
} from '../fields.ts';

/** One line of a stolen-vehicle report export (see layout.ts), validated and typed. */
export const stolenVehicleRow = z.object({
  registration_number: requiredText,
  fir_reference: optionalText,
  fir_number: optionalText.pipe(
    z
      .string()
      .regex(/^\d{1,6}$/, 'FIR number must be 1–6 digits')
      .nullable(),
  ),
  fir_year: optionalIntegerIn(1950, 2100),
  reported_at: istDateTime,
  district: optionalText,
  police_station: optionalText,
  status: optionalOneOf({
    stolen: 'stolen',
    active: 'stolen',
    missing: 'stolen',
    untraced: 'stolen',
    open: 'stolen',
    pending: 'stolen',
    चोरी: 'stolen',
    'चोरी गया': 'stolen',
    लापता: 'stolen',
    recovered: 'recovered',
    found: 'recovered',
    traced: 'recovered',
    returned: 'recovered',
    closed: 'recovered',
    बरामद: 'recovered',
    'बरामद हुआ': 'recovered',
  }),
  is_recovered: optionalOneOf({
    y: 'yes',
    yes: 'yes',
    true: 'yes',
    '1': 'yes',
    हाँ: 'yes',
    हां: 'yes',
    n: 'no',
    no: 'no',
    false: 'no',
    '0': 'no',
    नहीं: 'no',
  }),
  recovered_at: optionalIstDateTime,
});
export type StolenVehicleRow = z.output<typeof stolenVehicleRow>;
