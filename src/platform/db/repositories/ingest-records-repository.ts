import type { Kysely } from 'kysely';
import type { FailureReason } from '../../../domain/document.js';
import type { Database } from '../schema.js';

/** A document as ingest first registers it: waiting to be read, or failed before it could be. */
export type NewDocument = {
  collectionId: number;
  sha256: string | null;
  size: number;
  parentId: number | null;
  path: string;
  depth: number;
  /** Encoded here; `{}` for a file from disk. */
  metadata: Record<string, unknown>;
} & (
  | { status: 'pending' }
  /** `settled`: the failure is final, stamped as extracted now; false for a file set aside unread (too large). */
  | { status: 'failed'; reason: FailureReason; message: string; settled: boolean }
);

/** Where a document sits: its children take their collection, path and depth from it. */
export interface DocumentPlace {
  collectionId: number;
  path: string;
  depth: number;
}

/**
 * The register of collections, source files, documents and their paths as ingest keeps it, and
 * what extraction found for each document. Every method is one statement, as the code it replaced
 * ran them (no per-row round trips were added); the caller groups them in one transaction.
 */
export interface IngestRecordsRepository {
  /** The id of a collection, created on first use. */
  ensureCollection(name: string): Promise<number>;
  /** The content a previous run stored for this file (same path, size and mtime), or null. */
  cachedSource(path: string, size: number, mtimeMs: number): Promise<string | null>;
  /** Remember what content a file on disk had, for the next run. */
  rememberSource(file: { path: string; size: number; mtimeMs: number; sha256: string }): Promise<void>;
  /** The document with this content in the collection, or null. */
  withContent(collectionId: number, sha256: string): Promise<number | null>;
  /** The place recorded at this path as yielding no bytes (an unreadable folder, a symlink), or null. */
  unreadableAt(collectionId: number, path: string): Promise<number | null>;
  /** A container's member at this path that had no content of its own, or null. */
  memberAt(parentId: number, path: string): Promise<number | null>;
  /** Register a document; its id. */
  add(doc: NewDocument): Promise<number>;
  /** Remember another path a document was seen at; false when it was already known. */
  addPath(documentId: number, path: string, parentId: number | null): Promise<boolean>;
  place(documentId: number): Promise<DocumentPlace>;
  /** What reading the document found; its pages are written through ingestWrites. */
  markExtracted(documentId: number, found: { mime: string; title: string | null; needsOcr: boolean; metadata: Record<string, unknown> }): Promise<void>;
  markFailed(documentId: number, failure: { mime: string; reason: FailureReason; message: string; metadata: Record<string, unknown> }): Promise<void>;
}

const now = () => new Date().toISOString();

export const ingestRecordsRepository = (db: Kysely<Database>): IngestRecordsRepository => ({
  async ensureCollection(name) {
    const found = await db.selectFrom('collections').select('id').where('name', '=', name).executeTakeFirst();
    if (found) return found.id;
    return (await db.insertInto('collections').values({ name, created_at: now() }).returning('id').executeTakeFirstOrThrow()).id;
  },

  async cachedSource(path, size, mtimeMs) {
    const row = await db.selectFrom('source_files').select('sha256').where('path', '=', path).where('size', '=', size).where('mtime_ms', '=', mtimeMs).executeTakeFirst();
    return row?.sha256 ?? null;
  },

  async rememberSource({ path, size, mtimeMs, sha256 }) {
    await db
      .insertInto('source_files')
      .values({ path, size, mtime_ms: mtimeMs, sha256 })
      .onConflict((oc) => oc.column('path').doUpdateSet({ size, mtime_ms: mtimeMs, sha256 }))
      .execute();
  },

  async withContent(collectionId, sha256) {
    return (await db.selectFrom('documents').select('id').where('collection_id', '=', collectionId).where('sha256', '=', sha256).executeTakeFirst())?.id ?? null;
  },

  async unreadableAt(collectionId, path) {
    return (await db.selectFrom('documents').select('id').where('collection_id', '=', collectionId).where('path', '=', path).where('sha256', 'is', null).executeTakeFirst())?.id ?? null;
  },

  async memberAt(parentId, path) {
    return (await db.selectFrom('documents').select('id').where('parent_id', '=', parentId).where('path', '=', path).executeTakeFirst())?.id ?? null;
  },

  async add(doc) {
    const failure = doc.status === 'failed' ? { reason: doc.reason, message: doc.message, extracted_at: doc.settled ? now() : null } : { reason: null, message: null, extracted_at: null };
    const row = await db
      .insertInto('documents')
      .values({
        collection_id: doc.collectionId, sha256: doc.sha256, size: doc.size, mime: null, status: doc.status, ...failure, title: null,
        parent_id: doc.parentId, path: doc.path, depth: doc.depth, needs_ocr: 0, metadata: JSON.stringify(doc.metadata), created_at: now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  async addPath(documentId, path, parentId) {
    const result = await db.insertInto('document_paths').values({ document_id: documentId, path, parent_id: parentId }).onConflict((oc) => oc.columns(['document_id', 'path']).doNothing()).executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  },

  async place(documentId) {
    const row = await db.selectFrom('documents').select(['collection_id', 'path', 'depth']).where('id', '=', documentId).executeTakeFirstOrThrow();
    return { collectionId: row.collection_id, path: row.path, depth: row.depth };
  },

  async markExtracted(documentId, found) {
    await db
      .updateTable('documents')
      .set({ mime: found.mime, status: 'ok', reason: null, message: null, title: found.title, needs_ocr: found.needsOcr ? 1 : 0, metadata: JSON.stringify(found.metadata), extracted_at: now() })
      .where('id', '=', documentId)
      .execute();
  },

  async markFailed(documentId, failure) {
    await db
      .updateTable('documents')
      .set({ mime: failure.mime, status: 'failed', reason: failure.reason, message: failure.message, metadata: JSON.stringify(failure.metadata), extracted_at: now() })
      .where('id', '=', documentId)
      .execute();
  },
});
