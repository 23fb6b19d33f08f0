/** The models and table contracts of the offender-profile tables, in dependency order. */
import type { TableDef } from '../../lake/contract.ts';
import type { Model } from '../models.ts';
import { coAccusedEdges, coAccusedEdgesModel } from '../marts/co_accused_edges.ts';
import { offenderProfiles, offenderProfilesModel } from '../marts/offender_profiles.ts';
import { personIdHistory, personIdHistoryModel } from '../marts/person_id_history.ts';
import { personRecords, personRecordsModel } from '../marts/person_records.ts';
import { persons, personsModel } from '../marts/persons.ts';

export const personModels: readonly Model[] = [
  personRecordsModel,
  personIdHistoryModel,
  personsModel,
  coAccusedEdgesModel,
  offenderProfilesModel,
];

export const personContracts: readonly TableDef[] = [
  personRecords,
  personIdHistory,
  persons,
  coAccusedEdges,
  offenderProfiles,
];
