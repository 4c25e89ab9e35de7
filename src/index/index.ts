/**
 * The index stage: turn a document's stored text into Dossier's token streams and write them to
 * the search index, one row per page. Rebuildable at any time from the stored pages.
 */
import type { Kysely } from 'kysely';
import { tokenStream } from '../analyse/index.js';
import type { Database } from '../platform/db/schema.js';

/** One page as the search index stores it: the page row's id and its token streams. */
export interface IndexedPage {
  pageId: number;
  documentId: number;
  title: string;
  body: string;
}

/** The slice of a search backend that indexing needs. */
export interface SearchIndexWriter {
  replaceDocument(db: Kysely<Database>, documentId: number, pages: IndexedPage[]): Promise<void>;
}

/** (Re)index one document from its stored pages; documents without text leave the index. */
export async function indexDocument(db: Kysely<Database>, index: SearchIndexWriter, documentId: number): Promise<number> {
  const doc = await db.selectFrom('documents').select(['title', 'path', 'status']).where('id', '=', documentId).executeTakeFirst();
  if (!doc) return 0;
  const pages = doc.status === 'ok' ? await db.selectFrom('pages').select(['id', 'text']).where('document_id', '=', documentId).orderBy('page').execute() : [];
  // The file name stands in for a title where the format has none, so names are searchable too.
  const title = tokenStream(`${doc.title ?? ''} ${doc.path.split(/[\\/!]/).pop() ?? ''}`);
  const rows = pages.filter((p) => p.text.trim() !== '').map((p) => ({ pageId: p.id, documentId, title, body: tokenStream(p.text) }));
  await index.replaceDocument(db, documentId, rows);
  return rows.length;
}
