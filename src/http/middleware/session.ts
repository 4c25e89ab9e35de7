import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { accessFor, NO_ACCESS, sessionFor } from '../../accounts/index.js';
import type { HttpDeps, HttpEnv } from '../context.js';

export const SESSION_COOKIE = 'dossier_session';

/** Read the session cookie and put the user, what they may see and their anti-forgery token on the request. */
export function sessionMiddleware(deps: Pick<HttpDeps, 'records'>): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    c.set('user', null);
    c.set('access', NO_ACCESS);
    c.set('csrf', null);
    // The stylesheet, script and icon are the same for everyone: no session lookup for them.
    const token = c.req.path.startsWith('/assets/') ? undefined : getCookie(c, SESSION_COOKIE);
    if (token) {
      const session = await sessionFor(deps.records, token);
      if (session) {
        c.set('user', session.user);
        c.set('csrf', session.csrf);
        c.set('access', await accessFor(deps.records, session.user));
      }
    }
    await next();
  };
}
