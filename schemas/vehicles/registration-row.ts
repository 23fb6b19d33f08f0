import { z } from 'zod';
import { optionalCalendarDate, optionalText, requiredText } from '../fields.ts';

/** Chassis and engine numbers compared without case, spaces or dashes. */
const identifier = optionalText.transform((s) => (s === null ? null : s.toUpperCase().replace(/[\s-]+/g, '')));

/** One line of a VAHAN-style registration extract (see layout.ts), validated and typed. */
export const registrationRow = z.object({
  registration_number: requiredText,
  owner_name: optionalText,
  vehicle_class: optionalText,
  maker_model: optionalText,
  chassis_number: identifier,
  engine_number: identifier,
  registered_on: optionalCalendarDate,
});
export type RegistrationRow = z.output<typeof registrationRow>;
