import { defineCommand } from 'citty';
import { loadAccessConfig } from '../../lake/access.ts';
import { startServer } from '../../server/serve.ts';
import { cliContext, lakeArgs, runVerb, UsageError } from '../context.ts';

export default defineCommand({
  meta: {
    name: 'serve',
    description:
      'HTTP API with token auth: GET /profiles/search?name=…, GET /profiles/:id, POST /sql, GET /reports/… (users from $CRIMELAKE_ACCESS_CONFIG, tokens from CRIMELAKE_TOKEN_<USER>)',
  },
  args: {
    ...lakeArgs,
    host: { type: 'string', default: '127.0.0.1', description: 'Address to listen on' },
    port: { type: 'string', default: '8080', description: 'Port (0: any free port)' },
  },
  async run({ args }) {
    await runVerb(async () => {
      const { config, lake, log } = cliContext(args);
      const port = Number(args.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError(`--port must be 0-65535, got ${args.port}`);
      const access = loadAccessConfig(config.CRIMELAKE_ACCESS_CONFIG);
      const server = await startServer({ lake, config, access, env: process.env }, { host: args.host, port });
      log.info('listening', { url: server.url, users: access.users.length });
      process.stdout.write(`${server.url}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          void server.close().then(resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
  },
});
