import { Hono } from 'hono';
import { scopeIds, type Access } from '../../accounts/index.js';
import type { Records } from '../../platform/db/records.js';
import type { CollectionSummary } from '../../platform/db/repositories/grants-repository.js';
import type { HttpDeps, HttpEnv } from '../context.js';
import { requireUser, currentUser } from '../middleware/require-user.js';
import { CollectionsPage } from '../views/collections-page.js';
import { renderPage } from '../views/render.js';

export type { CollectionSummary } from '../../platform/db/repositories/grants-repository.js';

/** The collections the access covers, with document counts by status. */
export async function listVisibleCollections(records: Pick<Records, 'read'>, access: Access): Promise<CollectionSummary[]> {
  return records.read.grants.summaries(scopeIds(access));
}

/** / (the collections one may see) and GET /api/collections. */
export function collectionRoutes(deps: HttpDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  app.get('/', requireUser(), async (c) => {
    const collections = await listVisibleCollections(deps.records, c.get('access'));
    return renderPage(c, CollectionsPage({ collections, user: currentUser(c), csrf: c.get('csrf'), nonce: c.get('nonce') }));
  });
  app.get('/api/collections', async (c) => c.json({ collections: await listVisibleCollections(deps.records, c.get('access')) }));
  return app;
}
