import { sql, type Kysely, type RawBuilder } from 'kysely';
import { rowDocument, searchRowId, type MatchExpr, type SearchFilters } from '../../domain/search.js';
import type { Database } from '../db/schema.js';
import { positivePhrases } from './fts5-expression.js';
import { facetCounts, filterSql, type Facets } from './record-filters.js';
import { PgBm25 } from './pg-bm25.js';
import { DEFAULT_WEIGHTS, type MatchedPage, type SearchRow } from './sqlite-search-index.js';
import { pageVectors, RANK_WEIGHTS, toTsquery } from './tsvector-text.js';

/** Counting stops here: past it the total is shown as "10,000+". */
export const COUNT_CAP = 10_000;
/** Past this many matching documents, BM25 scores the best chunks by ts_rank (and IDF) only. */
const CANDIDATES = 2000;
/** Bump when the table or its vectors change: the index is then rebuilt from stored text. */
const LAYOUT = 1;

/**
 * Full-text search on PostgreSQL over the same token streams as the SQLite FTS5 index (see
 * tsvector-text.ts and docs/decisions/0005-postgresql-search.md). A row is a chunk of a page:
 * (page key, chunk) → tsvector of `column:token` lexemes with positions and a weight label per
 * column, under a GIN index. Ranking is ts_rank with the column weights and length
 * normalisation, scaled per phrase by its inverse document frequency, to come close to BM25.
 */
export class PgSearchIndex {
  private readonly bm25 = new PgBm25(DEFAULT_WEIGHTS);

  /** `ranking: 'ts_rank'` keeps the former ts_rank × IDF order (bench:scale-parity compares both with BM25). */
  constructor(private readonly options: { ranking?: 'bm25' | 'ts_rank' } = {}) {}

