import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { TextAnalyser } from '../../analyse/index.js';
import { isDossierError } from '../../domain/errors.js';
import type { Records } from '../../platform/db/records.js';
import {
  countView,
  oembed,
  publishedFile,
  publishedStory,
  renderDocument,
  renderDocuments,
  renderEmbed,
  renderFeed,
  renderHome,
  renderNotice,
  renderSearch,
  renderSitemap,
  renderStory,
  robotsTxt,
  SITE_CSS,
  submitComment,
  type SiteOptions,
} from '../../publish/index.js';
import { STATUS_OF } from '../middleware/errors.js';
import { searchPublished } from './public-search.js';
import { siteHeaders } from './site-headers.js';

/** What the public site reads: published records, blobs of derivatives and images, the analysis chain for search. */
export interface SiteDeps {
  records: Pick<Records, 'read' | 'transact'>;
  blobs: { has(sha256: string): boolean; read(sha256: string): Promise<Buffer<ArrayBuffer>> };
  analyser(): TextAnalyser;
  /** The site's name and, if fixed, its public address (else each request's origin). */
  site: { name: string; baseUrl: string | null; static: boolean };
  /** The visitor's address (from the socket); '' when unknown (a static export). */
  addressOf?(c: Context): string;
}

/** A form past this size is refused before it is read (413); below it, the comment's own limit answers with a clear 400. */
const MAX_FORM_BYTES = 2 * 1024 * 1024;

/**
 * The public site as a Hono app, separate from the workbench: no session, no sign-in, no
 * workbench route; it reads only published records. Addresses end in "/" (folders), so every
 * link in the pages is relative and the same files work from `site export`, behind a proxy
 * path or an onion service.
 */
