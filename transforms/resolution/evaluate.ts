/**
 * Pairwise evaluation of a resolution against the generator's ground truth
 * (`ground-truth/accused-persons.csv`: district, police_station, fir_number, fir_year,
 * accused_number, person_id): a pair of records is a true link when both are one real person;
 * precision = true links found / links made, recall = true links found / true links.
 */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { firIdOf, stationIdentity } from '../../reference/range.ts';

/** record_id (`<fir_id>#<accused_number>`) → true person id. */
export function readGroundTruth(csvPath: string): Map<string, string> {
  const rows = parse(fs.readFileSync(csvPath), { columns: true }) as Record<string, string>[];
  const truth = new Map<string, string>();
  for (const r of rows) {
    const station = stationIdentity(r.district ?? '', r.police_station ?? '');
    const { fir_id } = firIdOf(station.police_station_id, Number(r.fir_year), r.fir_number ?? '');
    truth.set(`${fir_id}#${r.accused_number}`, r.person_id ?? '');
  }
  return truth;
}

export interface PairwiseScore {
  records: number;
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
  precision: number;
  recall: number;
  f1: number;
}

const pairs = (n: number): number => (n * (n - 1)) / 2;

/** Pairwise precision and recall of `predicted` (record → person) against `truth`. */
export function pairwiseScore(
  predicted: ReadonlyMap<string, string>,
  truth: ReadonlyMap<string, string>,
): PairwiseScore {
  const byPredicted = new Map<string, Map<string, number>>();
  const byTruth = new Map<string, number>();
  let records = 0;
  for (const [record, person] of predicted) {
    const t = truth.get(record);
    if (t === undefined) continue;
    records++;
    let inner = byPredicted.get(person);
    if (!inner) byPredicted.set(person, (inner = new Map()));
    inner.set(t, (inner.get(t) ?? 0) + 1);
    byTruth.set(t, (byTruth.get(t) ?? 0) + 1);
  }
  let predictedPairs = 0;
  let correctPairs = 0;
  for (const inner of byPredicted.values()) {
    let size = 0;
    for (const n of inner.values()) {
      size += n;
      correctPairs += pairs(n);
    }
    predictedPairs += pairs(size);
  }
  let truePairs = 0;
  for (const n of byTruth.values()) truePairs += pairs(n);
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { records, truePairs, predictedPairs, correctPairs, precision, recall, f1 };
}
