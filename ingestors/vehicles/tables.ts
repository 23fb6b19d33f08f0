import type { TableDef } from '../../lake/contract.ts';
import { anprReads } from './anpr_reads.ts';
import { cameras } from './cameras.ts';
import { stolenVehicles } from './stolen_vehicles.ts';
import { vehicles } from './vehicles.ts';

/** The tables the vehicles ingestor writes. */
export const vehicleTables: readonly TableDef[] = [vehicles, stolenVehicles, anprReads, cameras];
