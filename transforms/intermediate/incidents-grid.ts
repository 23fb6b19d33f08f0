import type { Config } from '../../lake/config.ts';
import { ident } from '../../lake/contract.ts';
import type { DuckDb } from '../../lake/duckdb.ts';

/** The hotspot grid: H3 resolution, Gi* neighbourhood (k-ring), window in weeks, fewest incidents of a hot bin (lake/config.ts). */
export interface GridSettings {
  resolution: number;
  k: number;
  weeks: number;
  minCount: number;
}

export function gridSettings(config: Config): GridSettings {
  return {
    resolution: config.CRIMELAKE_H3_RESOLUTION,
    k: config.CRIMELAKE_HOTSPOT_K,
    weeks: config.CRIMELAKE_HOTSPOT_WEEKS,
    minCount: config.CRIMELAKE_HOTSPOT_MIN_COUNT,
  };
}

/** A temp table (value, fingerprint) of the values an incremental build rebuilds, for the model's SQL to join. */
export async function writeScopeTable(db: DuckDb, name: string, values: ReadonlyMap<string, string>): Promise<void> {
  await db.run(`create or replace temp table ${ident(name)} (value varchar, fingerprint varchar)`);
  const appender = await db.connection.createAppender(name, 'main', 'temp');
  try {
    for (const [value, fingerprint] of values) {
      appender.appendVarchar(value);
      appender.appendVarchar(fingerprint);
      appender.endRow();
    }
  } finally {
    appender.closeSync();
  }
}
