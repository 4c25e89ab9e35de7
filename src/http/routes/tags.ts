import { Hono, type Context } from 'hono';
import { DossierError } from '../../domain/errors.js';
import type { HttpDeps, HttpEnv } from '../context.js';
import { currentActor, currentUser, requireUser } from '../middleware/require-user.js';
import { textField, visibleCollection, visibleDocument, writer } from '../route-guards.js';
import { addTag, collectionTagCounts, listDocumentTags, removeTag } from '../tags.js';
import { CollectionTagsPage } from '../views/collection-tags-page.js';
import { renderPage } from '../views/render.js';

/**
 * Tags on documents. Pages: POST /documents/:id/tags (form field `tag`),
 * POST /documents/:id/tags/:tag/delete, GET /collections/:name/tags. API: GET and POST
 * /api/documents/:id/tags, DELETE /api/documents/:id/tags/:tag, GET /api/collections/:name/tags.
 * Tagging needs the document's access and a role other than viewer.
 */
export function tagRoutes(deps: HttpDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  for (const path of ['/documents/:id/tags', '/documents/:id/tags/*', '/api/documents/:id/tags', '/api/documents/:id/tags/*', '/collections/:name/tags', '/api/collections/:name/tags']) {
    app.use(path, requireUser());
  }

  /** Add or remove, after the access and role checks; the refusal response, or what changed. */
  const change = async (c: Context<HttpEnv>, op: 'add' | 'remove', name: string) => {
    const doc = await visibleDocument(deps, c);
    if (!doc.ok) return { response: doc.response };
    const user = writer(c);
    if (!user.ok) return { response: user.response };
    const input = { actor: currentActor(c), document: { id: doc.value.id, collectionId: doc.value.collectionId }, tag: name };
    const outcome = op === 'add' ? await addTag(deps.records, input) : await removeTag(deps.records, input);
    const changed = 'added' in outcome ? outcome.added : outcome.removed;
    return { documentId: doc.value.id, tag: outcome.tag, changed };
  };

  app.post('/documents/:id/tags', async (c) => {
    const result = await change(c, 'add', textField(await c.req.parseBody(), 'tag'));
    if ('response' in result) return result.response;
    return c.redirect(`/documents/${result.documentId}#tags`, 303);
  });

  app.post('/documents/:id/tags/:tag/delete', async (c) => {
    const result = await change(c, 'remove', c.req.param('tag'));
    if ('response' in result) return result.response;
    return c.redirect(`/documents/${result.documentId}#tags`, 303);
  });

  app.get('/api/documents/:id/tags', async (c) => {
    const doc = await visibleDocument(deps, c);
    if (!doc.ok) return doc.response;
    return c.json({ tags: await listDocumentTags(deps.records, doc.value.id) });
  });

  app.post('/api/documents/:id/tags', async (c) => {
    const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
    if (!body || typeof body['tag'] !== 'string') throw new DossierError('invalid_argument', 'send JSON {"tag": "…"}');
    const result = await change(c, 'add', body['tag']);
    if ('response' in result) return result.response;
    return c.json({ tag: result.tag, added: result.changed }, 201);
  });

  app.delete('/api/documents/:id/tags/:tag', async (c) => {
    const result = await change(c, 'remove', c.req.param('tag'));
    if ('response' in result) return result.response;
    return c.body(null, 204);
  });

  app.get('/collections/:name/tags', async (c) => {
    const collection = await visibleCollection(deps, c);
    if (!collection.ok) return collection.response;
    const tags = await collectionTagCounts(deps.records, collection.value.id);
    return renderPage(c, CollectionTagsPage({ collection: collection.value, tags, user: currentUser(c), csrf: c.get('csrf'), nonce: c.get('nonce') }));
  });

  app.get('/api/collections/:name/tags', async (c) => {
    const collection = await visibleCollection(deps, c);
    if (!collection.ok) return collection.response;
    return c.json({ collection: collection.value.name, tags: await collectionTagCounts(deps.records, collection.value.id) });
  });

  return app;
}
