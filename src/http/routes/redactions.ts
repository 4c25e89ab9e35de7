import { Hono, type Context } from 'hono';
import type { Actor } from '../../domain/actor.js';
import { DossierError } from '../../domain/errors.js';
import { checkDerivative, latestDerivative, listMarks, markBox, markPage, markText, produceDerivative, unmark } from '../../publish/index.js';
import type { HttpDeps, HttpEnv, SessionUser } from '../context.js';
import { errorResponse, notFound } from '../middleware/errors.js';
import { currentUser, requireUser } from '../middleware/require-user.js';
import { optionalInt, textField, visibleDocument } from '../route-guards.js';
import { RedactionPage } from '../views/redaction-page.js';
import { sendBlob } from '../send-blob.js';
import { renderPage } from '../views/render.js';

const mayRedact = (user: SessionUser) => user.role === 'admin' || user.role === 'editor';
const actorOf = (user: SessionUser): Actor => ({ kind: 'user', id: user.id, name: user.name, role: user.role });

/**
 * Redaction (issue 12). Pages: GET /documents/:id/redact (marks, original beside the derivative,
 * the check's report); POST /documents/:id/redactions (form: kind text|box|page), POST
 * /documents/:id/redactions/:mark/delete, POST /documents/:id/redactions/apply, POST
 * /documents/:id/redactions/check; GET /documents/:id/redacted.pdf and
 * /documents/:id/redacted/pages/:page/image (the derivative's own new blobs). API: GET and POST
 * /api/documents/:id/redactions, DELETE /api/documents/:id/redactions/:mark, POST
 * /api/documents/:id/redactions/apply and /check. Reading needs the document's access; marking,
 * applying and checking need an editor or admin.
 */
