import { Hono } from 'hono';
import { mayEdit } from '../../domain/actor.js';
import { setNotePublic } from '../../publish/index.js';
import type { HttpDeps, HttpEnv } from '../context.js';
import { errorResponse } from '../middleware/errors.js';
import { currentUser, requireUser } from '../middleware/require-user.js';
import { optionalInt, visibleDocument } from '../route-guards.js';

/**
 * POST /documents/:id/notes/:noteId/visibility (form field `visibility`: public or private): the
 * reader's button that shows a note on the document's published page or takes it off — the same
 * command as `dossier note public|private`, refused (409 redaction_leak) when the note spells a
 * redacted string. The document's access is checked first (404 like a missing one), then the
 * role (editors and admins).
 */
export function noteVisibilityRoutes(deps: HttpDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  app.use('/documents/:id/notes/:noteId/visibility', requireUser());

  app.post('/documents/:id/notes/:noteId/visibility', async (c) => {
    const doc = await visibleDocument(deps, c);
    if (!doc.ok) return doc.response;
    const user = currentUser(c);
    if (!mayEdit({ kind: 'user', id: user.id, name: user.name, role: user.role })) return errorResponse(c, 403, 'forbidden', 'only editors and administrators make notes public or private');
    const visibility = (await c.req.parseBody())['visibility'];
    if (visibility !== 'public' && visibility !== 'private') return errorResponse(c, 400, 'invalid_argument', 'visibility is public or private');
    const noteId = optionalInt(c.req.param('noteId')) ?? 0;
    await setNotePublic(deps.records, { actor: { kind: 'user', id: user.id, name: user.name, role: user.role }, documentId: doc.value.id, noteId, public: visibility === 'public' });
    return c.redirect(`/documents/${doc.value.id}#note-${noteId}`, 303);
  });
  return app;
}
