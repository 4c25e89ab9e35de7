/**
 * The index stage: turn a document's stored text into Dossier's token streams, one per search
 * column, and write them to the search index, one row per page; record the facets search
 * filters on (language, date, sender); store the people, places, organisations and patterns
 * found on each page, and resolve names to entities. Rebuildable at any time from the stored pages.
 */
import { signatureBuckets } from '../analyse/index.js';
import { MAX_INDEXED_PAGE, searchRowId } from '../domain/search.js';
import type { DbHandle, Records } from '../platform/db/records.js';
import type { IngestWritesRepository } from '../platform/db/repositories/ingest-writes-repository.js';
import { type DocumentAnalysis, type DocumentText, type PageColumns, type PagesAnalysis } from './analyse-document.js';

export { analyseDocument, analysePages, type DocumentAnalysis, type PagesAnalysis, type DocumentText, type PageColumns, type PageMention } from './analyse-document.js';
export { resolveEntitiesIn, type EntityDecision, type EntityRef, type ResolveSummary } from './resolve-entities.js';
export { applyEntityMerge, applyEntitySplit } from './entity-decisions.js';
export { resolveEntities } from './handle-callers.js';

export type IndexedPage = { pageId: number } & PageColumns;

/** The slice of a search backend that indexing needs; `db` is the caller's transaction. */
export interface SearchIndexWriter {
  replaceDocument(db: DbHandle, documentId: number, pages: IndexedPage[]): Promise<void>;
  /**
   * Store a document's near-duplicate signature and LSH buckets in the same transaction (main.ts
   * binds the similarity repository here); without it, `similar` does not know the document.
   */
  replaceSignature?(db: DbHandle, documentId: number, signature: number[] | null, buckets: number[]): Promise<void>;
  /** The pages, facets and mentions of a document, bound to the handle (main.ts binds the ingest-writes repository). */
  ingestWrites(db: DbHandle): IngestWritesRepository;
}

export interface DocumentFacets {
  lang: string | null;
  date: string | null;
  sender: string | null;
}

/** Write an analysis to the index and the document's facet columns, inside the caller's transaction `db`. */
const searchRows = (documentId: number, pages: DocumentAnalysis['pages']): IndexedPage[] => pages.filter((p) => p.page >= 1 && p.page <= MAX_INDEXED_PAGE).map((p) => ({ pageId: searchRowId(documentId, p.page), ...p.columns }));

/** Replace only a document's search rows (its mentions, facets and signature stay): see jobs/boilerplate.ts. */
export async function storeDocumentColumns(db: DbHandle, index: SearchIndexWriter, documentId: number, analysis: PagesAnalysis): Promise<number> {
  const rows = searchRows(documentId, analysis.pages);
  await index.replaceDocument(db, documentId, rows);
  await index.ingestWrites(db).setBoilerplate(documentId, analysis.boilerplate);
  return rows.length;
}

export async function storeDocumentIndex(db: DbHandle, index: SearchIndexWriter, documentId: number, analysis: DocumentAnalysis | null): Promise<number> {
  const rows = searchRows(documentId, analysis?.pages ?? []);
  const writes = index.ingestWrites(db);
  if (analysis) await writes.setFacets(documentId, { lang: analysis.lang, date: analysis.date, sender: analysis.sender });
  await index.replaceDocument(db, documentId, rows);
  await writes.replaceMentions(documentId, analysis?.mentions ?? []);
  await writes.setBoilerplate(documentId, analysis?.boilerplate ?? 0);
  const signature = analysis?.signature ?? null;
  await index.replaceSignature?.(db, documentId, signature, signature ? signatureBuckets(signature) : []);
  return rows.length;
}

/**
 * A document's stored text, read through `records` (outside any write transaction: on SQLite
 * the one connection is the transaction's); null when it is gone or was not read.
 */
export async function storedDocumentText(records: Pick<Records, 'read'>, documentId: number): Promise<DocumentText | null> {
  const doc = await records.read.documents.byId(documentId);
  if (!doc || doc.status !== 'ok') return null;
  const pages = (await records.read.documents.pages(documentId)).map((p) => ({ page: p.page, text: p.text }));
  return { title: doc.title, path: doc.path, metadata: doc.metadata, pages };
}
