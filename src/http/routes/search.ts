import { Hono, type Context } from 'hono';
import type { Access } from '../../accounts/index.js';
import { recordAudit } from '../../audit/index.js';
import { DossierError, isDossierError } from '../../domain/errors.js';
import type { SearchMode } from '../../domain/search.js';
import { collapseNearDuplicates } from '../../publish/index.js';
import { searchDocuments, type SearchResult } from '../../search/index.js';
import { reviewedTranslationText } from '../../publish/index.js';
import type { HttpDeps, HttpEnv } from '../context.js';
import { currentUser } from '../middleware/require-user.js';
import { renderPage } from '../views/render.js';
import { SearchPage } from '../views/search-page.js';

export const PAGE_SIZE = 20;

interface SearchParams {
  q: string;
  mode: SearchMode;
  match: 'all' | 'any';
  limit: number;
  offset: number;
  facets: boolean;
}

function wholeNumber(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  if (!/^\d{1,9}$/.test(text)) throw new DossierError('invalid_argument', `${name} must be a whole number of 0 or more, got "${text}"`);
  return Number(text);
}

/** The query string of /search and /api/search, checked as the CLI checks its options. */
export function searchParams(c: Context<HttpEnv>, defaults: { facets: boolean }): SearchParams {
  const mode = c.req.query('mode') || 'normalised';
  if (!['exact', 'normalised', 'cross-script'].includes(mode)) throw new DossierError('invalid_argument', `mode must be one of exact, normalised, cross-script, got "${mode}"`);
  const match = c.req.query('match') || 'all';
  if (match !== 'all' && match !== 'any') throw new DossierError('invalid_argument', `match must be all or any, got "${match}"`);
  const facets = c.req.query('facets');
  return {
    q: (c.req.query('q') ?? '').trim(),
    mode: mode as SearchMode,
    match,
    limit: wholeNumber(c.req.query('limit'), 'limit', PAGE_SIZE),
    offset: wholeNumber(c.req.query('offset'), 'offset', 0),
    facets: facets === undefined ? defaults.facets : facets === '' || facets === '1' || facets === 'true',
  };
}

/** Search within what the user may see; every search is in the audit log. */
export async function searchAsUser(deps: HttpDeps, c: Context<HttpEnv>, params: SearchParams): Promise<SearchResult> {
  const access: Access = c.get('access');
  const options = {
    mode: params.mode,
    match: params.match,
    limit: params.limit,
    offset: params.offset,
    facets: params.facets,
    allowedCollections: access.all ? undefined : access.collectionNames,
  };
  // On a search thread when the server has them (the same search, with its own connection).
  const result = deps.searchThreads
    ? await deps.searchThreads.search(params.q, options)
    : await searchDocuments(deps.db, deps.searchIndex, deps.analyser(), params.q, { ...options, translationText: (id, page) => reviewedTranslationText(deps.records, id, page), records: deps.records });
  await recordAudit(deps.records, { user: currentUser(c), action: 'search', detail: { q: params.q, mode: params.mode, match: params.match, offset: params.offset, total: result.total } });
  // ?collapse=1 folds near-duplicates into the better-ranked hit (publish/verify), a post-step over this page.
  if (['1', 'true'].includes(c.req.query('collapse') ?? '')) result.hits = await collapseNearDuplicates(deps.records, result.hits);
  return result;
}

/** /search (the page, works without JavaScript) and GET /api/search (the CLI's JSON). */
export function searchRoutes(deps: HttpDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();

  app.get('/api/search', async (c) => {
    const params = searchParams(c, { facets: false });
    if (!params.q) throw new DossierError('invalid_query', 'the query is empty: give q=words');
    return c.json(await searchAsUser(deps, c, params));
  });

  app.get('/search', async (c) => {
    const user = currentUser(c);
    let params: SearchParams;
    let result: SearchResult | null = null;
    let error: string | undefined;
    try {
      params = searchParams(c, { facets: true });
      params.limit = Math.min(Math.max(params.limit, 1), 100);
      if (params.q) result = await searchAsUser(deps, c, params);
    } catch (caught) {
      if (!isDossierError(caught) || (caught.code !== 'invalid_query' && caught.code !== 'invalid_argument')) throw caught;
      error = caught.message;
      params = { q: (c.req.query('q') ?? '').trim(), mode: 'normalised', match: 'all', limit: PAGE_SIZE, offset: 0, facets: true };
    }
    return renderPage(c, SearchPage({ params: { ...params, collapse: ['1', 'true'].includes(c.req.query('collapse') ?? '') }, result, error, user, csrf: c.get('csrf'), nonce: c.get('nonce') }), error ? 400 : 200);
  });

  return app;
}
