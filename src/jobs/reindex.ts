import type { Kysely } from 'kysely';
import type { TextAnalyser } from '../analyse/index.js';
import { indexDocument, resolveEntities, type SearchIndexWriter } from '../index/index.js';
import type { Database } from '../platform/db/schema.js';
import type { SqliteSearchIndex } from '../platform/search/sqlite-search-index.js';
import { reindexTranslations } from './translation-index.js';

/** Rebuild the search index and the entities from stored text, for when the analysis chain changes. */
export async function reindexAll(db: Kysely<Database>, index: SearchIndexWriter & { clear(db: Kysely<Database>): Promise<void> }, analyser: TextAnalyser, onProgress: (done: number, total: number) => void = () => {}): Promise<{ documents: number; pages: number }> {
  const ids = (await db.selectFrom('documents').select('id').where('status', '=', 'ok').orderBy('id').execute()).map((r) => r.id);
  await index.clear(db);
  let pages = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const batch = ids.slice(i, i + 500);
    await db.transaction().execute(async (trx) => {
      for (const id of batch) pages += await indexDocument(trx, index, analyser, id);
    });
    onProgress(Math.min(i + 500, ids.length), ids.length);
  }
  if ('replaceRows' in index) await reindexTranslations(db, index as Pick<SqliteSearchIndex, 'replaceRows'>, () => analyser);
  await resolveEntities(db);
  return { documents: ids.length, pages };
}
