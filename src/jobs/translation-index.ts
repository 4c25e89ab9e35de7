import type { TextAnalyser } from '../analyse/index.js';
import { searchRowId } from '../domain/search.js';
import { TRANSLATION_PAGE_OFFSET } from '../domain/translation.js';
import { analyseDocument } from '../index/index.js';
import type { DbHandle, Records } from '../platform/db/records.js';
import type { SqliteSearchIndex } from '../platform/search/sqlite-search-index.js';
import type { TranslationIndex } from '../publish/index.js';

type RowWriter = Pick<SqliteSearchIndex, 'replaceRows'>;

/**
 * The search index port of publish/translate: a document's reviewed translation analysed like
 * any page (the index stage's chain) and written as the document's extra rows, keyed above
 * TRANSLATION_PAGE_OFFSET; the rows of pages no longer reviewed are deleted. `db` is the handle
 * the index writes through; the document's pages are read through `records`.
 */
export function translationIndex(db: DbHandle, index: RowWriter, analyser: () => TextAnalyser, records: Pick<Records, 'read'>): TranslationIndex {
  return {
    async replace(documentId, pages) {
      const stored = await records.read.translations.pages(documentId);
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
export async function reindexTranslations(records: Pick<Records, 'read'>, db: DbHandle, index: RowWriter, analyser: () => TextAnalyser): Promise<number> {
  const translated = (await records.read.translations.translatedDocuments()).filter((d) => d.reviewed > 0).sort((a, b) => a.documentId - b.documentId);
  const writer = translationIndex(db, index, analyser, records);
  for (const { documentId } of translated) {
    const pages = new Map<number, string[]>();
    for (const s of await records.read.translations.segments(documentId)) if (s.status === 'reviewed' && s.target) pages.set(s.page, [...(pages.get(s.page) ?? []), s.target]);
    await writer.replace(documentId, [...pages].map(([page, texts]) => ({ page, text: texts.join(' ') })));
  }
  return translated.length;
}
