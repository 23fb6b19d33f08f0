import { z } from 'zod';
import {
  integerIn,
  istDateTime,
  optionalOneOf,
  optionalIntegerIn,
  optionalIstDateTime,
  optionalText,
  requiredText,
  yesNo,
} from '../fields.ts';

/** One line of the CCTNS accused extract (see layout.ts), validated and typed. */
export const accusedRow = z.object({
  district: requiredText,
  police_station: requiredText,
  fir_number: requiredText.pipe(z.string().regex(/^\d{1,6}$/, 'FIR number must be 1–6 digits')),
  fir_year: integerIn(1950, 2100),
  registered_at: istDateTime,
  accused_number: integerIn(1, 999),
  name: requiredText,
  alias: optionalText,
  father_name: optionalText,
  sex: optionalOneOf({ m: 'M', male: 'M', पुरुष: 'M', f: 'F', female: 'F', महिला: 'F', t: 'T', transgender: 'T' }),
  age: optionalIntegerIn(0, 120),
  address: optionalText,
  is_arrested: yesNo,
  arrested_at: optionalIstDateTime,
});
export type AccusedRow = z.output<typeof accusedRow>;
