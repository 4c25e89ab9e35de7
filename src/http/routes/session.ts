import { Hono, type Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { authenticateUser, createSession, deleteSession, LoginThrottle, SESSION_HOURS, type SessionUser } from '../../accounts/index.js';
import { recordAudit } from '../../audit/index.js';
import type { HttpDeps, HttpEnv } from '../context.js';
import { SESSION_COOKIE } from '../middleware/session.js';
import { LoginPage } from '../views/login-page.js';
import { renderPage } from '../views/render.js';

type Outcome = { ok: true; user: SessionUser; csrf: string } | { ok: false; status: 401 | 429; message: string; retryAfter?: number };

const WRONG = 'The user name or password is wrong.';

function clientAddress(c: Context<HttpEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** A path on this site to return to after signing in; anything else (another origin, //host) goes home. */
export function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

async function signIn(deps: HttpDeps, c: Context<HttpEnv>, username: string, password: string): Promise<Outcome> {
  const throttle = deps.throttle ?? new LoginThrottle();
  const address = clientAddress(c);
  const wait = await throttle.retryAfter(username, address);
  if (wait > 0) {
    await recordAudit(deps.records, { user: null, username, action: 'login_failed', detail: { reason: 'throttled', address } });
    return { ok: false, status: 429, message: `Too many failed attempts: try again in ${Math.ceil(wait / 1000)} seconds.`, retryAfter: Math.ceil(wait / 1000) };
  }
  const user = username && password ? await authenticateUser(deps.records, username, password) : null;
  if (!user) {
    await throttle.fail(username, address);
    await recordAudit(deps.records, { user: null, username, action: 'login_failed', detail: { address } });
    return { ok: false, status: 401, message: WRONG };
  }
  await throttle.succeed(username);
  const session = await createSession(deps.records, user.id);
  setCookie(c, SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: new URL(c.req.url).protocol === 'https:',
    path: '/',
    maxAge: SESSION_HOURS * 3600,
  });
  await recordAudit(deps.records, { user, action: 'login', detail: { address } });
  return { ok: true, user, csrf: session.csrf };
}

async function signOut(deps: HttpDeps, c: Context<HttpEnv>): Promise<void> {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) await deleteSession(deps.records, token);
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
  const user = c.get('user');
  if (user) await recordAudit(deps.records, { user, action: 'logout' });
}

/** Sign-in and sign-out: the /login page and form, POST /logout, and /api/session for API clients. */
export function sessionRoutes(deps: HttpDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();

  app.get('/login', (c) => {
    if (c.get('user')) return c.redirect(safeNext(c.req.query('next')), 302);
    return renderPage(c, LoginPage({ next: safeNext(c.req.query('next')), notice: c.req.query('changed') ? 'Your password was changed. Sign in with the new one.' : undefined, nonce: c.get('nonce') }));
  });

  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const username = typeof form['username'] === 'string' ? form['username'].trim() : '';
    const password = typeof form['password'] === 'string' ? form['password'] : '';
    const next = safeNext(typeof form['next'] === 'string' ? form['next'] : undefined);
    const outcome = await signIn(deps, c, username, password);
    if (outcome.ok) return c.redirect(next, 303);
    if (outcome.retryAfter) c.header('Retry-After', String(outcome.retryAfter));
    return renderPage(c, LoginPage({ next, username, error: outcome.message, nonce: c.get('nonce') }), outcome.status);
  });

  app.post('/logout', async (c) => {
    await signOut(deps, c);
    return c.redirect('/login', 303);
  });

  app.post('/api/session', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { username?: unknown; password?: unknown } | null;
    if (!body || typeof body.username !== 'string' || typeof body.password !== 'string') {
      return c.json({ error: { code: 'invalid_argument', message: 'send JSON {"username": "…", "password": "…"}' } }, 400);
    }
    const outcome = await signIn(deps, c, body.username.trim(), body.password);
    if (!outcome.ok) {
      if (outcome.retryAfter) c.header('Retry-After', String(outcome.retryAfter));
      return c.json({ error: { code: outcome.status === 429 ? 'throttled' : 'unauthenticated', message: outcome.message } }, outcome.status);
    }
    return c.json({ user: outcome.user, csrf: outcome.csrf });
  });

  app.delete('/api/session', async (c) => {
    if (!c.get('user')) return c.json({ error: { code: 'unauthenticated', message: 'not signed in' } }, 401);
    await signOut(deps, c);
    return c.body(null, 204);
  });

  app.get('/api/me', (c) => {
    const user = c.get('user');
    if (!user) return c.json({ error: { code: 'unauthenticated', message: 'not signed in' } }, 401);
    return c.json({ user, collections: c.get('access').collectionNames, csrf: c.get('csrf') });
  });

  return app;
}
