import { Hono, type Context } from 'hono';
import { changePassword } from '../../accounts/index.js';
import { isDossierError } from '../../domain/errors.js';
import type { HttpDeps, HttpEnv } from '../context.js';
import { currentActor, currentUser } from '../middleware/require-user.js';
import { AccountPage } from '../views/account-page.js';
import { renderPage } from '../views/render.js';

/** /account: one's role and collections, and changing one's password (the old one is needed); POST /api/account/password. */
export function accountRoutes(deps: HttpDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  const page = (c: Context<HttpEnv>, message?: { kind: 'ok' | 'error'; text: string }, status: 200 | 400 = 200) =>
    renderPage(c, AccountPage({ user: currentUser(c), collections: c.get('access').collectionNames, all: c.get('access').all, message, csrf: c.get('csrf'), nonce: c.get('nonce') }), status);

  app.get('/account', (c) => page(c));

  app.post('/account/password', async (c) => {
    const form = await c.req.parseBody();
    const field = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
    if (field('new_password') !== field('repeat_password')) return page(c, { kind: 'error', text: 'The two new passwords differ.' }, 400);
    try {
      if (!(await changePassword(deps.records, { actor: currentActor(c), oldPassword: field('old_password'), newPassword: field('new_password') }))) return page(c, { kind: 'error', text: 'The current password is wrong.' }, 400);
    } catch (error) {
      if (isDossierError(error) && error.code === 'invalid_argument') return page(c, { kind: 'error', text: `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.` }, 400);
      throw error;
    }
    // Every session ended with the change, this one too: sign in again with the new password.
    return c.redirect('/login?changed=1', 303);
  });

  app.post('/api/account/password', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { oldPassword?: unknown; newPassword?: unknown } | null;
    if (!body || typeof body.oldPassword !== 'string' || typeof body.newPassword !== 'string') {
      return c.json({ error: { code: 'invalid_argument', message: 'send JSON {"oldPassword": "…", "newPassword": "…"}' } }, 400);
    }
    if (!(await changePassword(deps.records, { actor: currentActor(c), oldPassword: body.oldPassword, newPassword: body.newPassword }))) return c.json({ error: { code: 'invalid_argument', message: 'the current password is wrong' } }, 400);
    return c.body(null, 204);
  });

  return app;
}
