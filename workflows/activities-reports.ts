/**
 * What the report activities return, and the code version every report manifest names.
 * The reports themselves are built by `reports/builders.ts` (`publishReportForWorkflow`), which
 * writes `published/<report>/<period>/` (report.html, each dataset as CSV and Parquet, and
 * manifest.json with the period, inputs and each output's SHA-256).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MonthlyReportName } from './flows.ts';

export interface PublishedOutput {
  file: string;
  key: string;
  bytes: number;
  sha256: string;
}

/** What a publish returns to its workflow: keys and counts, never rows. */
export interface PublishedOutputs {
  report: string;
  /** `published/<report>/<period>/`. */
  prefix: string;
  /** Rows of the report's first dataset. */
  rowCount: number;
  manifestKey: string;
  outputs: PublishedOutput[];
}

/** A weekly report published for an ISO week. */
export interface PublishedReport extends PublishedOutputs {
  week: string;
}

export interface PublishMonthlyReportInput {
  report: MonthlyReportName;
  /** Month 'YYYY-MM' (Asia/Kolkata). */
  month: string;
}

/** A monthly report published for a month (Asia/Kolkata). */
export interface PublishedMonthlyReport extends PublishedOutputs {
  month: string;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `<package version>+<git commit>` when the code runs from a git checkout, else the package version. */
export function codeVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  const gitDir = path.join(repoRoot, '.git');
  const head = path.join(gitDir, 'HEAD');
  if (!fs.existsSync(head)) return pkg.version;
  const ref = fs.readFileSync(head, 'utf8').trim();
  if (!ref.startsWith('ref: ')) return `${pkg.version}+${ref.slice(0, 12)}`;
  const refFile = path.join(gitDir, ref.slice(5));
  if (fs.existsSync(refFile)) return `${pkg.version}+${fs.readFileSync(refFile, 'utf8').trim().slice(0, 12)}`;
  const packed = path.join(gitDir, 'packed-refs');
  const line = fs.existsSync(packed)
    ? fs
        .readFileSync(packed, 'utf8')
        .split('\n')
        .find((l) => l.endsWith(` ${ref.slice(5)}`))
    : undefined;
  return line ? `${pkg.version}+${line.slice(0, 12)}` : pkg.version;
}
