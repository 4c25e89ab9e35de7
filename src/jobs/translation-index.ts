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

/**
 * After a whole-index rebuild (which clears every row): write the reviewed translations' rows
 * again, so an English search still finds a Chinese original through its translation.
 */
export async function reindexTranslations(db: Kysely<Database>, index: Pick<SqliteSearchIndex, 'replaceRows'>, analyser: () => TextAnalyser): Promise<number> {
  const rows = await db.selectFrom('translation_segments').select(['document_id', 'page', 'target', 'status']).where('status', '=', 'reviewed').orderBy('document_id').orderBy('position').execute();
  const byDocument = new Map<number, Array<{ page: number; target: string | null; status: string }>>();
  for (const r of rows) byDocument.set(r.document_id, [...(byDocument.get(r.document_id) ?? []), r]);
  const writer = translationIndex(db, index, analyser);
  for (const [documentId, segments] of byDocument) {
    const pages = new Map<number, string[]>();
    for (const s of segments) if (s.target) pages.set(s.page, [...(pages.get(s.page) ?? []), s.target]);
    await writer.replace(documentId, [...pages].map(([page, texts]) => ({ page, text: texts.join(' ') })));
  }
  return byDocument.size;
}
