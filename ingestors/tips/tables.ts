import type { TableDef } from '../../lake/contract.ts';
import { tipEvents } from './tip_events.ts';
import { tipMedia } from './tip_media.ts';
import { tipMessages } from './tip_messages.ts';
import { tips } from './tips.ts';

/** The tip-bot tables, in catalogue order. */
export const tipsTables: readonly TableDef[] = [tips, tipEvents, tipMessages, tipMedia];
