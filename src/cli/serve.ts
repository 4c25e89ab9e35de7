import { countUsers } from '../accounts/index.js';
import { DossierError } from '../domain/errors.js';
import { warmUpSearch, type SearchRunner } from '../search/index.js';
import type { App } from './app.js';

export interface ServeOptions {
  port?: string;
  host?: string;
}

/** Starts the workbench over an open workspace; main.ts supplies it (it constructs the server). */
export type ServeWorkbench = (app: App & { searchThreads?: { search: SearchRunner } | null }, options: { host: string; port: number }) => Promise<{ url: string; close(): Promise<void> }>;

/** `dossier serve`: the workbench in the browser, until Ctrl-C (SIGINT) or SIGTERM. */
export async function serveCommand(app: App, serve: ServeWorkbench, options: ServeOptions): Promise<void> {
  const port = Number(options.port ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new DossierError('invalid_argument', `--port is a whole number from 0 to 65535 (0 picks a free port), got "${options.port}"`);
  const host = options.host ?? '127.0.0.1';
  let running: Awaited<ReturnType<ServeWorkbench>>;
  await warmUpSearch(app.db, app.searchIndex, app.analyser(), app.records);
  // Searches run on threads with their own connections; until they have warmed up, on this one.
  const searchThreads = app.startSearchThreads?.() ?? null;
  try {
    running = await serve({ ...app, searchThreads }, { host, port });
  } catch (error) {
    await searchThreads?.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new DossierError('io_error', `port ${port} on ${host} is in use: choose another with --port N (0 picks a free one)`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new DossierError('io_error', `cannot listen on ${host}: no such address on this machine`);
    throw error;
  }
  console.log(`Dossier is serving on ${running.url}`);
  if ((await countUsers(app.records)) === 0) {
    console.log('No account exists yet. Create the first one, an administrator, in another terminal:');
    console.log('  npx dossier user add admin --role admin');
    console.log(`then open ${running.url} and sign in.`);
  }
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    console.log('Note: this address may be reachable from other machines; put HTTPS in front of it (a reverse proxy) before anyone signs in over a network.');
  }
  console.log('Press Ctrl-C to stop.');
  void searchThreads?.ready().then((n) => console.log(`Searches now run on ${n} thread${n === 1 ? '' : 's'}.`));
  // One failed request must not stop the server for everyone: log a stray rejection and go on.
  const onRejection = (reason: unknown) => console.error('dossier: unhandled error while serving:', reason);
  process.on('unhandledRejection', onRejection);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  process.off('unhandledRejection', onRejection);
  await running.close();
  await searchThreads?.close();
}
