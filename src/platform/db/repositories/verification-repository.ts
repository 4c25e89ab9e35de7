import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** A stored file to re-hash: the document, the path it was first seen at, its expected SHA-256. */
export interface StoredFileRecord {
  id: number;
  collectionId: number;
  path: string;
  sha256: string;
  size: number;
}

/** A document as a manifest lists it, with every path it was seen at. */
export interface ManifestDocument extends StoredFileRecord {
  mime: string | null;
  status: 'pending' | 'ok' | 'failed';
  paths: string[];
  receivedAt: string;
  extractedAt: string | null;
}

/** One audit entry about a document or its collection, as a custody event. */
export interface CustodyAuditEntry {
  id: number;
  at: string;
  username: string;
  action: string;
  documentId: number | null;
  detail: Record<string, unknown>;
}

/** A document with its text by page and metadata, as compare reads it. */
export interface ComparableDocument {
  id: number;
  collectionId: number;
  path: string;
  title: string | null;
  mime: string | null;
  sha256: string | null;
  status: 'pending' | 'ok' | 'failed';
  reason: string | null;
  metadata: Record<string, unknown>;
  pages: Array<{ page: number; text: string }>;
}

/** What verify, manifest and compare read: stored files, custody entries, documents with their pages. */
export interface VerificationRepository {
  collectionByName(name: string): Promise<{ id: number; name: string } | null>;
  /** Stored files in id order after `afterId`, a batch at a time (memory stays flat on a million files). */
  storedFiles(input: { collectionId?: number; afterId: number; limit: number }): Promise<StoredFileRecord[]>;
  manifestDocuments(collectionId: number): Promise<ManifestDocument[]>;
  /** Audit entries naming a document of the collection, or the collection itself, with these actions. */
  custodyEntries(collectionId: number, actions: readonly string[]): Promise<CustodyAuditEntry[]>;
  comparableDocument(id: number): Promise<ComparableDocument | null>;
  documentExists(id: number): Promise<boolean>;
}

export const verificationRepository = (db: Kysely<Database>): VerificationRepository => ({
  async collectionByName(name) {
    return (await db.selectFrom('collections').select(['id', 'name']).where('name', '=', name).executeTakeFirst()) ?? null;
  },

  async storedFiles({ collectionId, afterId, limit }) {
    let query = db.selectFrom('documents').select(['id', 'collection_id', 'path', 'sha256', 'size']).where('sha256', 'is not', null).where('id', '>', afterId);
    if (collectionId !== undefined) query = query.where('collection_id', '=', collectionId);
    const rows = await query.orderBy('id').limit(limit).execute();
    return rows.map((r) => ({ id: r.id, collectionId: r.collection_id, path: r.path, sha256: r.sha256 ?? '', size: Number(r.size) }));
  },

  async manifestDocuments(collectionId) {
    const rows = await db
      .selectFrom('documents')
      .select(['id', 'collection_id', 'path', 'sha256', 'size', 'mime', 'status', 'created_at', 'extracted_at'])
      .where('collection_id', '=', collectionId)
      .where('sha256', 'is not', null)
      .orderBy('id')
      .execute();
    const paths = new Map<number, string[]>();
    for (let i = 0; i < rows.length; i += 500) {
      const batch = await db.selectFrom('document_paths').select(['document_id', 'path']).where('document_id', 'in', rows.slice(i, i + 500).map((r) => r.id)).orderBy('id').execute();
      for (const p of batch) paths.set(p.document_id, [...(paths.get(p.document_id) ?? []), p.path]);
    }
    return rows.map((r) => ({
      id: r.id, collectionId: r.collection_id, path: r.path, sha256: r.sha256 ?? '', size: Number(r.size), mime: r.mime, status: r.status,
      paths: paths.get(r.id) ?? [r.path], receivedAt: r.created_at, extractedAt: r.extracted_at,
    }));
  },

  async custodyEntries(collectionId, actions) {
    if (actions.length === 0) return [];
    const rows = await db
      .selectFrom('audit_log')
      .select(['id', 'at', 'username', 'action', 'document_id', 'detail'])
      .where('action', 'in', [...actions])
      .where((eb) => eb.or([eb('collection_id', '=', collectionId), eb('document_id', 'in', eb.selectFrom('documents').select('id').where('collection_id', '=', collectionId))]))
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ id: r.id, at: r.at, username: r.username, action: r.action, documentId: r.document_id, detail: JSON.parse(r.detail) as Record<string, unknown> }));
  },

  async documentExists(id) {
    return (await db.selectFrom('documents').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  },

  async comparableDocument(id) {
    const doc = await db.selectFrom('documents').select(['id', 'collection_id', 'path', 'title', 'mime', 'sha256', 'status', 'reason', 'metadata']).where('id', '=', id).executeTakeFirst();
    if (!doc) return null;
    const pages = await db.selectFrom('pages').select(['page', 'text']).where('document_id', '=', id).orderBy('page').execute();
    return {
      id: doc.id, collectionId: doc.collection_id, path: doc.path, title: doc.title, mime: doc.mime, sha256: doc.sha256, status: doc.status, reason: doc.reason,
      metadata: JSON.parse(doc.metadata) as Record<string, unknown>, pages,
    };
  },
});