export function buildSite(deps: SiteDeps): Hono {
  const app = new Hono();
  const site = (c: Context): SiteOptions => ({ name: deps.site.name, static: deps.site.static, baseUrl: deps.site.baseUrl ?? `${new URL(c.req.url).origin}/` });
  const notFound = async (c: Context, root: string) => c.html(await renderNotice(site(c), root, 'Not found', 'There is nothing published at this address.'), 404);
  const rootOf = (path: string) => '../'.repeat(Math.max(0, path.split('/').length - 2)) || './';

  app.use('*', siteHeaders());
  app.onError(async (error, c) => {
    if (isDossierError(error)) {
      const status = STATUS_OF[error.code];
      if (c.req.path === '/oembed') return c.json({ error: { code: error.code, message: error.message } }, status);
      return c.html(await renderNotice(site(c), rootOf(c.req.path), status === 404 ? 'Not found' : 'That did not work', error.message), status);
    }
    console.error('dossier site: error while serving', c.req.path, error);
    return c.text('Something went wrong on our side.', 500);
  });
  app.notFound((c) => notFound(c, rootOf(c.req.path)));

  // Folders without their slash: send the reader to the folder (a relative Location, like every link here).
  for (const [pattern, last] of [['/documents', 'documents'], ['/search', 'search'], ['/documents/:id', ':id'], ['/stories/:slug', ':slug'], ['/embed/documents/:id', ':id']] as const) {
    app.get(pattern, (c) => {
      const tail = last.startsWith(':') ? c.req.param(last.slice(1)) : last;
      const query = new URL(c.req.url).search;
      return c.redirect(`${tail}/${query}`, 301);
    });
  }

  app.get('/', async (c) => c.html(await renderHome(deps.records, site(c))));
  app.get('/site.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(SITE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });
  app.get('/feed.atom', async (c) => c.body(await renderFeed(deps.records, site(c)), 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' }));
  app.get('/sitemap.xml', async (c) => c.body(await renderSitemap(deps.records, site(c)), 200, { 'Content-Type': 'application/xml; charset=utf-8' }));
  app.get('/robots.txt', (c) => c.text(robotsTxt(site(c))));

  app.get('/stories/:slug/', async (c) => {
    const story = await publishedStory(deps.records, c.req.param('slug'));
    if (!story) return notFound(c, '../../');
    const notice = c.req.query('comment') === 'sent' ? { kind: 'ok' as const, text: 'Thank you: your comment is awaiting moderation. It appears once an editor approves it.' } : null;
    const page = await renderStory(deps.records, site(c), story, notice);
    // Counted on the server when the page is served: not for HEAD, prefetches or (in countView) bots and repeat visitors.
    const purpose = `${c.req.header('Sec-Purpose') ?? ''} ${c.req.header('Purpose') ?? ''} ${c.req.header('X-Moz') ?? ''}`;
    if (c.req.method === 'GET' && !/prefetch|prerender/i.test(purpose) && !deps.site.static) {
      await countView(deps.records, { storyId: story.id, address: deps.addressOf?.(c) ?? '', userAgent: c.req.header('User-Agent') ?? '' });
    }
    return c.html(page);
  });
  app.post(
    '/stories/:slug/',
    bodyLimit({ maxSize: MAX_FORM_BYTES, onError: async (c) => c.html(await renderNotice(site(c), '../../', 'Comment too long', `A comment is at most 5,000 characters; this form was larger than ${MAX_FORM_BYTES / 1024 / 1024} MB.`), 413) }),
    async (c) => {
      const story = await publishedStory(deps.records, c.req.param('slug'));
      if (!story || deps.site.static) return notFound(c, '../../');
      const form = await c.req.parseBody();
      const field = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : undefined);
      try {
        await submitComment(deps.records, { slug: story.slug, name: field('name'), body: field('body'), token: field('token'), honeypot: field('website'), address: deps.addressOf?.(c) ?? '' });
      } catch (error) {
        if (!isDossierError(error)) throw error;
        return c.html(await renderStory(deps.records, site(c), story, { kind: 'error', text: `Your comment was not accepted: ${error.message}` }), STATUS_OF[error.code]);
      }
      return c.redirect('./?comment=sent#comments', 303);
    },
  );
  app.get('/stories/:slug/image', async (c) => {
    const story = await publishedStory(deps.records, c.req.param('slug'));
    if (!story?.image || !deps.blobs.has(story.image.sha256)) return notFound(c, '../../');
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(await deps.blobs.read(story.image.sha256), 200, { 'Content-Type': story.image.mime });
  });

  app.get('/documents/', async (c) => c.html(await renderDocuments(deps.records, site(c))));
  app.get('/documents/:id/', async (c) => {
    const page = await renderDocument(deps.records, site(c), c.req.param('id'));
    return page ? c.html(page) : notFound(c, '../../');
  });
  app.get('/documents/:id/redacted.pdf', async (c) => {
    const sha = await publishedFile(deps.records, c.req.param('id'), { pdf: true });
    if (!sha || !deps.blobs.has(sha)) return notFound(c, '../../');
    return c.body(await deps.blobs.read(sha), 200, { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="document-${c.req.param('id')}-redacted.pdf"` });
  });
  app.get('/documents/:id/pages/:file', async (c) => {
    const page = /^(\d{1,6})\.png$/.exec(c.req.param('file'))?.[1];
    const sha = page ? await publishedFile(deps.records, c.req.param('id'), { page }) : null;
    if (!sha || !deps.blobs.has(sha)) return notFound(c, '../../../');
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(await deps.blobs.read(sha), 200, { 'Content-Type': 'image/png' });
  });
  app.get('/embed/documents/:id/', async (c) => {
    const page = await renderEmbed(deps.records, site(c), c.req.param('id'), c.req.query('page'));
    return page ? c.html(page) : notFound(c, '../../../');
  });
  app.get('/oembed', async (c) => {
    const format = c.req.query('format') ?? 'json';
    if (format !== 'json') return c.json({ error: { code: 'not_implemented', message: 'only format=json is answered' } }, 501);
    return c.json(await oembed(deps.records, site(c), c.req.query('url'), { maxwidth: c.req.query('maxwidth'), maxheight: c.req.query('maxheight') }));
  });
  app.get('/search/', async (c) => {
    if (deps.site.static) return notFound(c, '../');
    const query = (c.req.query('q') ?? '').trim().slice(0, 500);
    const hits = query ? await searchPublished(deps.records, deps.analyser(), query) : [];
    return c.html(await renderSearch(site(c), query, hits));
  });
  return app;
}
