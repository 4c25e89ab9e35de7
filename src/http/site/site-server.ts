import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve, type HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import { buildSite, type SiteDeps } from './site-app.js';
import { trustedProxies, visitorAddress } from './visitor-address.js';

export interface RunningSite {
  url: string;
  close(): Promise<void>;
}

/**
 * Serve the public site on host:port (0 picks a free port); resolves once it listens.
 * `trustProxy` (addresses, CIDR ranges or "loopback", comma-separated) names the proxies whose
 * X-Forwarded-For is believed; without it the socket's address is the visitor's.
 */
export function startSite(deps: Omit<SiteDeps, 'addressOf'>, options: { host: string; port: number; trustProxy?: string | null }): Promise<RunningSite> {
  const proxies = options.trustProxy ? trustedProxies(options.trustProxy) : null;
  // Only ever hashed with the day's salt (see publish/story/visitor-hash.ts).
  const addressOf = (c: Context) => visitorAddress(proxies, (c.env as HttpBindings | undefined)?.incoming?.socket.remoteAddress ?? '', c.req.header('X-Forwarded-For'));
  const app = buildSite({ ...deps, addressOf });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: options.host, port: options.port }, (info: AddressInfo) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}

/**
 * `dossier site export DIR`: the same site as static files, fetched from the same app (so the
 * bytes are those `site serve` sends): folders' pages as index.html, feeds, sitemap, derivatives
 * and images. No comment form and no search box (they need the live site).
 */
export async function exportSite(deps: Omit<SiteDeps, 'addressOf'>, dir: string): Promise<{ dir: string; files: number; bytes: number }> {
  const app = buildSite({ ...deps, site: { ...deps.site, static: true } });
  const base = deps.site.baseUrl ?? 'http://localhost/';
  const paths = ['/', '/site.css', '/feed.atom', '/sitemap.xml', '/robots.txt', '/documents/'];
  for (const story of await deps.records.read.stories.list({ status: 'published' })) {
    paths.push(`/stories/${story.slug}/`);
    if (story.image) paths.push(`/stories/${story.slug}/image`);
  }
  for (const doc of await deps.records.read.publications.list()) {
    paths.push(`/documents/${doc.documentId}/`, `/documents/${doc.documentId}/redacted.pdf`, `/embed/documents/${doc.documentId}/`);
    for (const page of doc.pages) if (page.image) paths.push(`/documents/${doc.documentId}/pages/${page.page}.png`);
  }
  fs.mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (const p of paths) {
    const response = await app.request(new URL(p.slice(1), base).toString());
    if (response.status !== 200) throw new Error(`site export: ${p} answered ${response.status}`);
    const body = Buffer.from(await response.arrayBuffer());
    const file = path.join(dir, ...p.split('/').filter(Boolean), p.endsWith('/') ? 'index.html' : '');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, body);
    bytes += body.length;
  }
  return { dir: path.resolve(dir), files: paths.length, bytes };
}
