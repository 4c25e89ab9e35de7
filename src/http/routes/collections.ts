import { Hono } from 'hono';
import { sql, type Kysely } from 'kysely';
import type { Access } from '../../accounts/index.js';
import type { Database } from '../../platform/db/schema.js';
import type { HttpDeps, HttpEnv } from '../context.js';
import { requireUser, currentUser } from '../middleware/require-user.js';
import { CollectionsPage } from '../views/collections-page.js';
import { renderPage } from '../views/render.js';

export interface CollectionSummary {
  id: number;
  name: string;
  createdAt: string;
  documents: number;
  ok: number;
  failed: number;
  pending: number;
}

/** The collections the access covers, with document counts by status. */
export async function listVisibleCollections(db: Kysely<Database>, access: Access): Promise<CollectionSummary[]> {
  if (!access.all && access.collectionIds.length === 0) return [];
  let query = db
    .selectFrom('collections')
    .leftJoin('documents', 'documents.collection_id', 'collections.id')
    .select([
      'collections.id', 'collections.name', 'collections.created_at',
      sql<number>`count(documents.id)`.as('documents'),
      sql<number>`count(documents.id) filter (where documents.status = 'ok')`.as('ok'),
      sql<number>`count(documents.id) filter (where documents.status = 'failed')`.as('failed'),
      sql<number>`count(documents.id) filter (where documents.status = 'pending')`.as('pending'),
    ])
    .groupBy('collections.id')
    .orderBy('collections.name');
  if (!access.all) query = query.where('collections.id', 'in', access.collectionIds);
  const rows = await query.execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, documents: Number(r.documents), ok: Number(r.ok), failed: Number(r.failed), pending: Number(r.pending) }));
}

/** / (the collections one may see) and GET /api/collections. */
export function collectionRoutes(deps: HttpDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  app.get('/', requireUser(), async (c) => {
    const collections = await listVisibleCollections(deps.db, c.get('access'));
    return renderPage(c, CollectionsPage({ collections, user: currentUser(c), csrf: c.get('csrf'), nonce: c.get('nonce') }));
  });
  app.get('/api/collections', async (c) => c.json({ collections: await listVisibleCollections(deps.db, c.get('access')) }));
  return app;
}
