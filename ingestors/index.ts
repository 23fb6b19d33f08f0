import fs from 'node:fs';
import path from 'node:path';
import { IngestError, type IngestContext, type IngestSummary } from './batch.ts';
import { ingestCctnsFile } from './cctns/ingest-cctns.ts';
import { ingestEventsFile } from './events/ingest-events.ts';
import { ingestGroupsFile } from './groups/ingest-groups.ts';
import { ingestSocialFile } from './social/ingest-social.ts';
import { ingestTipsFile } from './tips/ingest-tips.ts';
import { ingestVehiclesFile } from './vehicles/ingest-vehicles.ts';

/** The ingestors by source name, with the file extensions each reads. */
export const ingestors = {
  cctns: { extensions: ['.csv', '.json', '.jsonl', '.ndjson'], ingestFile: ingestCctnsFile },
  social: { extensions: ['.json', '.csv'], ingestFile: ingestSocialFile },
  tips: { extensions: ['.jsonl', '.ndjson', '.csv'], ingestFile: ingestTipsFile },
  vehicles: { extensions: ['.csv'], ingestFile: ingestVehiclesFile },
  groups: { extensions: ['.csv'], ingestFile: ingestGroupsFile },
  events: { extensions: ['.csv'], ingestFile: ingestEventsFile },
} as const satisfies Record<
  string,
  { extensions: readonly string[]; ingestFile: (ctx: IngestContext, file: string) => Promise<IngestSummary> }
>;

export type SourceName = keyof typeof ingestors;
export const sourceNames = Object.keys(ingestors) as SourceName[];

export function isSourceName(name: string): name is SourceName {
  return name in ingestors;
}

/**
 * Files to ingest for a path: the file itself, or the folder's matching files in name order, sub-folders
 * not included (each CCTNS extract carries its FIR's reference, so their order does not matter).
 */
export function filesToIngest(source: SourceName, target: string): string[] {
  if (!fs.existsSync(target)) throw new IngestError(target, undefined, undefined, 'no such file or folder');
  if (fs.statSync(target).isFile()) return [target];
  const exts: readonly string[] = ingestors[source].extensions;
  return fs
    .readdirSync(target)
    .map((f) => path.join(target, f))
    .filter((f) => fs.statSync(f).isFile() && exts.includes(path.extname(f).toLowerCase()))
    .sort();
}

export async function ingestPath(
  ctx: IngestContext,
  source: SourceName,
  target: string,
  onFile?: (file: string, index: number, count: number) => void,
): Promise<IngestSummary[]> {
  const files = filesToIngest(source, target);
  if (files.length === 0) {
    throw new IngestError(
      target,
      undefined,
      undefined,
      `no ${ingestors[source].extensions.join('/')} files in this folder`,
    );
  }
  const out: IngestSummary[] = [];
  for (const [i, f] of files.entries()) {
    onFile?.(f, i, files.length);
    out.push(await ingestors[source].ingestFile(ctx, f));
  }
  return out;
}
