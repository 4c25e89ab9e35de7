/**
 * The checks the note, tag and upload routes share: a visible document or collection (else the
 * one 404 answer for "missing" and "not yours"), and the roles that may write.
 */
import type { Context } from 'hono';
import { mayAccessCollection } from '../accounts/index.js';
import type { HttpDeps, HttpEnv, SessionUser } from './context.js';
import { errorResponse, notFound } from './middleware/errors.js';
import { currentUser } from './middleware/require-user.js';
import { mayWrite, WRITER_ROLES } from './notes.js';
import { documentIfVisible, parseDocumentId, type VisibleDocument } from './visibility.js';

type Guarded<T> = { ok: true; value: T } | { ok: false; response: Response | Promise<Response> };

/** The document of the `:id` parameter if the user may see it; else the 404 response. */
export async function visibleDocument(deps: Pick<HttpDeps, 'records'>, c: Context<HttpEnv>): Promise<Guarded<VisibleDocument>> {
  const doc = await documentIfVisible(deps.records, c.get('access'), parseDocumentId(c.req.param('id')));
  return doc ? { ok: true, value: doc } : { ok: false, response: notFound(c) };
}

/** The collection of the `:name` parameter if the user may see it; else the 404 response. */
export async function visibleCollection(deps: Pick<HttpDeps, 'records'>, c: Context<HttpEnv>): Promise<Guarded<{ id: number; name: string }>> {
  const name = c.req.param('name') ?? '';
  const row = await deps.records.read.grants.collectionByName(name);
  return row && mayAccessCollection(c.get('access'), row.id) ? { ok: true, value: row } : { ok: false, response: notFound(c) };
}

/** The signed-in user if their role may write (notes, tags, uploads); else the 403 response. */
export function writer(c: Context<HttpEnv>): Guarded<SessionUser> {
  const user = currentUser(c);
  if (mayWrite(user)) return { ok: true, value: user };
  return { ok: false, response: errorResponse(c, 403, 'forbidden', `viewers may read but not write: this needs the role ${WRITER_ROLES.join(', ')}`) };
}

/** A whole number from a form or JSON field; null when empty or absent. */
export function optionalInt(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const n = Number(value.trim());
  return Number.isFinite(n) ? Math.trunc(n) : null;
}

/** A text field from a parsed form or JSON body ('' when absent). */
export function textField(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  return typeof value === 'string' ? value : '';
}
