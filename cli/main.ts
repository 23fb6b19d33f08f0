import { defineCommand, runMain } from 'citty';

const main = defineCommand({
  meta: {
    name: 'crimelake',
    version: '0.1.0',
    description: 'Data lake and crime analytics of a State Crime Records Bureau',
  },
  subCommands: {
    generate: () => import('./commands/generate.ts').then((m) => m.default),
    ingest: () => import('./commands/ingest.ts').then((m) => m.default),
    transform: () => import('./commands/transform.ts').then((m) => m.default),
    tables: () => import('./commands/tables.ts').then((m) => m.default),
    sql: () => import('./commands/sql.ts').then((m) => m.default),
    serve: () => import('./commands/serve.ts').then((m) => m.default),
    report: () => import('./commands/report.ts').then((m) => m.default),
    profile: () => import('./commands/profile.ts').then((m) => m.default),
    demo: () => import('./commands/demo.ts').then((m) => m.default),
    run: () => import('./commands/run.ts').then((m) => m.default),
    worker: () => import('./commands/worker.ts').then((m) => m.default),
    schedules: () => import('./commands/schedules.ts').then((m) => m.default),
  },
});

await runMain(main);
