import type { TableDef } from '../../lake/contract.ts';
import { events } from './events.ts';

/** The tables the events ingestor writes. */
export const eventTables: readonly TableDef[] = [events];
