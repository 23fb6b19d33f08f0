import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp, type ApiDeps } from './app.ts';

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:8080 */
  url: string;
  close(): Promise<void>;
}

/** Starts the API on host:port (port 0: a free one) and resolves once it listens. */
export function startServer(deps: ApiDeps, options: { host: string; port: number }): Promise<RunningServer> {
  const app = createApp(deps);
  return new Promise((resolve, reject) => {
    let server: ServerType | undefined;
    try {
      server = serve({ fetch: app.fetch, hostname: options.host, port: options.port }, (info: AddressInfo) => {
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        resolve({
          url: `http://${host}:${info.port}`,
          close: () =>
            new Promise<void>((done, fail) => {
              server?.close((error?: Error) => (error ? fail(error) : done()));
            }),
        });
      });
      server.on('error', reject);
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
