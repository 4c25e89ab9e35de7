import { scopeIds } from '../accounts/index.js';
import type { Records } from '../platform/db/records.js';
import type { DocumentRecord } from '../platform/db/repositories/document-view-repository.js';
import type { Access } from './context.js';

export type VisibleDocument = DocumentRecord;

/**
 * The one place a document's visibility is decided: the document if it exists and the access
 * covers its collection, else null — the same null for "missing" and "not yours", so that
 * every route answers both with the same 404.
 */
export async function documentIfVisible(records: Pick<Records, 'read'>, access: Access, id: number): Promise<VisibleDocument | null> {
  if (!Number.isSafeInteger(id) || id < 1) return null;
  return records.read.documentView.visible(id, scopeIds(access));
}

/** The ids among these that the access covers (for children, parents, threads): never more. */
export async function visibleDocumentIds(records: Pick<Records, 'read'>, access: Access, ids: number[]): Promise<Set<number>> {
  return records.read.documentView.visibleIds(ids, scopeIds(access));
}

/** A document id from a route parameter, or NaN (which no document has). */
export function parseDocumentId(text: string | undefined): number {
  return text && /^[1-9]\d{0,15}$/.test(text) ? Number(text) : Number.NaN;
}
