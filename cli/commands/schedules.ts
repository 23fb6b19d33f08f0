import { defineCommand } from 'citty';
import { applySchedules, describeSchedules, scheduleDefinitions } from '../../workflows/schedules.ts';
import { withTemporalClient } from '../../workflows/worker.ts';
import { cliContext, runVerb } from '../context.ts';

const apply = defineCommand({
  meta: {
    name: 'apply',
    description: `Create or update the schedules (${scheduleDefinitions.map((d) => d.scheduleId).join(', ')}); safe to run again`,
  },
  async run() {
    await runVerb(() => {
      const { config } = cliContext({});
      return withTemporalClient(config, async (client) => {
        for (const a of await applySchedules(client, config.CRIMELAKE_TASK_QUEUE)) {
          process.stderr.write(`${a.action} ${a.scheduleId} (task queue ${config.CRIMELAKE_TASK_QUEUE})\n`);
        }
      });
    });
  },
});

const list = defineCommand({
  meta: { name: 'list', description: 'Show the crimelake schedules with their next run times' },
  args: {
    format: { type: 'enum', options: ['text', 'json'], default: 'text', description: 'Output format' },
  },
  async run({ args }) {
    await runVerb(() => {
      const { config } = cliContext({});
      return withTemporalClient(config, async (client) => {
        const schedules = await describeSchedules(client);
        if (args.format === 'json') {
          process.stdout.write(JSON.stringify(schedules, null, 2) + '\n');
          return;
        }
        const lines: string[] = [];
        for (const s of schedules) {
          if ('missing' in s) {
            lines.push(`${s.scheduleId}  not created (run: crimelake schedules apply)`);
            continue;
          }
          lines.push(`${s.scheduleId}  ${s.workflowType}${s.paused ? '  PAUSED' : ''} — ${s.description}`);
          lines.push(`  next: ${s.nextRuns.slice(0, 3).join(', ') || '—'}`);
          if (s.lastRun) lines.push(`  last: ${s.lastRun.scheduledAt} (${s.lastRun.workflowId})`);
        }
        process.stdout.write(lines.join('\n') + '\n');
      });
    });
  },
});

export default defineCommand({
  meta: { name: 'schedules', description: 'Temporal schedules: inbox scan, nightly derived build, Monday reports' },
  subCommands: { apply, list },
});
