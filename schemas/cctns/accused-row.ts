import { z } from 'zod';
import { integerIn, optionalIntegerIn, optionalIstDateTime, optionalText, requiredText, yesNo } from '../fields.ts';
import { firRef, sex } from './child-rows.ts';

/** One line of the CCTNS accused extract (see layout.ts), validated and typed. */
export const accusedRow = z.object({
  ...firRef,
  accused_number: integerIn(1, 999),
  name: requiredText,
  alias: optionalText,
  father_name: optionalText,
  sex,
  age: optionalIntegerIn(0, 120),
  address: optionalText,
  is_arrested: yesNo,
  arrested_at: optionalIstDateTime,
});
export type AccusedRow = z.output<typeof accusedRow>;