  async ensureSchema(db: Kysely<Database>): Promise<boolean> {
    await sql`CREATE TABLE IF NOT EXISTS search_layout (version INTEGER NOT NULL)`.execute(db);
    const version = (await sql<{ version: number }>`SELECT version FROM search_layout`.execute(db)).rows[0]?.version;
    if (version === LAYOUT) return false;
    // Two processes starting on a new database: one creates, the other waits and finds it made.
    return db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${0x0d055103})`.execute(trx);
      const again = (await sql<{ version: number }>`SELECT version FROM search_layout`.execute(trx)).rows[0]?.version;
      if (again === LAYOUT) return false;
      await sql`DROP TABLE IF EXISTS search_chunks`.execute(trx);
      await sql`CREATE TABLE search_chunks (page_id bigint NOT NULL, chunk integer NOT NULL, document_id integer NOT NULL, tsv tsvector NOT NULL, PRIMARY KEY (page_id, chunk))`.execute(trx);
      await sql`CREATE INDEX search_chunks_tsv ON search_chunks USING gin (tsv)`.execute(trx);
      await sql`CREATE INDEX search_chunks_document ON search_chunks (document_id)`.execute(trx);
      await sql`DELETE FROM search_layout`.execute(trx);
      await sql`INSERT INTO search_layout (version) VALUES (${LAYOUT})`.execute(trx);
      return true;
    });
  }

  async replaceDocument(db: Kysely<Database>, documentId: number, rows: SearchRow[]): Promise<void> {
    await sql`DELETE FROM search_chunks WHERE document_id = ${documentId}`.execute(db);
    const values: RawBuilder<unknown>[] = [];
    for (const row of rows) pageVectors(row).forEach((tsv, chunk) => values.push(sql`(${row.pageId}, ${chunk}, ${documentId}, ${tsv}::tsvector)`));
    for (let i = 0; i < values.length; i += 200) await sql`INSERT INTO search_chunks (page_id, chunk, document_id, tsv) VALUES ${sql.join(values.slice(i, i + 200))}`.execute(db);
  }

  /** Replace single rows by their keys (a reviewed translation's extra rows), leaving the document's pages alone. */
  async replaceRows(db: Kysely<Database>, keys: number[], rows: SearchRow[]): Promise<void> {
    const all = [...new Set([...keys, ...rows.map((r) => r.pageId)])];
    if (all.length) await sql`DELETE FROM search_chunks WHERE page_id IN (${sql.join(all)})`.execute(db);
    const values: RawBuilder<unknown>[] = [];
    for (const row of rows) pageVectors(row).forEach((tsv, chunk) => values.push(sql`(${row.pageId}, ${chunk}, ${rowDocument(row.pageId)}, ${tsv}::tsvector)`));
    for (let i = 0; i < values.length; i += 200) await sql`INSERT INTO search_chunks (page_id, chunk, document_id, tsv) VALUES ${sql.join(values.slice(i, i + 200))}`.execute(db);
  }

  async clear(db: Kysely<Database>): Promise<void> {
    await sql`DELETE FROM search_chunks`.execute(db);
  }

  /** Documents matching the expression and filters, best first, each with its best page. */
  async query(db: Kysely<Database>, match: MatchExpr | null, filters: SearchFilters, options: { limit: number; offset: number }): Promise<{ total: number; totalCapped: boolean; hits: MatchedPage[] }> {
    const where = await filterSql(db, filters);
    if (!match) return this.listFiltered(db, where, options);
    const query = toTsquery(match);
    const restrict = where ? sql`AND s.document_id IN (SELECT d.id FROM documents d JOIN collections c ON c.id = d.collection_id WHERE ${where})` : sql``;
    const counted = await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT DISTINCT s.document_id FROM search_chunks s WHERE s.tsv @@ ${query}::tsquery ${restrict} LIMIT ${COUNT_CAP + 1}) m`.execute(db);
    const n = Number(counted.rows[0]?.n ?? 0);
    // BM25 as FTS5 computes it (pg-bm25.ts) over every matching chunk; for a very common query
    // over the best chunks by the cheaper ts_rank first (as the SQLite side's top-k does).
    const want = Math.max(CANDIDATES, 2 * (options.offset + options.limit));
    const candidates =
      n <= want
        ? sql`SELECT s.page_id, s.document_id, s.tsv FROM search_chunks s WHERE s.tsv @@ ${query}::tsquery ${restrict}`
        : sql`SELECT s.page_id, s.document_id, s.tsv FROM search_chunks s WHERE s.tsv @@ ${query}::tsquery ${restrict} ORDER BY ${await this.rankExpression(db, match)} DESC LIMIT ${want}`;
    const best = new Map<number, { documentId: number; pageId: number; score: number }>();
    const scored =
      this.options.ranking === 'ts_rank'
        ? (await sql<{ document_id: number; page_id: number; score: number }>`SELECT s.document_id, s.page_id, ${await this.rankExpression(db, match)} AS score FROM search_chunks s WHERE s.tsv @@ ${query}::tsquery ${restrict}`.execute(db)).rows.map((r) => ({ documentId: r.document_id, pageId: Number(r.page_id), score: Number(r.score) }))
        : await this.bm25.score(db, match, candidates, COUNT_CAP);
    for (const c of scored) {
      const seen = best.get(c.documentId);
      if (!seen || c.score > seen.score || (c.score === seen.score && c.pageId < seen.pageId)) best.set(c.documentId, c);
    }
    const ranked = [...best.values()].sort((a, b) => b.score - a.score || a.pageId - b.pageId).slice(options.offset, options.offset + options.limit);
    return {
      total: Math.min(n, COUNT_CAP),
      totalCapped: n > COUNT_CAP,
      // Lower is better, as FTS5's bm25() reports it.
      hits: ranked.map((r) => ({ documentId: r.documentId, pageId: r.pageId, page: r.pageId % 2 ** 20, score: -r.score })),
    };
  }

  /**
   * ts_rank has no IDF: each positive phrase's weighted, length-normalised rank is scaled by
   * log(1 + N/df), its rarity among indexed chunks (df counted up to the cap, N estimated by the
   * planner's statistics), so a rare term outranks a common one as in BM25.
   */
  private async rankExpression(db: Kysely<Database>, match: MatchExpr): Promise<RawBuilder<number>> {
    const phrases = positivePhrases(match);
    const total = Math.max(1, Number((await sql<{ n: number }>`SELECT greatest(reltuples, 1)::bigint AS n FROM pg_class WHERE relname = 'search_chunks'`.execute(db)).rows[0]?.n ?? 1));
    const parts: RawBuilder<number>[] = [];
    for (const phrase of phrases.slice(0, 16)) {
      const q = toTsquery(phrase);
      const df = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM search_chunks WHERE tsv @@ ${q}::tsquery LIMIT ${COUNT_CAP}) x`.execute(db)).rows[0]?.n ?? 0);
      const idf = Math.log(1 + Math.max(total, df) / Math.max(1, df));
      parts.push(sql<number>`${idf}::float8 * ts_rank(${RANK_WEIGHTS}::float4[], s.tsv, ${q}::tsquery, 1)`);
    }
    return parts.length ? sql<number>`(${sql.join(parts, sql` + `)})` : sql<number>`0`;
  }

  async facets(db: Kysely<Database>, match: MatchExpr | null, filters: SearchFilters): Promise<Facets> {
    const where = (await filterSql(db, filters)) ?? sql`1 = 1`;
    const source = match
      ? sql`(SELECT DISTINCT document_id FROM search_chunks WHERE tsv @@ ${toTsquery(match)}::tsquery) m JOIN documents d ON d.id = m.document_id`
      : sql`(SELECT * FROM documents WHERE status = 'ok') d`;
    return facetCounts(db, source, where);
  }

  async matchingPages(db: Kysely<Database>, pageIds: number[], match: MatchExpr): Promise<Set<number>> {
    if (pageIds.length === 0) return new Set();
    const rows = await sql<{ id: number }>`SELECT DISTINCT page_id AS id FROM search_chunks WHERE tsv @@ ${toTsquery(match)}::tsquery AND page_id IN (${sql.join(pageIds)})`.execute(db);
    return new Set(rows.rows.map((r) => Number(r.id)));
  }

  private async listFiltered(db: Kysely<Database>, where: RawBuilder<unknown> | null, options: { limit: number; offset: number }): Promise<{ total: number; totalCapped: boolean; hits: MatchedPage[] }> {
    const cond = where ?? sql`1 = 1`;
    const total = await sql<{ n: number }>`SELECT count(*) AS n FROM documents d JOIN collections c ON c.id = d.collection_id WHERE d.status = 'ok' AND ${cond}`.execute(db);
    // NULLS LAST: SQLite sorts NULL lowest, so undated documents come last there too.
    const rows = await sql<{ id: number; page: number | null }>`
      SELECT d.id, (SELECT min(page) FROM pages WHERE document_id = d.id) AS page
      FROM documents d JOIN collections c ON c.id = d.collection_id WHERE d.status = 'ok' AND ${cond}
      ORDER BY d.date DESC NULLS LAST, d.id LIMIT ${options.limit} OFFSET ${options.offset}`.execute(db);
    return { total: Number(total.rows[0]?.n ?? 0), totalCapped: false, hits: rows.rows.map((r) => ({ documentId: r.id, pageId: searchRowId(r.id, r.page ?? 1), page: r.page ?? 1, score: 0 })) };
  }
}
