import { sql, type Kysely, type RawBuilder } from 'kysely';
import { DOCUMENT_TYPES, SEARCH_COLUMNS, documentType, type MatchExpr, type SearchColumn, type SearchFilters } from '../../domain/search.js';
import type { Database } from '../db/schema.js';
import { toFts5 } from './fts5-expression.js';

/** One page row as written to the index: a token stream per column. */
export type SearchRow = { pageId: number } & Record<SearchColumn, string>;

export interface MatchedPage {
  documentId: number;
  pageId: number;
  page: number;
  score: number;
}

export type Facets = Record<'type' | 'lang' | 'collection' | 'year' | 'sender', Record<string, number>>;

/** BM25 weight of each column, in SEARCH_COLUMNS order: titles above bodies, stems and syllables below words. */
const WEIGHTS: Record<SearchColumn, number> = { t_exact: 4, t_norm: 4, b_exact: 1, b_norm: 1, b_stem: 0.6, py: 1, pys: 0.5, m_from: 1, m_to: 0.5, flags: 0 };
const TABLE = 'search_index';
/** Bump when the columns or their streams change: the index is then rebuilt from stored text. */
const LAYOUT = 2;

/**
 * Full-text search over SQLite FTS5. The table holds Dossier's own token streams, already
 * folded, bigrammed and transliterated, so FTS5 only splits on spaces; rows are pages, keyed by
 * the page's id. Results are documents, each with its best page, ranked by weighted BM25, with
 * record filters (type, language, collection, date, access) applied in SQL.
 */
export class SqliteSearchIndex {
  /** Create the index table; true when it was (re)created empty and documents need indexing. */
  async ensureSchema(db: Kysely<Database>): Promise<boolean> {
    await sql`CREATE TABLE IF NOT EXISTS search_layout (version INTEGER NOT NULL)`.execute(db);
    const version = (await sql<{ version: number }>`SELECT version FROM search_layout`.execute(db)).rows[0]?.version;
    await sql`DROP TABLE IF EXISTS search_pages`.execute(db);
    if (version === LAYOUT) return false;
    await sql`DROP TABLE IF EXISTS ${sql.raw(TABLE)}`.execute(db);
    await sql`DELETE FROM search_layout`.execute(db);
    await sql`INSERT INTO search_layout (version) VALUES (${LAYOUT})`.execute(db);
    const columns = sql.raw(SEARCH_COLUMNS.join(', '));
    await sql`CREATE VIRTUAL TABLE ${sql.raw(TABLE)} USING fts5(${columns}, document_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 0 tokenchars ''_''')`.execute(db);
    return true;
  }

  async replaceDocument(db: Kysely<Database>, documentId: number, rows: SearchRow[]): Promise<void> {
    await sql`DELETE FROM search_index WHERE rowid IN (SELECT id FROM pages WHERE document_id = ${documentId})`.execute(db);
    for (const row of rows) {
      const values = sql.join(SEARCH_COLUMNS.map((c) => sql`${row[c]}`));
      await sql`INSERT INTO search_index (rowid, ${sql.raw(SEARCH_COLUMNS.join(', '))}, document_id) VALUES (${row.pageId}, ${values}, ${documentId})`.execute(db);
    }
  }

  async clear(db: Kysely<Database>): Promise<void> {
    await sql`DELETE FROM search_index`.execute(db);
  }

  /** Documents matching the expression and filters, best first, with their best page. */
  async query(db: Kysely<Database>, match: MatchExpr | null, filters: SearchFilters, options: { limit: number; offset: number }): Promise<{ total: number; hits: MatchedPage[] }> {
    const where = await this.filterSql(db, filters);
    if (!match) return this.listFiltered(db, where, options);
    const best = this.bestPages(toFts5(match));
    // One pass over the matches: the window count gives the total alongside the page of hits.
    const rows = await sql<{ document_id: number; page_id: number; page: number; score: number; total: number }>`
      WITH ${best}, ranked AS (
        SELECT best.document_id, best.page_id, best.score, count(*) OVER () AS total FROM best
        JOIN documents d ON d.id = best.document_id JOIN collections c ON c.id = d.collection_id
        WHERE ${where} ORDER BY best.score, best.document_id LIMIT ${Math.max(options.limit, 1)} OFFSET ${options.offset})
      SELECT ranked.*, p.page FROM ranked JOIN pages p ON p.id = ranked.page_id ORDER BY ranked.score, ranked.document_id`.execute(db);
    let total = Number(rows.rows[0]?.total ?? 0);
    if (rows.rows.length === 0 && options.offset > 0) {
      // Past the last page there is no row to carry the count.
      total = Number((await sql<{ n: number }>`WITH ${best} SELECT count(*) AS n FROM best JOIN documents d ON d.id = best.document_id JOIN collections c ON c.id = d.collection_id WHERE ${where}`.execute(db)).rows[0]?.n ?? 0);
    }
    const hits = rows.rows.slice(0, options.limit).map((r) => ({ documentId: r.document_id, pageId: r.page_id, page: r.page, score: r.score }));
    return { total, hits };
  }

