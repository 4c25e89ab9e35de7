import { Hono, type Context } from 'hono';
import { mayAccessCollection } from '../../accounts/index.js';
import { verifyAudit } from '../../audit/index.js';
import type { Actor } from '../../domain/actor.js';
import { DossierError } from '../../domain/errors.js';
import { compareDocuments, findSimilar, verifyStoredFiles } from '../../publish/index.js';
import type { HttpDeps, HttpEnv, SessionUser } from '../context.js';
import { notFound } from '../middleware/errors.js';
import { currentUser, requireRole, requireUser } from '../middleware/require-user.js';
import { visibleDocument } from '../route-guards.js';
import { ComparePage } from '../views/compare-page.js';
import { renderPage } from '../views/render.js';
import { documentIfVisible } from '../visibility.js';

const actorOf = (user: SessionUser): Actor => ({ kind: 'user', id: user.id, name: user.name, role: user.role });

/**
 * Verify (issue 10). Pages: GET /compare?a=ID&b=ID (side by side). API: GET /api/compare?a&b,
 * GET /api/documents/:id/similar?min=0.5, GET /api/verify?collection=C (admins). Both copies of
 * a compare must be visible to the user, else the one 404.
 */
export function verifyRoutes(deps: HttpDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  for (const path of ['/compare', '/api/compare', '/api/verify']) app.use(path, requireUser());
  app.use('/api/verify', requireRole('admin'));

  /** The two ids of ?a=&b=: 400 when they are not ids; null (→ 404) when either is not the user's to see. */
  const comparison = async (c: Context<HttpEnv>) => {
    const ids = ['a', 'b'].map((k) => Number(c.req.query(k)));
    const [a, b] = ids as [number, number];
    if (!ids.every((n) => Number.isInteger(n) && n > 0)) throw new DossierError('invalid_argument', 'give two document ids: ?a=ID&b=ID');
    const access = c.get('access');
    if (!(await documentIfVisible(deps.records, access, a)) || !(await documentIfVisible(deps.records, access, b))) return null;
    return compareDocuments(deps.records, { actor: actorOf(currentUser(c)), a, b, blobs: deps.blobs });
  };

  app.get('/compare', async (c) => {
    const result = await comparison(c);
    if (!result) return notFound(c);
    return renderPage(c, ComparePage({ comparison: result, user: currentUser(c), csrf: c.get('csrf'), nonce: c.get('nonce') }));
  });

  app.get('/api/compare', async (c) => {
    const result = await comparison(c);
    if (!result) return notFound(c);
    const { a, b, text, invisible, metadata } = result;
    return c.json({ a: { id: a.id, path: a.path }, b: { id: b.id, path: b.path }, text, invisible, metadata });
  });

  app.get('/api/documents/:id/similar', async (c) => {
    const doc = await visibleDocument(deps, c);
    if (!doc.ok) return doc.response;
    const minText = c.req.query('min');
    const min = minText === undefined ? 0.5 : Number(minText);
    if (!Number.isFinite(min) || min < 0 || min > 1) throw new DossierError('invalid_argument', `min is a similarity from 0 to 1, got "${minText}"`);
    const access = c.get('access');
    const found = await findSimilar(deps.records, { id: doc.value.id, min, mayRead: (collectionId) => mayAccessCollection(access, collectionId) });
    return c.json(found.map(({ id, path, similarity }) => ({ id, path, similarity })));
  });

  app.get('/api/verify', async (c) => {
    const report = await verifyStoredFiles(deps.records, { actor: actorOf(currentUser(c)), blobs: deps.blobs, collection: c.req.query('collection') || undefined, checkAudit: () => verifyAudit(deps.records) });
    return c.json(report);
  });

  return app;
}
