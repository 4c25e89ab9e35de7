import { type Command, type Option } from 'commander';
import { DossierError } from '../domain/errors.js';
import { storyStats } from '../publish/index.js';
import type { App } from './app.js';
import { printJson } from './output.js';

type WithApp = <A extends unknown[]>(fn: (app: App, ...args: A) => Promise<unknown>) => (...args: A) => Promise<void>;

export interface SiteSettings {
  name: string;
  baseUrl: string | null;
  static: boolean;
}

/** The public site's server and exporter, constructed in main.ts (they hold the Hono app). */
export interface SiteRunner {
  serve(app: App, site: SiteSettings, options: { host: string; port: number; trustProxy: string | null }): Promise<{ url: string; close(): Promise<void> }>;
  export(app: App, site: SiteSettings, dir: string): Promise<{ dir: string; files: number; bytes: number }>;
}

interface SiteOptions {
  name?: string;
  url?: string;
}

function settings(opts: SiteOptions): SiteSettings {
  const raw = opts.url ?? process.env.DOSSIER_SITE_URL ?? null;
  let baseUrl: string | null = null;
  if (raw) {
    try {
      const url = new URL(raw);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
      baseUrl = url.toString().replace(/\/?$/, '/');
    } catch {
      throw new DossierError('invalid_argument', `--url must be an http(s) address such as https://news.example.org/, got "${raw}"`);
    }
  }
  return { name: opts.name ?? process.env.DOSSIER_SITE_NAME ?? 'Dossier', baseUrl, static: false };
}

/** `dossier site serve|export|stats`. */
export function registerSiteCommands(program: Command, withApp: WithApp, workspace: () => Option, runner: SiteRunner): void {
  const site = program.command('site').description('the public site: published stories and documents only, no sign-in, no cookies');
  site
    .command('serve')
    .description('serve only the public site (no workbench route, nothing unpublished), until Ctrl-C or SIGTERM')
    .option('-p, --port <n>', 'the port; 0 picks a free one (printed)', '8090')
    .option('-H, --host <address>', 'the address to listen on', '127.0.0.1')
    .option('--name <name>', "the site's name (default: $DOSSIER_SITE_NAME or Dossier)")
    .option('--url <url>', 'the public address, for canonical links, feed, sitemap and oEmbed (default: $DOSSIER_SITE_URL, else each request\'s own)')
    .option('--trust-proxy [proxies]', 'behind a reverse proxy: take the visitor\'s address (comment rate limit, view counting) from X-Forwarded-For, the right-most hop that is not one of these proxies (addresses, CIDR ranges or "loopback", comma-separated; default loopback; or $DOSSIER_TRUST_PROXY). Without it the socket\'s address is used')
    .addOption(workspace())
    .addHelpText('after', '\nPrints "Dossier site is serving on http://HOST:PORT". Pages: /, /stories/SLUG/, /documents/ID/, /embed/documents/ID/, /search/?q=, /feed.atom, /sitemap.xml, /robots.txt, /oembed?url=…')
    .action(
      withApp(async (app, opts: SiteOptions & { port: string; host: string; trustProxy?: string | true }) => {
        const port = Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new DossierError('invalid_argument', `--port is a whole number from 0 to 65535, got "${opts.port}"`);
        const trustProxy = opts.trustProxy === true ? 'loopback' : (opts.trustProxy ?? (process.env.DOSSIER_TRUST_PROXY || null));
        let running: { url: string; close(): Promise<void> };
        try {
          running = await runner.serve(app, settings(opts), { host: opts.host, port, trustProxy });
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'EADDRINUSE') throw new DossierError('io_error', `port ${port} on ${opts.host} is in use: choose another with --port N`);
          throw error;
        }
        console.log(`Dossier site is serving on ${running.url}`);
        console.log('Press Ctrl-C to stop.');
        const onRejection = (reason: unknown) => console.error('dossier site: unhandled error while serving:', reason);
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
      }),
    );
  site
    .command('export')
    .description('write the public site as static files (HTML, feed, sitemap, redacted PDFs, images) into a folder; no comment form or search')
    .argument('<dir>', 'the folder to write')
    .option('--name <name>', "the site's name (default: $DOSSIER_SITE_NAME or Dossier)")
    .option('--url <url>', 'the address the copy will be published at (default: $DOSSIER_SITE_URL or http://localhost/)')
    .option('--json', 'print JSON: {dir, files, bytes}')
    .addOption(workspace())
    .action(
      withApp(async (app, dir: string, opts: SiteOptions & { json?: boolean }) => {
        const result = await runner.export(app, settings(opts), dir);
        if (opts.json) printJson(result);
        else console.log(`Wrote ${result.files} files (${result.bytes} bytes) to ${result.dir}`);
      }),
    );
  site
    .command('stats')
    .description('views of each published story, counted without cookies: the last 7 days and in all')
    .option('--json', 'print JSON: {stories: [{slug, title, views7d, views}]}')
    .addOption(workspace())
    .action(
      withApp(async (app, opts: { json?: boolean }) => {
        const stories = await storyStats(app.records);
        if (opts.json) return printJson({ stories });
        if (stories.length === 0) console.log('No published story yet.');
        for (const s of stories) console.log(`${s.slug}\t${s.views7d} in 7 days\t${s.views} in all`);
      }),
    );
}