  /** Counts of matching documents by type, language, collection, year and sender. */
  async facets(db: Kysely<Database>, match: MatchExpr | null, filters: SearchFilters): Promise<Facets> {
    const where = await this.filterSql(db, filters);
    const source = match ? sql`(SELECT DISTINCT document_id FROM search_index WHERE search_index MATCH ${toFts5(match)}) m JOIN documents d ON d.id = m.document_id` : sql`documents d`;
    const group = async (key: RawBuilder<unknown>) =>
      (await sql<{ k: string | null; n: number }>`SELECT ${key} AS k, count(*) AS n FROM ${source} JOIN collections c ON c.id = d.collection_id WHERE ${where} GROUP BY k ORDER BY n DESC LIMIT 50`.execute(db)).rows;
    const byMime = await group(sql`d.mime`);
    const type: Record<string, number> = {};
    for (const r of byMime) type[documentType(r.k)] = (type[documentType(r.k)] ?? 0) + Number(r.n);
    const toRecord = (rows: Array<{ k: string | null; n: number }>) => Object.fromEntries(rows.filter((r) => r.k !== null).map((r) => [r.k!, Number(r.n)]));
    return {
      type,
      lang: toRecord(await group(sql`d.lang`)),
      collection: toRecord(await group(sql`c.name`)),
      year: toRecord(await group(sql`substr(d.date, 1, 4)`)),
      sender: toRecord(await group(sql`d.sender`)),
    };
  }

  /** Which of these pages match an expression: used to say why a hit matched. */
  async matchingPages(db: Kysely<Database>, pageIds: number[], match: MatchExpr): Promise<Set<number>> {
    if (pageIds.length === 0) return new Set();
    const rows = await sql<{ id: number }>`SELECT rowid AS id FROM search_index WHERE search_index MATCH ${toFts5(match)} AND rowid IN (${sql.join(pageIds)})`.execute(db);
    return new Set(rows.rows.map((r) => r.id));
  }

  private bestPages(fts: string): RawBuilder<unknown> {
    const weights = sql.raw(SEARCH_COLUMNS.map((c) => WEIGHTS[c]).join(', '));
    // bm25() cannot sit inside an aggregate: score pages in a materialised CTE, then keep each
    // document's best page (SQLite returns the bare columns of the row that holds min()).
    return sql`matched AS MATERIALIZED (SELECT document_id, rowid AS page_id, bm25(search_index, ${weights}) AS score FROM search_index WHERE search_index MATCH ${fts}),
      best AS (SELECT document_id, page_id, min(score) AS score FROM matched GROUP BY document_id)`;
  }

  private async listFiltered(db: Kysely<Database>, where: RawBuilder<unknown>, options: { limit: number; offset: number }): Promise<{ total: number; hits: MatchedPage[] }> {
    const total = await sql<{ n: number }>`SELECT count(*) AS n FROM documents d JOIN collections c ON c.id = d.collection_id WHERE d.status = 'ok' AND ${where}`.execute(db);
    const rows = await sql<{ id: number; page_id: number | null; page: number | null }>`
      SELECT d.id, (SELECT id FROM pages WHERE document_id = d.id ORDER BY page LIMIT 1) AS page_id, 1 AS page
      FROM documents d JOIN collections c ON c.id = d.collection_id WHERE d.status = 'ok' AND ${where}
      ORDER BY d.date DESC, d.id LIMIT ${options.limit} OFFSET ${options.offset}`.execute(db);
    return { total: Number(total.rows[0]?.n ?? 0), hits: rows.rows.map((r) => ({ documentId: r.id, pageId: r.page_id ?? 0, page: r.page ?? 1, score: 0 })) };
  }

  /** Record filters as SQL over documents d and collections c. */
  private async filterSql(db: Kysely<Database>, f: SearchFilters): Promise<RawBuilder<unknown>> {
    const parts: RawBuilder<unknown>[] = [sql`1 = 1`];
    const mimes = async (values: string[]) => {
      const known = (await sql<{ mime: string }>`SELECT DISTINCT mime FROM documents WHERE mime IS NOT NULL`.execute(db)).rows.map((r) => r.mime);
      const out = new Set<string>();
      for (const v of values) {
        const friendly = v.startsWith('type:') ? DOCUMENT_TYPES[v.slice(5)] : null;
        if (friendly) known.filter(friendly).forEach((m) => out.add(m));
        else out.add(v);
      }
      return [...out, '\u0000none'];
    };
    if (f.mimes?.length) parts.push(sql`d.mime IN (${sql.join(await mimes(f.mimes))})`);
    if (f.notMimes?.length) parts.push(sql`(d.mime IS NULL OR d.mime NOT IN (${sql.join(await mimes(f.notMimes))}))`);
    if (f.langs?.length) parts.push(sql`d.lang IN (${sql.join(f.langs)})`);
    if (f.notLangs?.length) parts.push(sql`(d.lang IS NULL OR d.lang NOT IN (${sql.join(f.notLangs)}))`);
    if (f.collections?.length) parts.push(sql`c.name IN (${sql.join(f.collections)})`);
    if (f.notCollections?.length) parts.push(sql`c.name NOT IN (${sql.join(f.notCollections)})`);
    if (f.allowedCollections) parts.push(f.allowedCollections.length ? sql`c.name IN (${sql.join(f.allowedCollections)})` : sql`0 = 1`);
    if (f.dateFrom) parts.push(sql`d.date >= ${f.dateFrom}`);
    if (f.dateTo) parts.push(sql`d.date < ${f.dateTo}`);
    return sql.join(parts, sql` AND `);
  }
}
