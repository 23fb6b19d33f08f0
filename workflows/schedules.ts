/**
 * The crimelake schedules, defined once and applied idempotently (`crimelake schedules apply`):
 * an existing schedule is updated to the definition, a missing one created. Times are in
 * Asia/Kolkata; overlapping runs are skipped; after an outage, runs missed within a day are
 * taken (catch-up window).
 */
import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleOptions,
  type ScheduleSpec,
} from '@temporalio/client';
import type { buildDerived, publishMonthlyReports, publishWeeklyReports, scanInbox } from './workflows.ts';

export const SCHEDULE_TIME_ZONE = 'Asia/Kolkata';
export const SCHEDULE_CATCHUP_WINDOW = '1 day';
/** Written on each schedule, so an operator sees where it comes from. */
export const SCHEDULE_NOTE = 'managed by `crimelake schedules apply`';

type ScheduledWorkflow =
  typeof scanInbox | typeof buildDerived | typeof publishWeeklyReports | typeof publishMonthlyReports;

export interface ScheduleDefinition {
  scheduleId: string;
  description: string;
  workflowType: 'scanInbox' | 'buildDerived' | 'publishWeeklyReports' | 'publishMonthlyReports';
  spec: ScheduleSpec;
}

export const scheduleDefinitions: readonly ScheduleDefinition[] = [
  {
    scheduleId: 'crimelake-scan-inbox',
    description: 'ingest what landed in inbox/<source>/, every 15 minutes',
    workflowType: 'scanInbox',
    spec: { intervals: [{ every: '15 minutes' }] },
  },
  {
    scheduleId: 'crimelake-build-derived',
    description: 'rebuild the derived tables, nightly at 02:00 Asia/Kolkata',
    workflowType: 'buildDerived',
    spec: { calendars: [{ hour: 2, minute: 0 }], timezone: SCHEDULE_TIME_ZONE },
  },
  {
    scheduleId: 'crimelake-weekly-reports',
    description: 'publish the weekly reports for the week just ended, Mondays at 06:00 Asia/Kolkata',
    workflowType: 'publishWeeklyReports',
    spec: { calendars: [{ dayOfWeek: 'MONDAY', hour: 6, minute: 0 }], timezone: SCHEDULE_TIME_ZONE },
  },
  {
    scheduleId: 'crimelake-monthly-reports',
    description: 'publish the thana comparison for the month just ended, on the 1st at 06:30 Asia/Kolkata',
    workflowType: 'publishMonthlyReports',
    // After the nightly build (02:00) has taken in the month's last day.
    spec: { calendars: [{ dayOfMonth: 1, hour: 6, minute: 30 }], timezone: SCHEDULE_TIME_ZONE },
  },
];

/** The full schedule options of a definition on a task queue. */
export function scheduleOptions(def: ScheduleDefinition, taskQueue: string): ScheduleOptions {
  return {
    scheduleId: def.scheduleId,
    spec: def.spec,
    action: {
      type: 'startWorkflow',
      workflowType: def.workflowType,
      // Each run gets this id with the scheduled time appended.
      workflowId: def.scheduleId,
      taskQueue,
      args: [{}] satisfies Parameters<ScheduledWorkflow>,
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: SCHEDULE_CATCHUP_WINDOW },
    state: { note: SCHEDULE_NOTE },
  };
}

export interface AppliedSchedule {
  scheduleId: string;
  action: 'created' | 'updated';
}

/** Creates or updates every crimelake schedule; running it again changes nothing. */
export async function applySchedules(client: Client, taskQueue: string): Promise<AppliedSchedule[]> {
  const applied: AppliedSchedule[] = [];
  for (const def of scheduleDefinitions) {
    const options = scheduleOptions(def, taskQueue);
    const handle = client.schedule.getHandle(def.scheduleId);
    const update = () =>
      handle.update((previous) => ({
        spec: options.spec,
        action: options.action,
        policies: options.policies,
        // Keep an operator's pause; refresh the note.
        state: { paused: previous.state.paused, note: previous.state.paused ? previous.state.note : SCHEDULE_NOTE },
      }));
    try {
      await handle.describe();
      await update();
      applied.push({ scheduleId: def.scheduleId, action: 'updated' });
    } catch (error) {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
      try {
        await client.schedule.create(options);
        applied.push({ scheduleId: def.scheduleId, action: 'created' });
      } catch (createError) {
        // Created by another `apply` in the meantime: update it to this definition.
        if (!(createError instanceof ScheduleAlreadyRunning)) throw createError;
        await update();
        applied.push({ scheduleId: def.scheduleId, action: 'updated' });
      }
    }
  }
  return applied;
}

export interface ScheduleStatus {
  scheduleId: string;
  description: string;
  workflowType: string;
  paused: boolean;
  note?: string;
  nextRuns: string[];
  lastRun?: { scheduledAt: string; workflowId: string };
}

/** The crimelake schedules as the server has them, with their next run times. */
export async function describeSchedules(
  client: Client,
): Promise<(ScheduleStatus | { scheduleId: string; missing: true })[]> {
  const out: (ScheduleStatus | { scheduleId: string; missing: true })[] = [];
  for (const def of scheduleDefinitions) {
    try {
      const d = await client.schedule.getHandle(def.scheduleId).describe();
      const last = d.info.recentActions.at(-1);
      out.push({
        scheduleId: def.scheduleId,
        description: def.description,
        workflowType: d.action.workflowType,
        paused: d.state.paused,
        ...(d.state.note ? { note: d.state.note } : {}),
        nextRuns: d.info.nextActionTimes.map((t) => t.toISOString()),
        ...(last
          ? { lastRun: { scheduledAt: last.scheduledAt.toISOString(), workflowId: last.action.workflow.workflowId } }
          : {}),
      });
    } catch (error) {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
      out.push({ scheduleId: def.scheduleId, missing: true });
    }
  }
  return out;
}
