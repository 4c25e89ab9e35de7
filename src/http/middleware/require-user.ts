import type { Context, MiddlewareHandler } from 'hono';
import type { Actor } from '../../domain/actor.js';
import { HTTPException } from 'hono/http-exception';
import type { HttpEnv, Role, SessionUser } from '../context.js';
import { errorResponse } from './errors.js';

const isApi = (c: Context<HttpEnv>) => c.req.path.startsWith('/api/');

function unauthenticated(c: Context<HttpEnv>): Response {
  if (isApi(c)) return c.json({ error: { code: 'unauthenticated', message: 'sign in first: POST /api/session with {username, password}' } }, 401);
  const back = c.req.method === 'GET' ? `?next=${encodeURIComponent(c.req.path + (new URL(c.req.url).search || ''))}` : '';
  return c.redirect(`/login${back}`, 302);
}

/**
 * Only signed-in users pass: an anonymous page request is sent to /login (and back afterwards),
 * an anonymous API request answers 401 JSON.
 *
 * @example app.use('/documents/*', requireUser())
 */
export function requireUser(): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    if (!c.get('user')) return unauthenticated(c);
    return next();
  };
}

/** Only users with this role (admins pass every role check); others get 403, anonymous as in requireUser. */
export function requireRole(...roles: Role[]): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const user = c.get('user');
    if (!user) return unauthenticated(c);
    if (user.role !== 'admin' && !roles.includes(user.role)) {
      return errorResponse(c, 403, 'forbidden', `This needs the role ${roles.join(' or ')}.`);
    }
    return next();
  };
}

/** The signed-in user of a request behind requireUser; a route left outside it fails closed (401), never open. */
export function currentUser(c: Context<HttpEnv>): SessionUser {
  const user = c.get('user');
  if (!user) throw new HTTPException(401, { message: 'sign in first' });
  return user;
}

/** The signed-in user as the actor of a command (domain/actor.ts). */
export function currentActor(c: Context<HttpEnv>): Actor & { kind: 'user' } {
  const user = currentUser(c);
  return { kind: 'user', id: user.id, name: user.name, role: user.role };
}
