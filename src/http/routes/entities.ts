import { Hono, type Context } from 'hono';
import { recordAudit } from '../../audit/index.js';
import type { Actor } from '../../domain/actor.js';
import { DossierError } from '../../domain/errors.js';
import { applyEntityMerge, applyEntitySplit } from '../../index/index.js';
import type { Access, HttpDeps, HttpEnv, SessionUser } from '../context.js';
import { notFound } from '../middleware/errors.js';
import { currentUser, requireRole, requireUser } from '../middleware/require-user.js';
import { documentIfVisible } from '../visibility.js';
import { EntityListPage, EntityPage } from '../views/entity-pages.js';
import { renderPage } from '../views/render.js';

const actorOf = (user: SessionUser): Actor => ({ kind: 'user', id: user.id, name: user.name, role: user.role });

const PER_PAGE = 50;

/** The collections an entity query may count: undefined for an admin (all). */
export const scopeOf = (access: Access): string[] | undefined => (access.all ? undefined : access.collectionNames);

const idParam = (c: Context<HttpEnv>, name = 'id'): number => {
  const text = c.req.param(name) ?? '';
  return /^[1-9]\d{0,15}$/.test(text) ? Number(text) : Number.NaN;
};

/**
 * Entities: GET /entities (list, filter by type and form), GET /entities/:id (mentions in
 * context, documents, the network of entities seen with it, a timeline), POST /entities/merge
 * and /entities/:id/split for editors; the API under /api/entities the same, and
 * GET /api/documents/:id/entities (what one document names). An entity no
 * visible document mentions answers 404, like one that does not exist.
 */
export function entityRoutes(deps: HttpDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  for (const path of ['/entities', '/entities/*', '/api/entities', '/api/entities/*']) app.use(path, requireUser());
  for (const path of ['/entities/merge', '/entities/:id/split', '/api/entities/merge', '/api/entities/:id/split']) app.on('POST', path, requireRole('editor'));

  const list = (c: Context<HttpEnv>) => {
    const type = (c.req.query('type') ?? '').toUpperCase();
    const page = Math.max(1, Number(c.req.query('page') ?? 1) || 1);
    const limit = Math.min(1000, Math.max(1, Number(c.req.query('limit') ?? PER_PAGE) || PER_PAGE));
    const offset = c.req.query('offset') !== undefined ? Math.max(0, Number(c.req.query('offset')) || 0) : (page - 1) * limit;
    if (type && !['PERSON', 'LOCATION', 'ORGANIZATION'].includes(type)) throw new DossierError('invalid_argument', `type is PERSON, LOCATION or ORGANIZATION, got "${type}"`);
    return { type, page, limit, offset, q: c.req.query('q') ?? '' };
  };

  app.get('/entities', async (c) => {
    const { type, page, q } = list(c);
    const result = await deps.records.read.entities.list({ type: type || undefined, q: q || undefined, limit: PER_PAGE, offset: (page - 1) * PER_PAGE, allowedCollections: scopeOf(c.get('access')) });
    return renderPage(c, EntityListPage({ user: currentUser(c), csrf: c.get('csrf'), entities: result.entities, total: result.total, type, q, page, perPage: PER_PAGE }));
  });

  app.get('/api/entities', async (c) => {
    const { type, limit, offset, q } = list(c);
    return c.json(await deps.records.read.entities.list({ type: type || undefined, q: q || undefined, limit, offset, allowedCollections: scopeOf(c.get('access')) }));
  });

  const detail = async (c: Context<HttpEnv>) => {
    const id = idParam(c);
    const entity = Number.isNaN(id) ? null : await deps.records.read.entities.detail(id, { allowedCollections: scopeOf(c.get('access')) });
    if (entity) await recordAudit(deps.records, { user: currentUser(c), action: 'view', detail: { entity: entity.id, name: entity.name } });
    return entity;
  };

  app.get('/entities/:id', async (c) => {
    const entity = await detail(c);
    if (!entity) return notFound(c);
    return renderPage(c, EntityPage({ user: currentUser(c), csrf: c.get('csrf'), entity }));
  });

  app.get('/api/entities/:id', async (c) => {
    const entity = await detail(c);
    return entity ? c.json(entity) : notFound(c);
  });

  /** Editors act only on entities they can see. */
  const visibleIds = async (c: Context<HttpEnv>, ids: number[]) => {
    for (const id of ids) if (Number.isNaN(id) || !(await deps.records.read.entities.isVisible(id, { allowedCollections: scopeOf(c.get('access')) }))) return false;
    return true;
  };

  const merge = async (c: Context<HttpEnv>, ids: number[]) => {
    if (!(await visibleIds(c, ids))) return null;
    const user = currentUser(c);
    return applyEntityMerge(deps.records, { actor: actorOf(user), ids });
  };

  app.post('/entities/merge', async (c) => {
    const body = await c.req.parseBody({ all: true });
    const raw = body['ids'];
    const ids = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((v) => (typeof v === 'string' && /^[1-9]\d*$/.test(v) ? Number(v) : Number.NaN));
    const result = await merge(c, ids);
    if (!result) return notFound(c);
    return c.redirect(`/entities/${result.into}`, 303);
  });

  app.post('/api/entities/merge', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { ids?: unknown } | null;
    if (!body || !Array.isArray(body.ids)) throw new DossierError('invalid_argument', 'send JSON {"ids": [ID, ID, …]}: the others join the first');
    const result = await merge(c, body.ids.map((v) => (Number.isInteger(v) ? Number(v) : Number.NaN)));
    return result ? c.json(result) : notFound(c);
  });

  const split = async (c: Context<HttpEnv>, form: unknown) => {
    const id = idParam(c);
    if (typeof form !== 'string' || form.trim() === '') throw new DossierError('invalid_argument', 'say which form to split off');
    if (!(await visibleIds(c, [id]))) return null;
    const user = currentUser(c);
    return applyEntitySplit(deps.records, { actor: actorOf(user), id, form });
  };

  app.post('/entities/:id/split', async (c) => {
    const result = await split(c, (await c.req.parseBody())['form']);
    if (!result) return notFound(c);
    return c.redirect(`/entities/${result.entity ?? idParam(c)}`, 303);
  });

  app.post('/api/entities/:id/split', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { form?: unknown } | null;
    const result = await split(c, body?.form);
    return result ? c.json(result) : notFound(c);
  });

  app.get('/api/documents/:id/entities', requireUser(), async (c) => {
    const doc = await documentIfVisible(deps.records, c.get('access'), idParam(c));
    if (!doc) return notFound(c);
    return c.json(await deps.records.read.entities.documentMentions(doc.id));
  });

  return app;
}
