import type { Kysely, Selectable } from 'kysely';
import type { Access } from './context.js';
import type { Database, DocumentsTable } from '../platform/db/schema.js';

export type VisibleDocument = Selectable<DocumentsTable> & { collection: string };

/**
 * The one place a document's visibility is decided: the document if it exists and the access
 * covers its collection, else null — the same null for "missing" and "not yours", so that
 * every route answers both with the same 404.
 */
export async function documentIfVisible(db: Kysely<Database>, access: Access, id: number): Promise<VisibleDocument | null> {
  if (!Number.isSafeInteger(id) || id < 1) return null;
  if (!access.all && access.collectionIds.length === 0) return null;
  let query = db
    .selectFrom('documents')
    .innerJoin('collections', 'collections.id', 'documents.collection_id')
    .selectAll('documents')
    .select('collections.name as collection')
    .where('documents.id', '=', id);
  if (!access.all) query = query.where('documents.collection_id', 'in', access.collectionIds);
  return (await query.executeTakeFirst()) ?? null;
}

/** The ids among these that the access covers (for children, parents, threads): never more. */
export async function visibleDocumentIds(db: Kysely<Database>, access: Access, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0 || (!access.all && access.collectionIds.length === 0)) return new Set();
  let query = db.selectFrom('documents').select('id').where('id', 'in', ids);
  if (!access.all) query = query.where('collection_id', 'in', access.collectionIds);
  return new Set((await query.execute()).map((r) => r.id));
}

/** A document id from a route parameter, or NaN (which no document has). */
export function parseDocumentId(text: string | undefined): number {
  return text && /^[1-9]\d{0,15}$/.test(text) ? Number(text) : Number.NaN;
}
