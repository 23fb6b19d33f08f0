import fs from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Config } from '../../lake/config.ts';

/**
 * Settings of the sensitivity assessment: factor weights, caps and thresholds, with the defaults
 * of sensitivity_assessment.yaml (a test keeps the two equal). CRIMELAKE_SENSITIVITY_CONFIG
 * names a YAML file overriding any of them.
 */
const factor = (points: number, cap: number, doc: string) =>
  z
    .object({
      points: z.number().min(0).default(points).describe('Points per counted item'),
      cap: z.number().int().min(0).default(cap).describe('Items counted at most'),
    })
    .strict()
    .prefault({})
    .describe(doc);

const codes = z.array(z.string().min(1));

export const sensitivitySettingsSchema = z
  .object({
    lookback_weeks: z
      .number()
      .int()
      .min(1)
      .max(12)
      .default(2)
      .describe('Tips, riot FIRs and flagged posts count over the assessed week and the weeks before it'),
    lookahead_weeks: z
      .number()
      .int()
      .min(1)
      .max(12)
      .default(2)
      .describe('Events count when they run in the weeks after the assessed week'),
    baseline_weeks: z
      .number()
      .int()
      .min(1)
      .max(104)
      .default(12)
      .describe('Weeks before the assessed period that set the usual level of each count'),
    usual_sd: z
      .number()
      .min(0)
      .default(2)
      .describe('Usual level of a count: its baseline mean plus this many √mean (Poisson standard deviations)'),
    thresholds: z
      .object({
        sensitive: z.number().min(0).default(4).describe('Score from which a thana is sensitive'),
        hyper_sensitive: z.number().min(0).default(10).describe('Score from which a thana is hyper-sensitive'),
      })
      .strict()
      .prefault({})
      .refine((t) => t.hyper_sensitive >= t.sensitive, 'hyper_sensitive must be at least sensitive'),
    factors: z
      .object({
        hotspot_cells: factor(1, 3, 'Hot spot cells (95%, FDR) of any FIR crime group in its area that week'),
        emerging_hotspot_cells: factor(2, 2, 'Cells of its area with an emerging hot spot pattern (latest week)'),
        communal_tips: factor(2, 4, 'Tips in the communal-risk categories'),
        arms_tips: factor(1, 4, 'Tips in the arms categories'),
        riot_firs: factor(3, 3, 'FIRs under riot and communal sections'),
        flagged_posts: factor(1, 4, 'Flagged social posts attributed to the thana'),
        last_year_incidents: factor(
          1.5,
          4,
          'Riot/communal FIRs and communal-risk tips during the same event last year',
        ),
      })
      .strict()
      .prefault({}),
    events: z
      .object({
        festival: z.number().min(0).default(3).describe('Points of a coming festival'),
        election: z.number().min(0).default(4).describe('Points of a coming election'),
        other: z.number().min(0).default(1).describe('Points of another coming event'),
        cap: z.number().min(0).default(6).describe('Most points all coming events add together'),
      })
      .strict()
      .prefault({}),
    communal_tip_categories: codes
      .default(['cow_smuggling', 'forced_religious_conversion'])
      .describe('Tip category codes of communal risk'),
    arms_tip_categories: codes.default(['illegal_arms']).describe('Tip category codes about arms'),
    riot_crime_heads: codes
      .default([
        'rioting',
        'unlawful_assembly',
        'promoting_enmity',
        'outraging_religious_feelings',
        'public_mischief_statements',
      ])
      .describe('Crime heads of riot and communal sections (IPC 147-153A / BNS 189-196 and neighbours)'),
  })
  .strict();

export type SensitivitySettings = z.output<typeof sensitivitySettingsSchema>;

export class SensitivitySettingsError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`sensitivity settings ${file}: ${message}`);
    this.name = 'SensitivitySettingsError';
  }
}

/** The settings from a YAML text (an empty text gives the defaults). */
export function parseSensitivitySettings(text: string, file = '(text)'): SensitivitySettings {
  let raw: unknown;
  try {
    raw = parse(text) ?? {};
  } catch (error) {
    throw new SensitivitySettingsError(file, `not YAML: ${(error as Error).message}`);
  }
  const parsed = sensitivitySettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SensitivitySettingsError(file, `${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

export function sensitivitySettings(config: Pick<Config, 'CRIMELAKE_SENSITIVITY_CONFIG'>): SensitivitySettings {
  const file = config.CRIMELAKE_SENSITIVITY_CONFIG;
  if (!file) return parseSensitivitySettings('');
  if (!fs.existsSync(file)) throw new SensitivitySettingsError(file, 'no such file');
  return parseSensitivitySettings(fs.readFileSync(file, 'utf8'), file);
}
