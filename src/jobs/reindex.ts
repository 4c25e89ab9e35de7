import type { TextAnalyser } from '../analyse/index.js';
import { analyseDocument, resolveEntities, storeDocumentIndex, storedDocumentText, type DocumentText, type SearchIndexWriter } from '../index/index.js';
import type { DbHandle, Records } from '../platform/db/records.js';
import type { SqliteSearchIndex } from '../platform/search/sqlite-search-index.js';
import { reindexTranslations } from './translation-index.js';

/** Where a reindex stands: documents written so far, and the last document id written (ids ascend). */
export interface ReindexProgress {
  done: number;
  total: number;
  lastId: number;
  pages: number;
}

/**
 * Rebuild the search index and the entities from stored text, for when the analysis chain changes.
 * With `resume` (a reindex job taken over from a process that stopped), the index is not cleared
 * again and only the documents after its last one are read.
 */
export async function reindexAll(
  records: Pick<Records, 'read' | 'transact' | 'transactHandle'>,
  db: DbHandle,
  index: SearchIndexWriter & { clear(db: DbHandle): Promise<void> },
  analyser: TextAnalyser,
  onProgress: (done: number, total: number, at: ReindexProgress) => void = () => {},
  resume?: { afterId: number; pages: number },
): Promise<{ documents: number; pages: number }> {
  const all = await records.read.documents.idsWithStatus('ok');
  const ids = resume ? all.filter((id) => id > resume.afterId) : all;
  const before = all.length - ids.length;
  if (!resume) await index.clear(db);
  // Each collection's boilerplate lines (jobs/boilerplate.ts), read once per collection.
  const byCollection = new Map<number, Set<string>>();
  const boilerplateOf = async (id: number): Promise<ReadonlySet<string>> => {
    const collection = await records.read.boilerplate.collectionOf(id);
    if (collection === null) return new Set();
    if (!byCollection.has(collection)) byCollection.set(collection, await records.read.boilerplate.keys(collection));
    return byCollection.get(collection)!;
  };
  let pages = resume?.pages ?? 0;
  for (let i = 0; i < ids.length; i += 500) {
    const batch = ids.slice(i, i + 500);
    // Read first: on SQLite the write transaction holds the one connection.
    const texts: Array<[number, DocumentText | null, ReadonlySet<string>]> = [];
    for (const id of batch) texts.push([id, await storedDocumentText(records, id), await boilerplateOf(id)]);
    await records.transactHandle(async (trx) => {
      for (const [id, text, boilerplate] of texts) pages += await storeDocumentIndex(trx, index, id, text ? analyseDocument(analyser, text, boilerplate) : null);
    });
    const done = before + Math.min(i + 500, ids.length);
    onProgress(done, all.length, { done, total: all.length, lastId: batch[batch.length - 1] ?? 0, pages });
  }
  if ('replaceRows' in index) await reindexTranslations(records, db, index as Pick<SqliteSearchIndex, 'replaceRows'>, () => analyser);
  await resolveEntities(records);
  return { documents: all.length, pages };
}
