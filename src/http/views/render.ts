import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { HttpEnv } from '../context.js';

/** Send a server-rendered page (a JSX element) as an HTML5 document. */
export async function renderPage(c: Context<HttpEnv>, page: unknown, status: ContentfulStatusCode = 200): Promise<Response> {
  const html = await Promise.resolve(String(await page));
  return c.html(`<!DOCTYPE html>${html}`, status);
}
