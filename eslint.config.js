// @ts-check
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'lake/**/*.parquet', 'demo-data/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
    },
  },
  {
    // Tests, the generator's runner and bin scripts may print.
    files: ['**/*.test.ts', 'test/**', 'bin/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Workflows are deterministic: no Node built-ins and no I/O packages.
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/activities*.ts', 'workflows/**/*.test.ts', 'workflows/worker.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', 'fs', 'path', 'os', 'crypto', '@aws-sdk/*', '@duckdb/*', '../lake/*'] },
      ],
    },
  },
);
