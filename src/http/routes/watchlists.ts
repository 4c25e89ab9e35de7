import { Hono, type Context } from 'hono';
import { recordAudit } from '../../audit/index.js';
import { DossierError } from '../../domain/errors.js';
import { parseNameList, watchlistCsv, type WatchlistResult } from '../../search/index.js';
import type { HttpDeps, HttpEnv } from '../context.js';
import { notFound } from '../middleware/errors.js';
import { currentUser, requireUser } from '../middleware/require-user.js';
import { visibleDocumentIds } from '../visibility.js';
import { WatchlistPage, WatchlistsPage } from '../views/watchlist-pages.js';
import { renderPage } from '../views/render.js';
import { startWatchlistRun, watchlistProgress } from '../watchlist-runner.js';
import { scopeOf } from './entities.js';

const MAX_LIST_BYTES = 2 * 1024 * 1024;

/**
 * Watch-lists: upload a CSV of names (or type them), watch the batch search run, read per name
 * the documents and hit counts, download the results as CSV, run it again later. A list is its
 * owner's (admins see all); results only ever name documents the reader may see now.
 */
export function watchlistRoutes(deps: HttpDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  for (const path of ['/watchlists', '/watchlists/*', '/api/watchlists', '/api/watchlists/*']) app.use(path, requireUser());

  /** Whose lists a user may see: their own; admins every list. */
  const owner = (c: Context<HttpEnv>): number | undefined => {
    const user = currentUser(c);
    return user.role === 'admin' ? undefined : user.id;
  };

  const ownList = async (c: Context<HttpEnv>) => {
    const text = c.req.param('id') ?? '';
    if (!/^[1-9]\d{0,15}$/.test(text)) return null;
    return deps.records.read.watchlists.byId<WatchlistResult>(Number(text), owner(c));
  };

  /** Stored results, less any document the reader may no longer see. */
  const visibleResults = async (c: Context<HttpEnv>, results: WatchlistResult[] | null): Promise<WatchlistResult[] | null> => {
    if (!results) return null;
    const visible = await visibleDocumentIds(deps.records, c.get('access'), [...new Set(results.flatMap((r) => r.top.map((d) => d.id)))]);
    return results.map((r) => ({ ...r, top: r.top.filter((d) => visible.has(d.id)) }));
  };

  const create = async (c: Context<HttpEnv>, name: string, names: string[]) => {
    if (!name.trim()) throw new DossierError('invalid_argument', 'give the list a name');
    if (names.length === 0) throw new DossierError('invalid_argument', 'the list has no names: upload a CSV with a "name" column, or type one name per line');
    if (names.length > 10_000) throw new DossierError('invalid_argument', `a watch-list holds at most 10,000 names, this one ${names.length}`);
    const user = currentUser(c);
    const id = await deps.records.transact(async (tx) => {
      const id = await tx.watchlists.create({ name: name.trim().slice(0, 200), userId: user.id, names }, new Date().toISOString());
      await tx.audit.append({ user, action: 'search', detail: { watchlist: id, names: names.length } });
      return id;
    });
    startWatchlistRun(deps, id, names, scopeOf(c.get('access')), null);
    return id;
  };

  const lists = async (c: Context<HttpEnv>) => {
    return deps.records.read.watchlists.summaries(owner(c));
  };

  app.get('/watchlists', async (c) => renderPage(c, WatchlistsPage({ user: currentUser(c), csrf: c.get('csrf'), lists: await lists(c) })));
  app.get('/api/watchlists', async (c) => c.json({ watchlists: await lists(c) }));

  app.post('/watchlists', async (c) => {
    const body = await c.req.parseBody();
    const file = body['file'];
    let text = typeof body['names'] === 'string' ? body['names'] : '';
    if (file instanceof File && file.size > 0) {
      if (file.size > MAX_LIST_BYTES) throw new DossierError('invalid_argument', `a list file may be at most ${MAX_LIST_BYTES / 1024 / 1024} MB`);
      text = `${await file.text()}\n${text}`;
    }
    try {
      const id = await create(c, typeof body['name'] === 'string' ? body['name'] : '', parseNameList(text));
      return c.redirect(`/watchlists/${id}`, 303);
    } catch (error) {
      if (error instanceof DossierError && error.code === 'invalid_argument') return renderPage(c, WatchlistsPage({ user: currentUser(c), csrf: c.get('csrf'), lists: await lists(c), error: error.message }), 400);
      throw error;
    }
  });

  app.post('/api/watchlists', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { name?: unknown; names?: unknown; csv?: unknown } | null;
    if (!body) throw new DossierError('invalid_argument', 'send JSON {"name": "…", "names": ["…"]} or {"name": "…", "csv": "name\\n…"}');
    const names = Array.isArray(body.names) ? parseNameList(body.names.map(String).join('\n')) : typeof body.csv === 'string' ? parseNameList(body.csv) : [];
    const id = await create(c, typeof body.name === 'string' ? body.name : '', names);
    return c.json({ id, progress: watchlistProgress(id) }, 202);
  });

  app.get('/watchlists/:id', async (c) => {
    const list = await ownList(c);
    if (!list) return notFound(c);
    return renderPage(c, WatchlistPage({ user: currentUser(c), csrf: c.get('csrf'), id: list.id, name: list.name, names: list.names, ranAt: list.ranAt, results: await visibleResults(c, list.results), progress: watchlistProgress(list.id) }));
  });

  app.get('/api/watchlists/:id', async (c) => {
    const list = await ownList(c);
    if (!list) return notFound(c);
    return c.json({ id: list.id, name: list.name, names: list.names, ranAt: list.ranAt, progress: watchlistProgress(list.id) ?? null, results: await visibleResults(c, list.results) });
  });

  const csv = async (c: Context<HttpEnv>) => {
    const list = await ownList(c);
    const results = list ? await visibleResults(c, list.results) : null;
    if (!list || !results) return notFound(c);
    await recordAudit(deps.records, { user: currentUser(c), action: 'export', detail: { watchlist: list.id, names: results.length } });
    const file = `${list.name.replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 80) || 'watchlist'}-results.csv`;
    return c.body(`\uFEFF${watchlistCsv(results)}`, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="watchlist-${list.id}.csv"; filename*=UTF-8''${encodeURIComponent(file)}`,
    });
  };
  app.get('/watchlists/:id/results.csv', csv);
  app.get('/api/watchlists/:id/csv', csv);

  const rerun = async (c: Context<HttpEnv>) => {
    const list = await ownList(c);
    if (!list) return null;
    if (watchlistProgress(list.id)?.state === 'running') return list.id;
    await recordAudit(deps.records, { user: currentUser(c), action: 'search', detail: { watchlist: list.id, rerun: true } });
    startWatchlistRun(deps, list.id, list.names, scopeOf(c.get('access')), list.ranAt);
    return list.id;
  };
  app.post('/watchlists/:id/rerun', async (c) => {
    const id = await rerun(c);
    return id ? c.redirect(`/watchlists/${id}`, 303) : notFound(c);
  });
  app.post('/api/watchlists/:id/rerun', async (c) => {
    const id = await rerun(c);
    return id ? c.json({ id, progress: watchlistProgress(id) }, 202) : notFound(c);
  });

  return app;
}
