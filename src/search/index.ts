/**
 * The search stage: parse a query, ask the search backend for matching pages, and shape hits with
 * their document, page and a marked snippet.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import { parseQuery } from './parse-query.js';
import { makeSnippet } from './snippet.js';

export { parseQuery } from './parse-query.js';

/** The slice of a search backend that searching needs. */
export interface SearchIndexReader {
  query(db: Kysely<Database>, query: { all: string[][] }, options: { limit: number; offset: number }): Promise<{ total: number; hits: Array<{ documentId: number; page: number; pageId: number; score: number }> }>;
}

export interface SearchHit {
  id: number;
  path: string;
  title: string | null;
  collection: string;
  mime: string | null;
  page: number;
  /** Character offsets of the first match in that page's text. */
  start: number | null;
  end: number | null;
  score: number;
  snippet: string;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
}

/** Search all documents; every term must match; best documents first. */
export async function searchDocuments(db: Kysely<Database>, index: SearchIndexReader, input: string, options: { limit?: number; offset?: number } = {}): Promise<SearchResult> {
  const parsed = parseQuery(input);
  const { total, hits } = await index.query(db, { all: parsed.phrases }, { limit: options.limit ?? 20, offset: options.offset ?? 0 });
  if (hits.length === 0) return { total, hits: [] };
  const docs = await db
    .selectFrom('documents')
    .innerJoin('collections', 'collections.id', 'documents.collection_id')
    .select(['documents.id', 'documents.path', 'documents.title', 'documents.mime', 'collections.name as collection'])
    .where('documents.id', 'in', hits.map((h) => h.documentId))
    .execute();
  const byId = new Map(docs.map((d) => [d.id, d]));
  const pages = await db.selectFrom('pages').select(['id', 'text']).where('id', 'in', hits.map((h) => h.pageId)).execute();
  const textOf = new Map(pages.map((p) => [p.id, p.text]));
  return {
    total,
    hits: hits.flatMap((hit) => {
      const doc = byId.get(hit.documentId);
      if (!doc) return [];
      const snippet = makeSnippet(textOf.get(hit.pageId) ?? '', parsed.terms);
      return [{ id: doc.id, path: doc.path, title: doc.title, collection: doc.collection, mime: doc.mime, page: hit.page, start: snippet.start, end: snippet.end, score: hit.score, snippet: snippet.html }];
    }),
  };
}
