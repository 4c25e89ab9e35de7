import { Hono, type Context } from 'hono';
import { DossierError } from '../../domain/errors.js';
import type { HttpDeps, HttpEnv } from '../context.js';
import { notFound } from '../middleware/errors.js';
import { currentActor, currentUser, requireUser } from '../middleware/require-user.js';
import { addNote, deleteNote, listCollectionNotes, listDocumentNotes, type NoteInput } from '../notes.js';
import { optionalInt, textField, visibleCollection, visibleDocument, writer } from '../route-guards.js';
import { CollectionNotesPage } from '../views/collection-notes-page.js';
import { renderPage } from '../views/render.js';

const PAGE_SIZE = 200;

function noteInput(body: Record<string, unknown>): NoteInput {
  return { page: optionalInt(body['page']), start: optionalInt(body['start']), end: optionalInt(body['end']), quote: textField(body, 'quote'), body: textField(body, 'body') };
}

/**
 * Notes on passages. Pages: POST /documents/:id/notes (the document page's form),
 * POST /documents/:id/notes/:noteId/delete, GET /collections/:name/notes. API: GET and POST
 * /api/documents/:id/notes, DELETE /api/documents/:id/notes/:noteId, GET
 * /api/collections/:name/notes. Reading needs the document's (or collection's) access; writing
 * also a role other than viewer.
 */
export function noteRoutes(deps: HttpDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  for (const path of ['/documents/:id/notes', '/documents/:id/notes/*', '/api/documents/:id/notes', '/api/documents/:id/notes/*', '/collections/:name/notes', '/api/collections/:name/notes']) {
    app.use(path, requireUser());
  }

  const create = async (c: Context<HttpEnv>, body: Record<string, unknown>) => {
    const doc = await visibleDocument(deps, c);
    if (!doc.ok) return { response: doc.response };
    const user = writer(c);
    if (!user.ok) return { response: user.response };
    const note = await addNote(deps.records, { actor: currentActor(c), document: { id: doc.value.id, collectionId: doc.value.collectionId }, note: noteInput(body) });
    return { note };
  };

  app.post('/documents/:id/notes', async (c) => {
    const result = await create(c, await c.req.parseBody());
    if ('response' in result) return result.response;
    return c.redirect(`/documents/${result.note.documentId}#note-${result.note.id}`, 303);
  });

  app.post('/api/documents/:id/notes', async (c) => {
    const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
    if (!body || typeof body !== 'object') throw new DossierError('invalid_argument', 'send JSON {"body": "…", "page": N, "start": N, "end": N, "quote": "…"}');
    const result = await create(c, body);
    if ('response' in result) return result.response;
    return c.json({ note: result.note }, 201);
  });

  app.get('/api/documents/:id/notes', async (c) => {
    const doc = await visibleDocument(deps, c);
    if (!doc.ok) return doc.response;
    return c.json({ notes: await listDocumentNotes(deps.records, doc.value.id, currentUser(c)) });
  });

  const remove = async (c: Context<HttpEnv>) => {
    const doc = await visibleDocument(deps, c);
    if (!doc.ok) return doc.response;
    const user = writer(c);
    if (!user.ok) return user.response;
    const noteId = optionalInt(c.req.param('noteId')) ?? 0;
    const deleted = await deleteNote(deps.records, { actor: currentActor(c), document: { id: doc.value.id, collectionId: doc.value.collectionId }, noteId });
    return deleted ? null : notFound(c);
  };

  app.post('/documents/:id/notes/:noteId/delete', async (c) => {
    const refused = await remove(c);
    return refused ?? c.redirect(`/documents/${c.req.param('id')}#notes`, 303);
  });

  app.delete('/api/documents/:id/notes/:noteId', async (c) => {
    const refused = await remove(c);
    return refused ?? c.body(null, 204);
  });

  const collectionNotes = async (c: Context<HttpEnv>) => {
    const collection = await visibleCollection(deps, c);
    if (!collection.ok) return { response: collection.response };
    const limit = Math.min(Math.max(optionalInt(c.req.query('limit')) ?? PAGE_SIZE, 1), 1000);
    const offset = Math.max(optionalInt(c.req.query('offset')) ?? 0, 0);
    return { collection: collection.value, limit, offset, ...(await listCollectionNotes(deps.records, collection.value.id, currentUser(c), { limit, offset })) };
  };

  app.get('/collections/:name/notes', async (c) => {
    const result = await collectionNotes(c);
    if ('response' in result) return result.response;
    return renderPage(c, CollectionNotesPage({ ...result, user: currentUser(c), csrf: c.get('csrf'), nonce: c.get('nonce') }));
  });

  app.get('/api/collections/:name/notes', async (c) => {
    const result = await collectionNotes(c);
    if ('response' in result) return result.response;
    return c.json({ collection: result.collection.name, total: result.total, notes: result.notes });
  });

  return app;
}
