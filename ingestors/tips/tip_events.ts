import { z } from 'zod';
import { col, defineTable, lineageColumns } from '../../lake/contract.ts';

export const tipEventKinds = ['forwarded_sp', 'forwarded_dig', 'action_taken', 'informant_notified'] as const;
export type TipEventKind = (typeof tipEventKinds)[number];

export const tipEvents = defineTable({
  name: 'tip_events',
  description: 'Status events of tip-bot cases: forwarded to SP and DIG offices, action taken, informant notified',
  grain: 'one row per tip and status event',
  key: ['tip_id', 'event'],
  replaceKey: ['tip_id'],
  partitionBy: ['district', 'month'],
  schema: z.object({
    tip_id: col.varchar('The tip (joins tips)'),
    event: col.varchar(`Event: ${tipEventKinds.join(', ')}`),
    district: col.varchar("The tip's district, or unknown; Hive partition"),
    month: col.varchar('Month the tip was received, in IST, YYYY-MM; Hive partition'),
    police_station_id: col.opt.varchar("The tip's police station id"),
    event_at: col.timestamptz('When the event happened (UTC)'),
    hours_since_received: col.double('Hours from the tip being received to this event'),
    note: col.opt.varchar('Action note (action_taken only); phone numbers masked'),
    ...lineageColumns,
  }),
});
