import { z } from 'zod';
import {
  integerIn,
  istDateTime,
  oneOf,
  optionalIntegerIn,
  optionalIstDateTime,
  optionalNumberIn,
  optionalOneOf,
  optionalText,
  requiredText,
} from '../fields.ts';
import { firNumber } from './fir-row.ts';

/** The FIR reference every child extract carries (and the registration time that partitions it). */
export const firRef = {
  district: requiredText,
  police_station: requiredText,
  fir_number: firNumber,
  fir_year: integerIn(1950, 2100),
  registered_at: istDateTime,
};

export const sex = optionalOneOf({
  m: 'M',
  male: 'M',
  पुरुष: 'M',
  f: 'F',
  female: 'F',
  महिला: 'F',
  t: 'T',
  transgender: 'T',
});

export const victimRow = z.object({
  ...firRef,
  victim_number: integerIn(1, 999),
  name: optionalText,
  sex,
  age: optionalIntegerIn(0, 120),
  address: optionalText,
});
export type VictimRow = z.output<typeof victimRow>;

export const arrestRow = z.object({
  ...firRef,
  accused_number: integerIn(1, 999),
  name: requiredText,
  arrested_at: istDateTime,
  arrest_place: optionalText,
  arresting_officer: optionalText,
});
export type ArrestRow = z.output<typeof arrestRow>;

export const propertyTypes = ['vehicle', 'cash', 'narcotics', 'arms', 'liquor', 'cattle', 'mineral', 'other'] as const;

export const seizureRow = z.object({
  ...firRef,
  seizure_number: integerIn(1, 9999),
  property_type: oneOf({
    vehicle: 'vehicle',
    वाहन: 'vehicle',
    cash: 'cash',
    नकदी: 'cash',
    narcotics: 'narcotics',
    drugs: 'narcotics',
    'मादक पदार्थ': 'narcotics',
    arms: 'arms',
    weapon: 'arms',
    शस्त्र: 'arms',
    liquor: 'liquor',
    शराब: 'liquor',
    cattle: 'cattle',
    गोवंश: 'cattle',
    mineral: 'mineral',
    'sand/mineral': 'mineral',
    other: 'other',
    अन्य: 'other',
  }),
  description: optionalText,
  quantity: optionalNumberIn(0, 1e9),
  unit: optionalText,
  value_inr: optionalNumberIn(0, 1e12),
  registration_number: optionalText,
  chassis_number: optionalText,
  engine_number: optionalText,
  seized_at: optionalIstDateTime,
});
export type SeizureRow = z.output<typeof seizureRow>;

export const finalReportRow = z.object({
  ...firRef,
  report_number: requiredText,
  report_type: oneOf({
    'charge sheet': 'charge_sheet',
    chargesheet: 'charge_sheet',
    'charge-sheet': 'charge_sheet',
    cs: 'charge_sheet',
    'आरोप पत्र': 'charge_sheet',
    'final report': 'final_report',
    fr: 'final_report',
    closure: 'final_report',
    'अंतिम रिपोर्ट': 'final_report',
    untraced: 'untraced',
  }),
  filed_at: istDateTime,
  court: optionalText,
  accused_charged: optionalIntegerIn(0, 999),
});
export type FinalReportRow = z.output<typeof finalReportRow>;
