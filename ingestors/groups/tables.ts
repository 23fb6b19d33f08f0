import type { TableDef } from '../../lake/contract.ts';
import { volunteerGroups } from './volunteer_groups.ts';

/** The tables the groups ingestor writes. */
export const groupTables: readonly TableDef[] = [volunteerGroups];
