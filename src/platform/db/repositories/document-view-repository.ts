import { sql, type Kysely, type Selectable } from 'kysely';
import type { DocumentRecord as StoredDocument, FailureReason } from '../../../domain/document.js';
import type { Database, DocumentsTable } from '../schema.js';
import { isPostgres } from '../dialect.js';

/**
 * A document as the workbench's access check returns it: the stored document (domain/document.ts)
 * with its collection's id, its place in the tree, when it was read, and its facet fields.
 */
export interface DocumentRecord extends Omit<StoredDocument, 'parent' | 'metadata'> {
  collectionId: number;
  parentId: number | null;
  depth: number;
  /** JSON decoded ({} when it is not an object). */
  metadata: Record<string, unknown>;
  createdAt: string;
  extractedAt: string | null;
  lang: string | null;
  date: string | null;
  sender: string | null;
}

const toRecord = (r: Selectable<DocumentsTable> & { collection: string }): DocumentRecord => ({
  id: r.id, collectionId: r.collection_id, collection: r.collection, sha256: r.sha256, size: Number(r.size), mime: r.mime, status: r.status,
  reason: r.reason as FailureReason | null, message: r.message, title: r.title, parentId: r.parent_id, path: r.path, depth: r.depth,
  needsOcr: r.needs_ocr === 1, metadata: parseObject(r.metadata), createdAt: r.created_at, extractedAt: r.extracted_at, lang: r.lang, date: r.date, sender: r.sender,
});

/** A parent or child in a container, as the viewer links it. */
export interface RelatedDocument {
  id: number;
  path: string;
  title: string | null;
  status: DocumentsTable['status'];
  mime: string | null;
}

/** A page's text, and its OCR record (words, image, thumbnail) decoded when the text came from OCR. */
export interface PageRecord {
  page: number;
  text: string;
  ocr: Record<string, unknown> | null;
}

/** An email among the candidates of a thread, its metadata decoded. */
export interface MessageRecord {
  id: number;
  title: string | null;
  path: string;
  date: string | null;
  metadata: Record<string, unknown>;
}

/**
 * The documents as the workbench's viewer reads them. `scope` is the collection ids a reader
 * may see, or undefined for every collection (admins); an empty scope sees nothing.
 */
export interface DocumentViewRepository {
  /** The document if it exists and its collection is in scope. */
  visible(id: number, scope: number[] | undefined): Promise<DocumentRecord | null>;
  /** The ids among these whose collection is in scope. */
  visibleIds(ids: number[], scope: number[] | undefined): Promise<Set<number>>;
  pages(documentId: number): Promise<PageRecord[]>;
  /** The pages' text (one page when given), in order. */
  pageTexts(documentId: number, page?: number): Promise<Array<{ page: number; text: string }>>;
  /** One page's OCR record, or null. */
  pageOcr(documentId: number, page: number): Promise<Record<string, unknown> | null>;
  /** The highest page number (0 for none). */
  pageCount(documentId: number): Promise<number>;
  /** Every path the document was seen at, first seen first. */
  paths(documentId: number): Promise<string[]>;
  children(documentId: number): Promise<RelatedDocument[]>;
  related(id: number): Promise<RelatedDocument | null>;
  /**
   * Messages (email documents) in scope whose Message-ID or In-Reply-To is one of `ids`, or whose
   * References list one of them; at most `limit`.
   */
  messagesLinkedTo(ids: string[], scope: number[] | undefined, limit: number): Promise<MessageRecord[]>;
}

export const documentViewRepository = (db: Kysely<Database>): DocumentViewRepository => ({
  async visible(id, scope) {
    if (scope !== undefined && scope.length === 0) return null;
    let query = db
      .selectFrom('documents')
      .innerJoin('collections', 'collections.id', 'documents.collection_id')
      .selectAll('documents')
      .select('collections.name as collection')
      .where('documents.id', '=', id);
    if (scope !== undefined) query = query.where('documents.collection_id', 'in', scope);
    const row = await query.executeTakeFirst();
    return row ? toRecord(row) : null;
  },
  async visibleIds(ids, scope) {
    if (ids.length === 0 || (scope !== undefined && scope.length === 0)) return new Set();
    let query = db.selectFrom('documents').select('id').where('id', 'in', ids);
    if (scope !== undefined) query = query.where('collection_id', 'in', scope);
    return new Set((await query.execute()).map((r) => r.id));
  },
  async pages(documentId) {
    const rows = await db.selectFrom('pages').select(['page', 'text', 'ocr']).where('document_id', '=', documentId).orderBy('page').execute();
    return rows.map((p) => ({ page: p.page, text: p.text, ocr: p.ocr ? parseObject(p.ocr) : null }));
  },
  async pageTexts(documentId, page) {
    let query = db.selectFrom('pages').select(['page', 'text']).where('document_id', '=', documentId).orderBy('page');
    if (page !== undefined) query = query.where('page', '=', page);
    return query.execute();
  },
  async pageOcr(documentId, page) {
    const row = await db.selectFrom('pages').select('ocr').where('document_id', '=', documentId).where('page', '=', page).executeTakeFirst();
    return row?.ocr ? parseObject(row.ocr) : null;
  },
  async pageCount(documentId) {
    const row = await db.selectFrom('pages').select((eb) => eb.fn.max<number>('page').as('n')).where('document_id', '=', documentId).executeTakeFirst();
    return Number(row?.n ?? 0);
  },
  async paths(documentId) {
    return (await db.selectFrom('document_paths').select('path').where('document_id', '=', documentId).orderBy('id').execute()).map((p) => p.path);
  },
  children: (documentId) => db.selectFrom('documents').select(['id', 'path', 'title', 'status', 'mime']).where('parent_id', '=', documentId).orderBy('id').execute(),
  async related(id) {
    return (await db.selectFrom('documents').select(['id', 'path', 'title', 'status', 'mime']).where('id', '=', id).executeTakeFirst()) ?? null;
  },
  async messagesLinkedTo(ids, scope, limit) {
    if (ids.length === 0 || (scope !== undefined && scope.length === 0)) return [];
    // The JSON functions differ: SQLite's json_extract/json_each, PostgreSQL's jsonb operators.
    const pg = isPostgres(db);
    const field = (key: 'messageId' | 'inReplyTo') => (pg ? sql`(metadata::jsonb ->> ${key})` : sql`json_extract(metadata, ${`$.${key}`})`);
    const references = pg
      ? sql`(SELECT 1 FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(documents.metadata::jsonb -> 'references') = 'array' THEN documents.metadata::jsonb -> 'references' ELSE '[]'::jsonb END) AS r(v) WHERE r.v IN (${sql.join(ids)}))`
      : sql`(SELECT 1 FROM json_each(documents.metadata, '$.references') WHERE json_each.value IN (${sql.join(ids)}))`;
    let query = db
      .selectFrom('documents')
      .select(['id', 'title', 'path', 'metadata', 'date'])
      .where((eb) => eb.or([eb(field('messageId'), 'in', ids), eb(field('inReplyTo'), 'in', ids), eb.exists(references)]))
      .where('mime', 'in', ['message/rfc822', 'application/vnd.ms-outlook'])
      .$if(!pg, (q) => q.where(sql`json_valid(metadata)`, '=', 1))
      .limit(limit);
    if (scope !== undefined) query = query.where('collection_id', 'in', scope);
    const rows = await query.execute();
    return rows.map((r) => ({ id: r.id, title: r.title, path: r.path, date: r.date, metadata: parseObject(r.metadata) }));
  },
});

function parseObject(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
