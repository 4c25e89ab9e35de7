import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { HttpDeps, HttpEnv } from '../context.js';

/**
 * Extra sections of the document page (notes, tags …), rendered after the text. Owned by the
 * notes-and-tags work; this placeholder renders nothing.
 */
export async function documentExtras(_deps: HttpDeps, _c: Context<HttpEnv>, _documentId: number): Promise<Child> {
  return null;
}
