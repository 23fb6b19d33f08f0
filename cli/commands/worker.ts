import { GracefulShutdownPeriodExpiredError } from '@temporalio/worker';
import { defineCommand } from 'citty';
import {
  connectWorkerConnection,
  createWorker,
  installRuntime,
  WORKER_SHUTDOWN_FORCE,
  WORKER_SHUTDOWN_GRACE,
} from '../../workflows/worker.ts';
import { cliContext, lakeArgs, runVerb } from '../context.ts';

export default defineCommand({
  meta: {
    name: 'worker',
    description:
      'Run a Temporal worker: the crimelake workflows and activities on $CRIMELAKE_TASK_QUEUE at $TEMPORAL_ADDRESS, until SIGINT/SIGTERM',
  },
  args: { ...lakeArgs },
  async run({ args }) {
    await runVerb(async () => {
      const { config, lake, log } = cliContext(args);
      // Before anything touches the SDK: our logger, and SIGINT/SIGTERM → graceful shutdown.
      installRuntime(config, log);
      const connection = await connectWorkerConnection(config);
      try {
        const worker = await createWorker({ config, lake, log, connection });
        log.info('worker started', {
          address: config.TEMPORAL_ADDRESS,
          namespace: config.TEMPORAL_NAMESPACE,
          taskQueue: config.CRIMELAKE_TASK_QUEUE,
          concurrency: config.CRIMELAKE_WORKER_CONCURRENCY,
          lake: lake.uri,
        });
        // Resolves once a shutdown signal has drained the worker: running activities get
        // WORKER_SHUTDOWN_GRACE to finish, then are cancelled and retried elsewhere.
        try {
          await worker.run();
        } catch (error) {
          if (!(error instanceof GracefulShutdownPeriodExpiredError)) throw error;
          throw new Error(
            `activities still running ${WORKER_SHUTDOWN_FORCE} after the shutdown signal were abandoned; Temporal retries them on another worker after their heartbeat timeout`,
            { cause: error },
          );
        }
        log.info('worker stopped', { grace: WORKER_SHUTDOWN_GRACE });
      } finally {
        await connection.close();
      }
    });
  },
});
