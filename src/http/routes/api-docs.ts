import { Hono } from 'hono';
import type { HttpDeps, HttpEnv } from '../context.js';
import { currentUser, requireUser } from '../middleware/require-user.js';
import { openApiDocument } from '../openapi.js';
import { ApiDocsPage } from '../views/api-docs-page.js';
import { renderPage } from '../views/render.js';

/** GET /api/openapi.json (OpenAPI 3.1) and GET /api/docs (the same, as a page); signed-in users only, like all of /api. */
export function apiDocsRoutes(_deps: HttpDeps): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  const doc = openApiDocument();
  app.use('/api/openapi.json', requireUser());
  app.use('/api/docs', requireUser());
  app.get('/api/openapi.json', (c) => c.json(doc));
  app.get('/api/docs', (c) => renderPage(c, ApiDocsPage({ doc, user: currentUser(c), csrf: c.get('csrf'), nonce: c.get('nonce') })));
  return app;
}
