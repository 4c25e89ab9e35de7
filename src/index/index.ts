/**
 * The index stage: turn a document's stored text into Dossier's token streams, one per search
 * column, and write them to the search index, one row per page; record the facets search
 * filters on (language, date, sender). Rebuildable at any time from the stored pages.
 */
import type { Kysely } from 'kysely';
import { languageOf, streamOf, WORD_BOUNDARY, type TextAnalyser } from '../analyse/index.js';
import type { SearchColumn } from '../domain/search.js';
import type { Database } from '../platform/db/schema.js';
import { documentDate } from './document-date.js';

export type IndexedPage = { pageId: number } & Record<SearchColumn, string>;

/** The slice of a search backend that indexing needs. */
export interface SearchIndexWriter {
  replaceDocument(db: Kysely<Database>, documentId: number, pages: IndexedPage[]): Promise<void>;
}

function listOf(value: unknown): string {
  return Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : '';
}

/** (Re)index one document from its stored pages; documents without text leave the index. */
export async function indexDocument(db: Kysely<Database>, index: SearchIndexWriter, analyser: TextAnalyser, documentId: number): Promise<number> {
  const doc = await db.selectFrom('documents').select(['title', 'path', 'status', 'metadata']).where('id', '=', documentId).executeTakeFirst();
  if (!doc) return 0;
  const pages = doc.status === 'ok' ? await db.selectFrom('pages').select(['id', 'text']).where('document_id', '=', documentId).orderBy('page').execute() : [];
  const metadata = JSON.parse(doc.metadata) as Record<string, unknown>;
  const sender = typeof metadata.from === 'string' ? metadata.from : null;
  const sample = pages.map((p) => p.text).join('\n').slice(0, 100_000);
  await db
    .updateTable('documents')
    .set({ lang: sample.trim() ? languageOf(`${doc.title ?? ''}\n${sample}`) : null, date: documentDate(metadata), sender })
    .where('id', '=', documentId)
    .execute();

  // The file name stands in for a title where the format has none, so names are searchable too.
  const title = analyser.analyse(`${doc.title ?? ''} ${doc.path.split(/[\\/!]/).pop() ?? ''}`);
  const from = streamOf(analyser.analyse(sender ?? '').norm);
  const to = streamOf(analyser.analyse(`${listOf(metadata.to)} ${listOf(metadata.cc)} ${listOf(metadata.bcc)}`).norm);
  const rows: IndexedPage[] = [];
  for (const page of pages) {
    if (page.text.trim() === '') continue;
    const body = analyser.analyse(page.text);
    rows.push({
      pageId: page.id,
      t_exact: streamOf(title.exact),
      t_norm: streamOf(title.norm),
      b_exact: streamOf(body.exact),
      b_norm: streamOf(body.norm),
      b_stem: streamOf(body.stem),
      py: [streamOf(title.py), streamOf(body.py)].filter(Boolean).join(' '),
      pys: [streamOf(title.pys), streamOf(body.pys)].filter(Boolean).join(` ${WORD_BOUNDARY} `),
      m_from: from,
      m_to: to,
    });
  }
  await index.replaceDocument(db, documentId, rows);
  return rows.length;
}
