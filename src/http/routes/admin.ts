import { Hono, type Context } from 'hono';
import { grantCollection, listUsers, revokeCollection } from '../../accounts/index.js';
import { listAudit, verifyAudit, type AuditFilters } from '../../audit/index.js';
import { DossierError, isDossierError } from '../../domain/errors.js';
import type { HttpDeps, HttpEnv } from '../context.js';
import { currentActor, currentUser } from '../middleware/require-user.js';
import { AdminAuditPage } from '../views/admin-audit-page.js';
import { AdminUsersPage } from '../views/admin-users-page.js';
import { renderPage } from '../views/render.js';

export const AUDIT_PAGE_SIZE = 50;

/** Audit filters from the query string (user, action, document, from, to, limit, offset). */
function auditFilters(c: Context<HttpEnv>): AuditFilters {
  const text = (name: string) => c.req.query(name)?.trim() || undefined;
  const number = (name: string) => {
    const value = text(name);
    if (value === undefined) return undefined;
    if (!/^\d{1,12}$/.test(value)) throw new DossierError('invalid_argument', `${name} must be a whole number, got "${value}"`);
    return Number(value);
  };
  const date = (name: string) => {
    const value = text(name);
    if (value !== undefined && !/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(value)) throw new DossierError('invalid_argument', `${name} must be a date (YYYY-MM-DD), got "${value}"`);
    return value;
  };
  return { user: text('user'), action: text('action'), documentId: number('document'), from: date('from'), to: date('to'), limit: number('limit') ?? AUDIT_PAGE_SIZE, offset: number('offset') ?? 0 };
}

/** Admin pages (/admin/audit, /admin/users with grant and revoke) and GET /api/audit, /api/audit/verify, /api/users, POST/DELETE /api/grants. */
export function adminRoutes(deps: HttpDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();

  app.get('/api/audit', async (c) => c.json(await listAudit(deps.records, auditFilters(c))));
  app.get('/api/audit/verify', async (c) => c.json(await verifyAudit(deps.records)));

  app.get('/api/users', async (c) => c.json({ users: await listUsers(deps.records) }));

  const grantApi = async (c: Context<HttpEnv>, revoke: boolean) => {
    const body = (await c.req.json().catch(() => null)) as { user?: unknown; collection?: unknown } | null;
    if (!body || typeof body.user !== 'string' || typeof body.collection !== 'string') throw new DossierError('invalid_argument', 'send JSON {"user": "…", "collection": "…"}');
    const [name, collection] = [body.user, body.collection];
    try {
      if (revoke) {
        const result = await revokeCollection(deps.records, { actor: currentActor(c), user: name, collection });
        return c.json({ user: name, collection, removed: result.removed });
      }
      const result = await grantCollection(deps.records, { actor: currentActor(c), user: name, collection });
      return c.json({ user: name, collection, added: result.added });
    } catch (error) {
      // An admin may know which users and collections exist: say which one is unknown.
      if (isDossierError(error) && error.code === 'not_found') return c.json({ error: { code: 'not_found', message: error.message } }, 404);
      throw error;
    }
  };
  app.post('/api/grants', (c) => grantApi(c, false));
  app.delete('/api/grants', (c) => grantApi(c, true));

  app.get('/admin/audit', async (c) => {
    const filters = auditFilters(c);
    const [list, verification] = await Promise.all([listAudit(deps.records, filters), verifyAudit(deps.records)]);
    return renderPage(c, AdminAuditPage({ filters, list, verification, user: currentUser(c), csrf: c.get('csrf'), nonce: c.get('nonce') }));
  });

  const usersPage = async (c: Context<HttpEnv>, message?: { kind: 'ok' | 'error'; text: string }, status: 200 | 400 | 404 = 200) => {
    const [users, collections] = await Promise.all([listUsers(deps.records), deps.records.read.grants.collections()]);
    return renderPage(c, AdminUsersPage({ users, collections: collections.map((r) => r.name), message, user: currentUser(c), csrf: c.get('csrf'), nonce: c.get('nonce') }), status);
  };
  app.get('/admin/users', (c) => usersPage(c));

  app.post('/admin/grants', async (c) => {
    const form = await c.req.parseBody();
    const field = (name: string) => (typeof form[name] === 'string' ? (form[name] as string).trim() : '');
    const [name, collection, op] = [field('user'), field('collection'), field('op')];
    try {
      if (op === 'revoke') {
        await revokeCollection(deps.records, { actor: currentActor(c), user: name, collection });
        return usersPage(c, { kind: 'ok', text: `“${name}” may no longer see “${collection}”.` });
      }
      await grantCollection(deps.records, { actor: currentActor(c), user: name, collection });
      return usersPage(c, { kind: 'ok', text: `“${name}” may now see “${collection}”.` });
    } catch (error) {
      if (isDossierError(error) && (error.code === 'not_found' || error.code === 'invalid_argument')) return usersPage(c, { kind: 'error', text: error.message }, 400);
      throw error;
    }
  });

  return app;
}
