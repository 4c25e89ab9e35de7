import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { buildWorkbench } from './app.js';
import type { HttpDeps } from './context.js';
import { UploadRunner } from './upload-runner.js';

export interface RunningWorkbench {
  /** http://host:port, with the port actually bound (useful with port 0). */
  url: string;
  close(): Promise<void>;
}

/** Serve the workbench on host:port (port 0 picks a free port); resolves once it listens. */
export function startWorkbench(deps: HttpDeps, options: { host: string; port: number }): Promise<RunningWorkbench> {
  const app = buildWorkbench(deps);
  // Every serving process claims upload jobs (any of them may have received the files).
  const uploads = new UploadRunner(deps);
  void uploads.start().catch((error: unknown) => console.error('dossier: could not start the upload jobs:', error));
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: options.host, port: options.port }, (info: AddressInfo) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            void uploads.stop();
            server.close(() => done());
            // Browsers keep idle connections open; they must not hold the shutdown.
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}
