import type { Kysely, Selectable } from 'kysely';
import type { PublicNote, Publication, PublishedPage, PublishedSegment } from '../../../domain/story.js';
import type { Database, PublicationsTable } from '../schema.js';

/** Published documents (snapshots of checked derivatives) and the notes editors mark public. */
export interface PublicationsRepository {
  byDocument(documentId: number): Promise<Publication | null>;
  list(): Promise<Publication[]>;
  put(publication: Omit<Publication, 'publishedAt' | 'updatedAt'>): Promise<Publication>;
  remove(documentId: number): Promise<boolean>;
  /** The source document's title and whether it exists (for publishing). */
  sourceDocument(documentId: number): Promise<{ id: number; title: string | null; path: string; collectionId: number; lang: string | null; sha256: string | null; mime: string | null; status: string } | null>;
  publicNotes(documentId: number): Promise<PublicNote[]>;
  /** Mark a note public or private; false when no such note is on that document. */
  setNotePublic(documentId: number, noteId: number, isPublic: boolean): Promise<boolean>;
  /** One note of a document, public or not. */
  note(documentId: number, noteId: number): Promise<PublicNote | null>;
}

function toPublication(row: Selectable<PublicationsTable>): Publication {
  return {
    documentId: row.document_id,
    title: row.title,
    derivativeSha256: row.derivative_sha256,
    pages: JSON.parse(row.pages) as PublishedPage[],
    translation: JSON.parse(row.translation) as PublishedSegment[],
    lang: row.lang,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
  };
}

export const publicationsRepository = (db: Kysely<Database>): PublicationsRepository => ({
  async byDocument(documentId) {
    const row = await db.selectFrom('publications').selectAll().where('document_id', '=', documentId).executeTakeFirst();
    return row ? toPublication(row) : null;
  },
  async list() {
    return (await db.selectFrom('publications').selectAll().orderBy('published_at', 'desc').execute()).map(toPublication);
  },
  async put(p) {
    const now = new Date().toISOString();
    const values = { title: p.title, derivative_sha256: p.derivativeSha256, pages: JSON.stringify(p.pages), translation: JSON.stringify(p.translation), lang: p.lang, updated_at: now };
    await db
      .insertInto('publications')
      .values({ ...values, document_id: p.documentId, published_at: now })
      .onConflict((oc) => oc.column('document_id').doUpdateSet(values))
      .execute();
    return toPublication(await db.selectFrom('publications').selectAll().where('document_id', '=', p.documentId).executeTakeFirstOrThrow());
  },
  async remove(documentId) {
    const result = await db.deleteFrom('publications').where('document_id', '=', documentId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },
  async sourceDocument(documentId) {
    const row = await db.selectFrom('documents').select(['id', 'title', 'path', 'collection_id', 'lang', 'sha256', 'mime', 'status']).where('id', '=', documentId).executeTakeFirst();
    return row ? { id: row.id, title: row.title, path: row.path, collectionId: row.collection_id, lang: row.lang, sha256: row.sha256, mime: row.mime, status: row.status } : null;
  },
  async publicNotes(documentId) {
    return db.selectFrom('notes').select(['id', 'page', 'quote', 'body']).where('document_id', '=', documentId).where('public', '=', 1).orderBy('page').orderBy('start').orderBy('id').execute();
  },
  async note(documentId, noteId) {
    return (await db.selectFrom('notes').select(['id', 'page', 'quote', 'body']).where('document_id', '=', documentId).where('id', '=', noteId).executeTakeFirst()) ?? null;
  },
  async setNotePublic(documentId, noteId, isPublic) {
    const result = await db.updateTable('notes').set({ public: isPublic ? 1 : 0 }).where('id', '=', noteId).where('document_id', '=', documentId).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },
});
