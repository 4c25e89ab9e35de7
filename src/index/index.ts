/**
 * The index stage: turn a document's stored text into Dossier's token streams, one per search
 * column, and write them to the search index, one row per page; record the facets search
 * filters on (language, date, sender); store the people, places, organisations and patterns
 * found on each page, and resolve names to entities. Rebuildable at any time from the stored pages.
 */
import type { Kysely } from 'kysely';
import { signatureBuckets, type TextAnalyser } from '../analyse/index.js';
import { MAX_INDEXED_PAGE, searchRowId } from '../domain/search.js';
import type { IngestWritesRepository } from '../platform/db/repositories/ingest-writes-repository.js';
import type { Database } from '../platform/db/schema.js';
import { analyseDocument, type DocumentAnalysis, type PageColumns } from './analyse-document.js';

export { analyseDocument, type DocumentAnalysis, type DocumentText, type PageColumns, type PageMention } from './analyse-document.js';
export { resolveEntities, type ResolveSummary } from './resolve-entities.js';
export { mergeEntities, splitEntity } from './entity-decisions.js';

export type IndexedPage = { pageId: number } & PageColumns;

/** The slice of a search backend that indexing needs. */
export interface SearchIndexWriter {
  replaceDocument(db: Kysely<Database>, documentId: number, pages: IndexedPage[]): Promise<void>;
  /**
   * Store a document's near-duplicate signature and LSH buckets in the same transaction (main.ts
   * binds the similarity repository here); without it, `similar` does not know the document.
   */
  replaceSignature?(db: Kysely<Database>, documentId: number, signature: number[] | null, buckets: number[]): Promise<void>;
  /** The pages, facets and mentions of a document, bound to the handle (main.ts binds the ingest-writes repository). */
  ingestWrites(db: Kysely<Database>): IngestWritesRepository;
}

/** Write an analysis to the index and the document's facet columns. */
export async function storeDocumentIndex(db: Kysely<Database>, index: SearchIndexWriter, documentId: number, analysis: DocumentAnalysis | null): Promise<number> {
  const rows = (analysis?.pages ?? []).filter((p) => p.page >= 1 && p.page <= MAX_INDEXED_PAGE).map((p) => ({ pageId: searchRowId(documentId, p.page), ...p.columns }));
  const writes = index.ingestWrites(db);
  if (analysis) await writes.setFacets(documentId, { lang: analysis.lang, date: analysis.date, sender: analysis.sender });
  await index.replaceDocument(db, documentId, rows);
  await writes.replaceMentions(documentId, analysis?.mentions ?? []);
  const signature = analysis?.signature ?? null;
  await index.replaceSignature?.(db, documentId, signature, signature ? signatureBuckets(signature) : []);
  return rows.length;
}

/** (Re)index one document from its stored pages; documents without text leave the index. */
export async function indexDocument(db: Kysely<Database>, index: SearchIndexWriter, analyser: TextAnalyser, documentId: number): Promise<number> {
  const doc = await db.selectFrom('documents').select(['title', 'path', 'status', 'metadata']).where('id', '=', documentId).executeTakeFirst();
  if (!doc) return 0;
  if (doc.status !== 'ok') return storeDocumentIndex(db, index, documentId, null);
  const pages = await db.selectFrom('pages').select(['page', 'text']).where('document_id', '=', documentId).orderBy('page').execute();
  const analysis = analyseDocument(analyser, { title: doc.title, path: doc.path, metadata: JSON.parse(doc.metadata) as Record<string, unknown>, pages });
  return storeDocumentIndex(db, index, documentId, analysis);
}
