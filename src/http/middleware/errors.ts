import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isDossierError, type ErrorCode } from '../../domain/errors.js';
import type { HttpEnv } from '../context.js';
import { renderPage } from '../views/render.js';
import { ErrorPage } from '../views/error-page.js';

/** Where each stable error code meets HTTP: decided here and nowhere else. */
export const STATUS_OF: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_argument: 400,
  invalid_query: 400,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  io_error: 500,
  quote_mismatch: 409,
  redaction_leak: 409,
  rate_limited: 429,
};

/** The one answer for a document that does not exist and for one the user may not see: the same body, byte for byte. */
export const NOT_FOUND_MESSAGE = 'There is nothing here, or you do not have access to it.';

const isApi = (c: Context<HttpEnv>) => c.req.path.startsWith('/api/');

/** An error answer: JSON {error: {code, message}} for the API, a page otherwise. */
export function errorResponse(c: Context<HttpEnv>, status: ContentfulStatusCode, code: string, message: string): Response | Promise<Response> {
  if (isApi(c)) return c.json({ error: { code, message } }, status);
  return renderPage(c, ErrorPage({ status, message, user: c.get('user'), csrf: c.get('csrf'), nonce: c.get('nonce') }), status);
}

/** 404 for a missing route, document or page, or one the user may not see. */
export function notFound(c: Context<HttpEnv>): Response | Promise<Response> {
  return errorResponse(c, 404, 'not_found', NOT_FOUND_MESSAGE);
}

/** app.onError: DossierError codes become statuses; anything else is a 500 that shows no internals. */
export function onError(error: Error, c: Context<HttpEnv>): Response | Promise<Response> {
  if (isDossierError(error)) {
    if (error.code === 'not_found') return notFound(c);
    const status = STATUS_OF[error.code];
    if (status >= 500) console.error(error);
    return errorResponse(c, status, error.code, error.message);
  }
  if (error instanceof HTTPException) return errorResponse(c, error.status as ContentfulStatusCode, 'http_error', error.message || 'request refused');
  console.error(error);
  return errorResponse(c, 500, 'internal', 'Something went wrong on the server; it is in the server log.');
}
