import type { Config } from '../../lake/config.ts';

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
