/** Runs the person_records step on an attached lake and scores it against the ground truth. */
import type { Config } from '../../lake/config.ts';
import { createTableSql, ident } from '../../lake/contract.ts';
import type { DuckDb } from '../../lake/duckdb.ts';
import type { Lake } from '../../lake/lake.ts';
import { personRecords } from '../marts/person_records.ts';
import { pairwiseScore, readGroundTruth, type PairwiseScore } from './evaluate.ts';
import { lastResolveStats, resolvePersonRecords } from './person-records-step.ts';
import type { ResolveOptions, ResolveStats } from './resolve.ts';

export interface Evaluation {
  score: PairwiseScore;
  stats: ResolveStats;
  seconds: number;
}

export async function evaluateResolution(
  lake: Lake,
  db: DuckDb,
  config: Config,
  truthCsv: string,
  options: Omit<ResolveOptions, 'previous' | 'reserved'> = {},
): Promise<Evaluation> {
  const staging = 'eval_person_records';
  await db.run(createTableSql(staging, personRecords));
  const t0 = performance.now();
  await resolvePersonRecords({ lake, db, config }, staging, options);
  const seconds = (performance.now() - t0) / 1000;
  const predicted = new Map<string, string>();
  for (const r of await db.all<{ record_id: string; person_id: string }>(
    `select record_id, person_id from ${ident(staging)}`,
  ))
    predicted.set(r.record_id, r.person_id);
  await db.run(`drop table ${ident(staging)}`);
  if (!lastResolveStats) throw new Error('the resolution left no statistics');
  return { score: pairwiseScore(predicted, readGroundTruth(truthCsv)), stats: lastResolveStats, seconds };
}
