import crypto from 'node:crypto';
import { currentSnapshot } from '../lake/catalog.ts';
import { loadConfig, type Config } from '../lake/config.ts';
import { columnsOf, createTableSql, ident } from '../lake/contract.ts';
import type { DuckDb } from '../lake/duckdb.ts';
import type { Lake } from '../lake/lake.ts';
import { attachLake } from '../lake/session.ts';
import { writeTable, type WriteTableResult } from '../lake/table-writer.ts';
import { models, type Model } from './models.ts';

export class TransformError extends Error {
  constructor(
    readonly model: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`transform ${model}: ${message}`, options);
    this.name = 'TransformError';
  }
}

/**
 * The batch id of a build: a hash of the model's SQL and the versions of its inputs, so
 * rebuilding over unchanged inputs is a no-op and a retried build commits once.
 */
async function buildId(lake: Lake, model: Model): Promise<string> {
  const h = crypto.createHash('sha256').update(model.sql ?? model.run?.toString() ?? '');
  for (const input of model.inputs) {
    const snap = await currentSnapshot(lake.storage, input);
    h.update(`${input}@${snap?.version ?? 0}`);
  }
  return 'build-' + h.digest('hex').slice(0, 16);
}

/** Rebuilds the named models (default: all) from the lake's current tables. */
export async function buildModels(
  lake: Lake,
  db: DuckDb,
  names?: readonly string[],
  options: { onModel?: (name: string) => void; config?: Config } = {},
): Promise<WriteTableResult[]> {
  const config = options.config ?? loadConfig({});
  const onModel = options.onModel;
  const selected = names && names.length > 0 ? models.filter((m) => names.includes(m.contract.name)) : models;
  const unknown = (names ?? []).filter((n) => !models.some((m) => m.contract.name === n));
  if (unknown.length > 0)
    throw new TransformError(unknown[0]!, `no such model (models: ${models.map((m) => m.contract.name).join(', ')})`);
  const results: WriteTableResult[] = [];
  for (const model of selected) {
    onModel?.(model.contract.name);
    await attachLake(db, lake); // each model sees the tables built before it
    const staging = `incoming_${model.contract.name}`;
    try {
      if (model.run) {
        await db.run(createTableSql(staging, model.contract));
        await model.run({ lake, db, config }, staging);
      } else if (model.sql) {
        const cols = columnsOf(model.contract).map((c) => `${ident(c.name)}::${c.duckType} as ${ident(c.name)}`);
        await db.run(`create or replace temp table ${ident(staging)} as select ${cols.join(', ')} from (${model.sql})`);
      } else {
        throw new Error('a model needs sql or run');
      }
    } catch (error) {
      throw new TransformError(model.contract.name, (error as Error).message, { cause: error });
    }
    results.push(
      await writeTable({
        lake,
        db,
        contract: model.contract,
        incoming: staging,
        batchId: await buildId(lake, model),
        replaceAll: true,
      }),
    );
    await db.run(`drop table if exists ${ident(staging)}`);
  }
  return results;
}
