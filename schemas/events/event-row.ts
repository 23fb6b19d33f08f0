import { z } from 'zod';
import { calendarDate, oneOf, optionalCalendarDate, optionalText, requiredText } from '../fields.ts';

export const eventKinds = ['festival', 'election', 'other'] as const;
export type EventKind = (typeof eventKinds)[number];

const kindValues = {
  festival: 'festival',
  fest: 'festival',
  parv: 'festival',
  tyohar: 'festival',
  त्योहार: 'festival',
  त्यौहार: 'festival',
  पर्व: 'festival',
  election: 'election',
  elections: 'election',
  poll: 'election',
  polls: 'election',
  voting: 'election',
  chunav: 'election',
  चुनाव: 'election',
  निर्वाचन: 'election',
  मतदान: 'election',
  other: 'other',
  others: 'other',
  अन्य: 'other',
} as const satisfies Record<string, EventKind>;

/** One line of the events calendar (see layout.ts), validated and typed. */
export const eventRow = z
  .object({
    start_date: calendarDate,
    end_date: optionalCalendarDate,
    district: optionalText,
    police_station: optionalText,
    kind: oneOf(kindValues),
    name: requiredText,
  })
  .superRefine((r, ctx) => {
    if (r.end_date !== null && r.end_date < r.start_date) {
      ctx.addIssue({
        code: 'custom',
        path: ['end_date'],
        message: `before start_date (${r.start_date}): ${r.end_date}`,
      });
    }
    if (r.police_station !== null && r.district === null) {
      ctx.addIssue({ code: 'custom', path: ['district'], message: 'required when police_station is given, but empty' });
    }
  });
export type EventRow = z.output<typeof eventRow>;
