import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** A hit's document as a result lists it. */
export interface HitDocument {
  id: number;
  path: string;
  title: string | null;
  mime: string | null;
  date: string | null;
  collection: string;
}

/** The documents and page texts behind a page of search hits: two statements per result page. */
export interface SearchHitsRepository {
  documents(ids: number[]): Promise<HitDocument[]>;
  /**
   * The text of the pages numbered `pages` of the documents `documentIds` (every pair, so a
   * superset of the hits: the caller keeps the ones it wants; a pair list would be too deep an
   * expression for SQLite).
   */
  pageTexts(documentIds: number[], pages: number[]): Promise<Array<{ documentId: number; page: number; text: string }>>;
}

export const searchHitsRepository = (db: Kysely<Database>): SearchHitsRepository => ({
  async documents(ids) {
    if (ids.length === 0) return [];
    return db
      .selectFrom('documents')
      .innerJoin('collections', 'collections.id', 'documents.collection_id')
      .select(['documents.id', 'documents.path', 'documents.title', 'documents.mime', 'documents.date', 'collections.name as collection'])
      .where('documents.id', 'in', ids)
      .execute();
  },

  async pageTexts(documentIds, pages) {
    if (documentIds.length === 0 || pages.length === 0) return [];
    const rows = await db.selectFrom('pages').select(['document_id', 'page', 'text']).where('document_id', 'in', documentIds).where('page', 'in', pages).execute();
    return rows.map((p) => ({ documentId: p.document_id, page: p.page, text: p.text }));
  },
});
