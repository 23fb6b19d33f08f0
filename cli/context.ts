import path from 'node:path';
import { ConfigError, loadConfig, type Config } from '../lake/config.ts';
import { openLake, type Lake } from '../lake/lake.ts';
import { createLogger, type Logger } from '../lake/log.ts';

/** Options every verb that touches the lake accepts. */
export const lakeArgs = {
  lake: {
    type: 'string',
    description: 'Lake URI: a folder or s3://bucket/prefix (default: $CRIMELAKE_LAKE, else ./data/lake)',
    valueHint: 'uri',
  },
} as const;

export interface CliContext {
  config: Config;
  log: Logger;
  lake: Lake;
}

export function cliContext(args: { lake?: string }, env = process.env): CliContext {
  const config = loadConfig(env);
  const log = createLogger(config.CRIMELAKE_LOG_LEVEL);
  const lake = openLake(args.lake ?? config.CRIMELAKE_LAKE, config, log);
  return { config, log, lake };
}

/** Exit codes, documented in the README. */
export const exitCodes = { ok: 0, error: 1, usage: 2, rejects: 3 } as const;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Runs a verb: any error becomes one clear line on stderr and a non-zero exit, never a stack
 * trace (set CRIMELAKE_LOG_LEVEL=debug to see the stack).
 */
export async function runVerb(fn: () => Promise<number | void>): Promise<void> {
  try {
    const code = await fn();
    process.exitCode = code ?? exitCodes.ok;
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    const firstLine = e.message.split('\n')[0] ?? e.message;
    process.stderr.write(`crimelake: ${firstLine}\n`);
    if (process.env.CRIMELAKE_LOG_LEVEL === 'debug' && e.stack) process.stderr.write(e.stack + '\n');
    process.exitCode = error instanceof UsageError || error instanceof ConfigError ? exitCodes.usage : exitCodes.error;
  }
}

/** A path for messages: relative to the working directory when inside it. */
export function displayPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') ? rel : p;
}
