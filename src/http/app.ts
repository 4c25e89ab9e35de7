import { Hono } from 'hono';
import { entityRoutes } from './routes/entities.js';
import { watchlistRoutes } from './routes/watchlists.js';
import { publishingRoutes } from './routes/publishing.js';
import { storyRoutes } from './routes/stories.js';
import { noteVisibilityRoutes } from './routes/note-visibility.js';
import { translationRoutes } from './routes/translations.js';
import { LoginThrottle } from '../accounts/index.js';
import type { HttpDeps, HttpEnv } from './context.js';
import { csrfProtection } from './middleware/csrf.js';
import { notFound, onError } from './middleware/errors.js';
import { requireRole, requireUser } from './middleware/require-user.js';
import { securityHeaders } from './middleware/security-headers.js';
import { sessionMiddleware } from './middleware/session.js';
import { accountRoutes } from './routes/account.js';
import { adminRoutes } from './routes/admin.js';
import { apiDocsRoutes } from './routes/api-docs.js';
import { assetRoutes } from './routes/assets.js';
import { collectionRoutes } from './routes/collections.js';
import { documentRoutes } from './routes/documents.js';
import { noteRoutes } from './routes/notes.js';
import { redactionRoutes } from './routes/redactions.js';
import { searchRoutes } from './routes/search.js';
import { sessionRoutes } from './routes/session.js';
import { tagRoutes } from './routes/tags.js';
import { uploadRoutes } from './routes/uploads.js';
import { verifyRoutes } from './routes/verify.js';

/**
 * The workbench: server-rendered pages and the JSON API under /api, over the same session.
 * Order matters: security headers wrap everything (errors included), then the session is read,
 * then writes are checked for their anti-forgery token; each route checks sign-in and access.
 */
export function buildWorkbench(deps: HttpDeps): Hono<HttpEnv> {
  // Failed sign-ins are counted in the database, so every server process behind a proxy shares them.
  const full: HttpDeps = { ...deps, throttle: deps.throttle ?? new LoginThrottle({ store: deps.records.read.loginThrottle }) };
  const app = new Hono<HttpEnv>();
  app.use('*', securityHeaders());
  app.use('*', sessionMiddleware(full));
  // Uploads stream to disk and check their anti-forgery token themselves (the middleware would buffer the body).
  app.route('/', uploadRoutes(full));
  app.use('*', csrfProtection());
  app.onError(onError);
  app.notFound(notFound);

  app.route('/assets', assetRoutes());
  app.route('/', sessionRoutes(full));

  // Everything below needs a signed-in user.
  for (const prefix of ['/api/me', '/api/collections', '/api/search', '/api/documents/*', '/api/account/*', '/api/audit', '/api/audit/*', '/api/users', '/api/grants', '/account', '/account/*', '/search', '/documents/*', '/admin/*']) {
    app.use(prefix, requireUser());
  }
  for (const prefix of ['/admin/*', '/api/audit', '/api/audit/*', '/api/users', '/api/grants']) app.use(prefix, requireRole('admin'));

  app.route('/', accountRoutes(full));
  app.route('/', collectionRoutes(full));
  app.route('/', searchRoutes(full));
  app.route('/', documentRoutes(full));
  app.route('/', adminRoutes(full));
  // Other parts of the workbench mount their routes below.
  app.route('/', noteRoutes(full));
  app.route('/', tagRoutes(full));
  app.route('/', publishingRoutes(full));
  app.route('/', storyRoutes(full));
  app.route('/', noteVisibilityRoutes(full));
  app.route('/', apiDocsRoutes(full));
  app.route('/', entityRoutes(full));
  app.route('/', redactionRoutes(full));
  app.route('/', watchlistRoutes(full));
  app.route('/', verifyRoutes(full));
  app.route('/', translationRoutes(full));

  return app;
}
