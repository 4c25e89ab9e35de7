import crypto from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { HttpEnv } from '../context.js';
import { errorResponse } from './errors.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Signing in has no session yet: these answer to the Origin check only. */
const SIGN_IN = new Set(['/login', '/api/session']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * Anti-forgery: every write by a signed-in user carries the session's token, in the
 * `X-CSRF-Token` header (API and scripts) or a hidden `csrf` form field (pages); else 403.
 * A write whose Origin (or Sec-Fetch-Site) names another site is refused outright (that covers sign-in,
 * which has no session to hold a token). Anonymous writes pass on to requireUser, which
 * answers 401 or the sign-in page.
 */
export function csrfProtection(): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    if (!UNSAFE.has(c.req.method)) return next();
    const origin = c.req.header('Origin');
    if (origin && origin !== 'null' && origin !== new URL(c.req.url).origin) return forbidden(c, 'this request came from another site');
    // With Referrer-Policy no-referrer browsers send "Origin: null" on our own forms; Sec-Fetch-Site still tells.
    if (c.req.header('Sec-Fetch-Site') === 'cross-site') return forbidden(c, 'this request came from another site');
    const expected = c.get('csrf');
    if (SIGN_IN.has(c.req.path) && !(c.req.path === '/api/session' && c.req.method === 'DELETE')) return next();
    if (!expected) return next();
    let given = c.req.header('X-CSRF-Token');
    if (!given) {
      const type = c.req.header('Content-Type') ?? '';
      if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
        const field = (await c.req.parseBody())['csrf'];
        if (typeof field === 'string') given = field;
      }
    }
    if (!given || !sameToken(given, expected)) return forbidden(c, 'the anti-forgery token is missing or wrong; reload the page and try again');
    return next();
  };
}

function forbidden(c: Parameters<MiddlewareHandler<HttpEnv>>[0], message: string): Response | Promise<Response> {
  return errorResponse(c, 403, 'forbidden', `${message.charAt(0).toUpperCase()}${message.slice(1)}.`);
}