export function redactionRoutes(deps: HttpDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  for (const path of ['/documents/:id/redact', '/documents/:id/redactions', '/documents/:id/redactions/*', '/documents/:id/redacted.pdf', '/documents/:id/redacted/*', '/api/documents/:id/redactions', '/api/documents/:id/redactions/*']) {
    app.use(path, requireUser());
  }
  const redactDeps = { records: deps.records, blobs: deps.blobs };

  /** The visible document and an editor, else the refusal. */
  const editable = async (c: Context<HttpEnv>) => {
    const doc = await visibleDocument(deps, c);
    if (!doc.ok) return { response: doc.response };
    const user = currentUser(c);
    if (!mayRedact(user)) return { response: errorResponse(c, 403, 'forbidden', 'redaction needs the role editor or admin') };
    return { id: doc.value.id, actor: actorOf(user) };
  };

  const mark = async (id: number, actor: Actor, body: Record<string, unknown>) => {
    const kind = textField(body, 'kind') || 'text';
    const page = optionalInt(body['page']);
    if (kind === 'text') return (await markText(redactDeps, { actor, documentId: id, text: textField(body, 'text'), page, allForms: body['allForms'] === true || body['allForms'] === '1' })).marks;
    if (page === null) throw new DossierError('invalid_argument', 'a box or page mark needs its page');
    if (kind === 'page') return [await markPage(redactDeps, { actor, documentId: id, page })];
    if (kind === 'box') {
      const [x, y, w, h] = ['x', 'y', 'w', 'h'].map((k) => optionalInt(body[k]));
      if (x == null || y == null || w == null || h == null) throw new DossierError('invalid_argument', 'a box needs x, y, w and h (page pixels)');
      return [await markBox(redactDeps, { actor, documentId: id, page, box: { x, y, w, h } })];
    }
    throw new DossierError('invalid_argument', `kind is text, box or page, got "${kind}"`);
  };

  app.get('/documents/:id/redact', async (c) => {
    const doc = await visibleDocument(deps, c);
    if (!doc.ok) return doc.response;
    const pages = await deps.records.read.redaction.pages(doc.value.id);
    return renderPage(
      c,
      RedactionPage({
        doc: { id: doc.value.id, title: doc.value.title, path: doc.value.path },
        pages: pages.map((p) => ({ page: p.page, text: p.text, hasImage: Boolean(p.ocr?.image) })),
        marks: await listMarks(deps.records, doc.value.id),
        derivative: await latestDerivative(deps.records, doc.value.id),
        canEdit: mayRedact(currentUser(c)),
        user: currentUser(c),
        csrf: c.get('csrf'),
        nonce: c.get('nonce'),
      }),
    );
  });

  const back = (c: Context<HttpEnv>, id: number, anchor: string) => c.redirect(`/documents/${id}/redact#${anchor}`, 303);

  app.post('/documents/:id/redactions', async (c) => {
    const who = await editable(c);
    if ('response' in who) return who.response;
    await mark(who.id, who.actor, await c.req.parseBody());
    return back(c, who.id, 'marks');
  });
  app.post('/documents/:id/redactions/:mark/delete', async (c) => {
    const who = await editable(c);
    if ('response' in who) return who.response;
    await unmark(deps.records, { actor: who.actor, documentId: who.id, markId: optionalInt(c.req.param('mark')) ?? 0 });
    return back(c, who.id, 'marks');
  });
  app.post('/documents/:id/redactions/apply', async (c) => {
    const who = await editable(c);
    if ('response' in who) return who.response;
    await produceDerivative(redactDeps, { actor: who.actor, documentId: who.id });
    return back(c, who.id, 'check');
  });
  app.post('/documents/:id/redactions/check', async (c) => {
    const who = await editable(c);
    if ('response' in who) return who.response;
    const latest = await latestDerivative(deps.records, who.id);
    if (!latest) throw new DossierError('invalid_argument', 'there is no derivative to check: apply the marks first');
    await checkDerivative(redactDeps, latest.id, who.actor);
    return back(c, who.id, 'check');
  });

  app.get('/documents/:id/redacted.pdf', async (c) => {
    const doc = await visibleDocument(deps, c);
    if (!doc.ok) return doc.response;
    const latest = await latestDerivative(deps.records, doc.value.id);
    if (!latest || !deps.blobs.has(latest.sha256)) return notFound(c);
    return sendBlob(c, deps.blobs, latest.sha256, 'application/pdf', { 'Content-Disposition': `attachment; filename="redacted-${doc.value.id}.pdf"` }) ?? notFound(c);
  });
  app.get('/documents/:id/redacted/pages/:page/image', async (c) => {
    const doc = await visibleDocument(deps, c);
    if (!doc.ok) return doc.response;
    const latest = await latestDerivative(deps.records, doc.value.id);
    const page = latest?.pages.find((p) => p.page === Number(c.req.param('page')));
    if (!page || !deps.blobs.has(page.image)) return notFound(c);
    return sendBlob(c, deps.blobs, page.image, 'image/png', { 'Cache-Control': 'private, max-age=3600' }) ?? notFound(c);
  });

  app.get('/api/documents/:id/redactions', async (c) => {
    const doc = await visibleDocument(deps, c);
    if (!doc.ok) return doc.response;
    return c.json({ documentId: doc.value.id, marks: await listMarks(deps.records, doc.value.id), derivative: await latestDerivative(deps.records, doc.value.id) });
  });
  app.post('/api/documents/:id/redactions', async (c) => {
    const who = await editable(c);
    if ('response' in who) return who.response;
    const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
    if (!body) throw new DossierError('invalid_argument', 'send JSON {"kind": "text"|"box"|"page", "text"?, "page"?, "allForms"?, "x"?, "y"?, "w"?, "h"?}');
    return c.json({ marks: await mark(who.id, who.actor, body) }, 201);
  });
  app.delete('/api/documents/:id/redactions/:mark', async (c) => {
    const who = await editable(c);
    if ('response' in who) return who.response;
    await unmark(deps.records, { actor: who.actor, documentId: who.id, markId: optionalInt(c.req.param('mark')) ?? 0 });
    return c.body(null, 204);
  });
  app.post('/api/documents/:id/redactions/apply', async (c) => {
    const who = await editable(c);
    if ('response' in who) return who.response;
    return c.json(await produceDerivative(redactDeps, { actor: who.actor, documentId: who.id }), 201);
  });
  app.post('/api/documents/:id/redactions/check', async (c) => {
    const who = await editable(c);
    if ('response' in who) return who.response;
    const latest = await latestDerivative(deps.records, who.id);
    if (!latest) throw new DossierError('invalid_argument', 'there is no derivative to check: apply the marks first');
    const check = await checkDerivative(redactDeps, latest.id, who.actor);
    return c.json({ derivative: latest.sha256, pages: latest.pages.length, check });
  });

  return app;
}
