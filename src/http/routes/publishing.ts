import { Hono } from 'hono';
import { DossierError } from '../../domain/errors.js';
import { listComments, listStories, moderateComment } from '../../publish/index.js';
import type { HttpDeps, HttpEnv } from '../context.js';
import { currentUser, requireRole } from '../middleware/require-user.js';
import { PublishingPage } from '../views/publishing-page.js';
import { renderPage } from '../views/render.js';

/**
 * The editors' side of the public site: GET /publishing (stories, broken quotations of published
 * stories, the comment queue) and POST /publishing/comments/:id (form field `decision`: approve,
 * reject or spam; the same command as `dossier comments approve`). Editors and admins only.
 */
export function publishingRoutes(deps: HttpDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  app.use('/publishing', requireRole('editor'));
  app.use('/publishing/*', requireRole('editor'));

  app.get('/publishing', async (c) => {
    const [stories, pending] = await Promise.all([listStories(deps.records), listComments(deps.records, { pending: true })]);
    return renderPage(c, PublishingPage({ user: currentUser(c), csrf: c.get('csrf'), stories, pending }));
  });

  app.post('/publishing/comments/:id', async (c) => {
    const user = currentUser(c);
    const id = c.req.param('id');
    const decision = (await c.req.parseBody())['decision'];
    if (!/^\d{1,9}$/.test(id)) throw new DossierError('not_found', 'no such comment');
    if (decision !== 'approve' && decision !== 'reject' && decision !== 'spam') throw new DossierError('invalid_argument', 'decision is approve, reject or spam');
    await moderateComment(deps.records, { actor: { kind: 'user', id: user.id, name: user.name, role: user.role }, id: Number(id), decision });
    return c.redirect('/publishing', 303);
  });
  return app;
}
