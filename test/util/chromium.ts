import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's chromium for headless report checks, driven by playwright-core. Installs the package
 * (apt-get) when it is missing; fails clearly when it cannot — a report test never passes
 * without a browser having opened the report.
 */
export const chromiumPath = '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export class ChromiumUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChromiumUnavailableError';
  }
}

export function ensureChromium(): string {
  if (fs.existsSync(chromiumPath)) return chromiumPath;
  try {
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
      stdio: 'pipe',
      timeout: 300_000,
    });
  } catch (error) {
    const e = error as { stderr?: Buffer; message: string };
    throw new ChromiumUnavailableError(
      `chromium is not installed at ${chromiumPath} and "apt-get install -y chromium" failed: ${(e.stderr?.toString() ?? e.message).trim().split('\n').slice(-2).join(' ')}`,
    );
  }
  if (!fs.existsSync(chromiumPath))
    throw new ChromiumUnavailableError(`apt-get installed chromium but ${chromiumPath} is missing`);
  return chromiumPath;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: ensureChromium(), args: chromiumArgs, headless: true });
}
