import type { Kysely } from 'kysely';
import type { TextAnalyser } from '../analyse/index.js';
import { searchRowId } from '../domain/search.js';
import { TRANSLATION_PAGE_OFFSET } from '../domain/translation.js';
import { analyseDocument } from '../index/index.js';
import type { Database } from '../platform/db/schema.js';
import type { SqliteSearchIndex } from '../platform/search/sqlite-search-index.js';
import type { TranslationIndex } from '../publish/index.js';

/**
 * The search index port of publish/translate: a document's reviewed translation analysed like
 * any page (the index stage's chain) and written as the document's extra rows, keyed above
 * TRANSLATION_PAGE_OFFSET; the rows of pages no longer reviewed are deleted.
 */
export function translationIndex(db: Kysely<Database>, index: Pick<SqliteSearchIndex, 'replaceRows'>, analyser: () => TextAnalyser): TranslationIndex {
  return {
    async replace(documentId, pages) {
      const stored = await db.selectFrom('pages').select('page').where('document_id', '=', documentId).execute();
      const key = (page: number) => searchRowId(documentId, TRANSLATION_PAGE_OFFSET + page);
      const keys = [...stored.map((p) => key(p.page)), ...pages.map((p) => key(p.page))];
      const analysis = pages.length ? analyseDocument(analyser(), { title: null, path: '', metadata: {}, pages }) : null;
      const rows = (analysis?.pages ?? []).map((p) => ({ pageId: key(p.page), ...p.columns }));
      await index.replaceRows(db, keys, rows);
    },
  };
}
