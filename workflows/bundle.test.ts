/**
 * Workflow code is deterministic: it imports no Node built-ins and no I/O packages. The Temporal
 * bundler refuses Node built-ins; the walk below proves the rest by following every value import
 * from workflows.ts (type-only imports vanish at compile time).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../test/util/cli.ts';
import { bundleWorkflowCode } from '@temporalio/worker';
import { quietBundlerLogger } from '../test/util/temporal.ts';
import { workflowsPath } from './worker.ts';

const importPattern = /^\s*(?:import|export)\s+(type\s+)?(?:[\s\S]*?\s+from\s+)?['"]([^'"]+)['"]/gm;

/** Every module the workflow sandbox loads from our code: local files and package specifiers. */
function sandboxModules(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const m of fs.readFileSync(file, 'utf8').matchAll(importPattern)) {
      const [, typeOnly, spec] = m;
      if (typeOnly || !spec) continue;
      if (spec.startsWith('.')) visit(path.resolve(path.dirname(file), spec));
      else packages.add(spec);
    }
  };
  visit(entry);
  return {
    files: [...files].map((f) => path.relative(repoRoot, f)).sort(),
    packages: [...packages].sort(),
  };
}

describe('workflow code', () => {
  it('bundles for the sandbox (the bundler refuses Node built-ins)', async () => {
    const bundle = await bundleWorkflowCode({ workflowsPath, logger: quietBundlerLogger });
    expect(bundle.code).toContain('publishWeeklyReports');
  });

  it('imports no Node built-ins, file system, S3 or DuckDB modules', () => {
    const { files, packages } = sandboxModules(workflowsPath);
    expect(files).toEqual([
      'schemas/time.ts',
      'workflows/flows.ts',
      'workflows/presets.ts',
      'workflows/shared.ts',
      'workflows/workflows.ts',
    ]);
    expect(packages).toEqual(['@temporalio/common', '@temporalio/workflow']);
    for (const p of packages) expect(p).not.toMatch(/^(node:|fs$|path$|os$|crypto$|@aws-sdk\/|@duckdb\/)/);
  });
});
