import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** A page row as written to the index (token streams built by the index stage). */
export interface SearchRow {
  pageId: number;
  documentId: number;
  title: string;
  body: string;
}

/** A query as the search stage hands it over: every phrase (a token sequence) must match. */
export interface MatchQuery {
  all: string[][];
}

export interface MatchedPage {
  documentId: number;
  page: number;
  pageId: number;
  score: number;
}

/** Quote a token for FTS5: inside double quotes, a double quote is doubled. */
function quote(token: string): string {
  return `"${token.replace(/"/g, '""')}"`;
}

/** Compile a MatchQuery to FTS5 syntax: phrases joined by AND. */
export function toFts5(query: MatchQuery): string {
  return query.all.map((phrase) => quote(phrase.join(' '))).join(' AND ');
}

/**
 * Full-text search over SQLite FTS5. The table holds Dossier's own token streams (already
 * segmented, folded and bigrammed), so FTS5's tokenizer only splits on spaces. Rows are keyed by
 * the page's id; results are grouped by document, best page first, ranked by BM25 with the title
 * weighted above the body.
 */
export class SqliteSearchIndex {
  async ensureSchema(db: Kysely<Database>): Promise<void> {
    await sql`CREATE VIRTUAL TABLE IF NOT EXISTS search_pages USING fts5(title, body, document_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 0 tokenchars ''-_''')`.execute(db);
  }

  async replaceDocument(db: Kysely<Database>, documentId: number, rows: SearchRow[]): Promise<void> {
    await sql`DELETE FROM search_pages WHERE rowid IN (SELECT id FROM pages WHERE document_id = ${documentId})`.execute(db);
    for (const row of rows) {
      await sql`INSERT INTO search_pages (rowid, title, body, document_id) VALUES (${row.pageId}, ${row.title}, ${row.body}, ${documentId})`.execute(db);
    }
  }

  async clear(db: Kysely<Database>): Promise<void> {
    await sql`DELETE FROM search_pages`.execute(db);
  }

  async query(db: Kysely<Database>, query: MatchQuery, options: { limit: number; offset: number }): Promise<{ total: number; hits: MatchedPage[] }> {
    const match = toFts5(query);
    const total = await sql<{ n: number }>`SELECT count(DISTINCT document_id) AS n FROM search_pages WHERE search_pages MATCH ${match}`.execute(db);
    // SQLite returns the bare columns of the row that holds min(): the best page of each document.
    // bm25() cannot sit inside an aggregate: score pages in a materialised CTE, then keep the best
    // page of each document (SQLite returns the bare columns of the row that holds min()).
    const rows = await sql<{ documentId: number; pageId: number; score: number }>`
      WITH matched AS MATERIALIZED (
        SELECT document_id AS documentId, rowid AS pageId, bm25(search_pages, 4.0, 1.0) AS score
        FROM search_pages WHERE search_pages MATCH ${match}
      )
      SELECT documentId, pageId, min(score) AS score FROM matched
      GROUP BY documentId ORDER BY score LIMIT ${options.limit} OFFSET ${options.offset}`.execute(db);
    const pages = rows.rows.length
      ? await db.selectFrom('pages').select(['id', 'page']).where('id', 'in', rows.rows.map((r) => r.pageId)).execute()
      : [];
    const pageNumber = new Map(pages.map((p) => [p.id, p.page]));
    return {
      total: total.rows[0]?.n ?? 0,
      hits: rows.rows.map((r) => ({ documentId: Number(r.documentId), pageId: r.pageId, page: pageNumber.get(r.pageId) ?? 1, score: r.score })),
    };
  }
}
