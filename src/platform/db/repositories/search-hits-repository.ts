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
  /** A web page's main-content block as offsets in its text (extract/html/main-content.ts), for its snippet. */
  mainContent?: [number, number];
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
    const rows = await db
      .selectFrom('documents')
      .innerJoin('collections', 'collections.id', 'documents.collection_id')
      .select(['documents.id', 'documents.path', 'documents.title', 'documents.mime', 'documents.date', 'collections.name as collection'])
      .select('documents.metadata')
      .where('documents.id', 'in', ids)
      .execute();
    // Decoded here rather than with SQLite's json_extract: the same statement runs on PostgreSQL.
    return rows.map(({ metadata, ...doc }) => {
      const meta = JSON.parse(metadata) as Record<string, unknown>;
      const [start, end] = [meta.mainContentStart, meta.mainContentEnd];
      return typeof start === 'number' && typeof end === 'number' ? { ...doc, mainContent: [start, end] as [number, number] } : doc;
    });
  },

  async pageTexts(documentIds, pages) {
    if (documentIds.length === 0 || pages.length === 0) return [];
    const rows = await db.selectFrom('pages').select(['document_id', 'page', 'text']).where('document_id', 'in', documentIds).where('page', 'in', pages).execute();
    return rows.map((p) => ({ documentId: p.document_id, page: p.page, text: p.text }));
  },
});
