import { sql, type Kysely, type RawBuilder } from 'kysely';
import { PAGE_BITS, SEARCH_COLUMNS, rowDocument, rowPage, searchRowId, type MatchExpr, type SearchColumn, type SearchFilters } from '../../domain/search.js';
import type { Database } from '../db/schema.js';
import { Bm25TopK } from './bm25-top-k.js';
import { DEFAULT_FEEDBACK, feedbackRerank, type FeedbackOptions } from './feedback-rerank.js';
import { toFts5 } from './fts5-expression.js';
import { QueryPageStreams } from './page-streams.js';
import { expandPrefixes, MAX_PREFIX_TERMS } from './prefix-expansion.js';
import { DEFAULT_PROXIMITY, proximityRerank, type ProximityOptions } from './proximity-rerank.js';
import { facetCounts, filterSql, filtersNameCollections, type Facets } from './record-filters.js';
import { VocabularyFrequencies } from './vocabulary-frequencies.js';

/** One page row as written to the index: its key (document and page) and a token stream per column. */
export type SearchRow = { pageId: number } & Record<SearchColumn, string>;

export interface MatchedPage {
  documentId: number;
  /** The row key: document × 2^20 + page (see domain/search.ts). */
  pageId: number;
  page: number;
  score: number;
}

/** Counts per facet; `tag` only when some matching document carries a tag. */
export type { Facets } from './record-filters.js';

/** BM25 weight of each column, in SEARCH_COLUMNS order: titles above bodies, stems and syllables below words, boilerplate lines far below. */
export const DEFAULT_WEIGHTS: Record<SearchColumn, number> = { t_exact: 4, t_norm: 4, b_exact: 1, b_norm: 1, b_stem: 0.6, py: 1, pys: 0.5, m_from: 1, m_to: 0.5, flags: 0, b_boiler: 0.1 };
/** Matching documents are counted exactly up to this many; past it the total is a lower bound ("10,000+"). */
export const COUNT_LIMIT = 10_000;
/**
 * Past COUNT_LIMIT matching documents, BM25 ranks the first this-many matching pages in FTS5's own
 * order rather than every match, with statistics FTS5 keeps and document frequencies remembered
 * (bm25-top-k.ts): the work of a query on a very common word is then bounded by this number, not
 * by the size of the collection.
 */
export const CANDIDATE_LIMIT = 1_000;
const TABLE = 'search_index';
/** Bump when the columns or their streams change: the index is then rebuilt from stored text. */
const LAYOUT = 4;
/** A row's document, from its key (qualified: inside a subquery over documents, `rowid` alone would be theirs). */
const ROW_DOC = sql.raw(`(${TABLE}.rowid >> ${PAGE_BITS})`);

/**
 * Full-text search over SQLite FTS5. The table holds Dossier's own token streams, already
 * folded, bigrammed and transliterated, so FTS5 only splits on spaces. A row is a page keyed by
 * document × 2^20 + page, so documents are counted and pages found from the key alone. Results
 * are documents, each with its best page, ranked by weighted BM25; record filters (type,
 * language, collection, date, access) are a subquery on documents.
 */
export class SqliteSearchIndex {
  private readonly weights: Record<SearchColumn, number>;
  private readonly proximity: ProximityOptions;
  private readonly countLimit: number;
  private readonly topK = new Bm25TopK();
  private readonly feedback: FeedbackOptions;
  private readonly frequencies = new VocabularyFrequencies();
  private lastMatch: { key: string; at: number; ids: number[]; rows: number[] } | null = null;

  /**
   * `weights` overrides column weights, `proximity` the re-ranking by word distance (the ranking
   * evaluation tries others); `limits.count` the COUNT_LIMIT (tests use a small one to see
   * "10,000+" without 10,000 documents); `feedback` the pseudo-relevance feedback of `--match any`
   * queries (feedback-rerank.ts).
   */
  constructor(weights: Partial<Record<SearchColumn, number>> = {}, proximity: Partial<ProximityOptions> = {}, limits: { count?: number } = {}, feedback: Partial<FeedbackOptions> = {}) {
    this.weights = { ...DEFAULT_WEIGHTS, ...weights };
    this.feedback = { ...DEFAULT_FEEDBACK, ...feedback };
    this.proximity = { ...DEFAULT_PROXIMITY, ...proximity };
    this.countLimit = limits.count ?? COUNT_LIMIT;
  }

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
    await sql`CREATE VIRTUAL TABLE ${sql.raw(TABLE)} USING fts5(${columns}, tokenize = 'unicode61 remove_diacritics 0 tokenchars ''_''')`.execute(db);
    return true;
  }

  async replaceDocument(db: Kysely<Database>, documentId: number, rows: SearchRow[]): Promise<void> {
    // Delete row by row: FTS5 answers a rowid range by scanning (80 ms at 1,600 rows, growing with
    // the index, which made a 40 MB ingest quadratic), a single rowid by its key (5 µs). A
    // document's rows are its stored pages' keys and the ones about to be written.
    this.topK.invalidate();
    this.frequencies.invalidate();
    this.lastMatch = null;
    const stored = await db.selectFrom('pages').select('page').where('document_id', '=', documentId).execute();
    const keys = new Set([...stored.map((p) => searchRowId(documentId, p.page)), ...rows.map((r) => r.pageId)]);
    for (const key of keys) await sql`DELETE FROM search_index WHERE rowid = ${key}`.execute(db);
    for (const row of rows) {
      const values = sql.join(SEARCH_COLUMNS.map((c) => sql`${row[c]}`));
      await sql`INSERT INTO search_index (rowid, ${sql.raw(SEARCH_COLUMNS.join(', '))}) VALUES (${row.pageId}, ${values})`.execute(db);
    }
  }

  /** Replace extra rows of a document by their keys (a translation's pages; see domain/translation.ts): delete `keys`, write `rows`. */
  async replaceRows(db: Kysely<Database>, keys: number[], rows: SearchRow[]): Promise<void> {
    this.topK.invalidate();
    this.frequencies.invalidate();
    this.lastMatch = null;
    for (const key of new Set([...keys, ...rows.map((r) => r.pageId)])) await sql`DELETE FROM search_index WHERE rowid = ${key}`.execute(db);
    for (const row of rows) {
      const values = sql.join(SEARCH_COLUMNS.map((c) => sql`${row[c]}`));
      await sql`INSERT INTO search_index (rowid, ${sql.raw(SEARCH_COLUMNS.join(', '))}) VALUES (${row.pageId}, ${values})`.execute(db);
    }
  }

  async clear(db: Kysely<Database>): Promise<void> {
    this.topK.invalidate();
    this.frequencies.invalidate();
    this.lastMatch = null;
    await sql`DELETE FROM search_index`.execute(db);
  }

  /**
   * Documents matching the expression and filters, best first, with their best page. `feedback`
   * (set for `--match any`) re-ranks the best pages by pseudo-relevance feedback.
   */
  async query(db: Kysely<Database>, match: MatchExpr | null, filters: SearchFilters, options: { limit: number; offset: number; feedback?: boolean }): Promise<{ total: number; totalIsLowerBound?: boolean; hits: MatchedPage[] }> {
    const where = await filterSql(db, filters);
    if (!match) return this.listFiltered(db, where, options);
    const fts = toFts5(match);
    const restrict = this.restrictSql(where, filters);
    const matching = await this.matchingDocuments(db, await this.countingFts5(db, match), restrict);
    const counted = matching.ids.length;
    const wanted = options.offset + options.limit;
    const weights = sql.raw(SEARCH_COLUMNS.map((c) => this.weights[c]).join(', '));
    // The best pages, deduplicated to documents; ask for more pages only when documents repeat.
    let best = new Map<number, MatchedPage>();
    for (let k = wanted * 2 + 10; ; k *= 4) {
      // The BM25 best `depth` pages are re-ranked by how close the query words stand (proximity-rerank.ts).
      const feedback = options.feedback === true && this.feedback.weight > 0;
      const depth = Math.max(k, this.proximity.weight > 0 ? this.proximity.depth : 0, feedback ? this.feedback.depth : 0);
      // The candidates are the first matching rows in key order, which counting has just read
      // (always, with COUNT_LIMIT above CANDIDATE_LIMIT; a smaller count limit reads fewer rows).
      const candidates = matching.rows.length >= CANDIDATE_LIMIT ? matching.rows.slice(0, CANDIDATE_LIMIT) : CANDIDATE_LIMIT;
      const bm25 = counted > this.countLimit
        ? await this.topK.rank(db, match, this.weights, candidates, depth, restrict)
        : (await sql<{ id: number; score: number }>`
          SELECT rowid AS id, bm25(search_index, ${weights}) AS score FROM search_index
          WHERE search_index MATCH ${fts} ${restrict} ORDER BY score, rowid LIMIT ${depth}`.execute(db)).rows;
      // The best pages' stored streams, read once for both re-rankings.
      const streams = new QueryPageStreams(db);
      const near = await proximityRerank(db, bm25, match, this.proximity, this.frequencies, streams);
      const rows = (feedback ? await feedbackRerank(db, near, match, this.feedback, this.frequencies, streams) : near).slice(0, k);
      best = new Map();
      for (const r of rows) {
        const documentId = rowDocument(r.id);
        if (!best.has(documentId)) best.set(documentId, { documentId, pageId: r.id, page: rowPage(r.id), score: r.score });
      }
      if (best.size >= wanted || rows.length < k) break;
    }
    const hits = [...best.values()].slice(options.offset, wanted);
    return counted > this.countLimit ? { total: this.countLimit, totalIsLowerBound: true, hits } : { total: counted, hits };
  }

  /** Counts of matching documents by type, language, collection, year, sender and tag. */
  async facets(db: Kysely<Database>, match: MatchExpr | null, filters: SearchFilters): Promise<Facets> {
    const filter = await filterSql(db, filters);
    const where = filter ?? sql`1 = 1`;
    // Without text, the matches are the readable documents that pass the filters, as in listFiltered.
    if (!match) return facetCounts(db, sql`(SELECT * FROM documents WHERE status = 'ok') d`, where);
    // The matching documents as the query just counted them (the same bounded scan, remembered):
    // past COUNT_LIMIT, facets count the first COUNT_LIMIT + 1 matching documents.
    const { ids } = await this.matchingDocuments(db, await this.countingFts5(db, match), this.restrictSql(filter, filters));
    return facetCounts(db, sql`(SELECT * FROM documents WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))) d`, where);
  }

  /** The expression as counting runs it: the same rows, prefixes as their words (prefix-expansion.ts). */
  private async countingFts5(db: Kysely<Database>, match: MatchExpr): Promise<string> {
    return toFts5(await expandPrefixes(match, (prefix) => this.frequencies.wordsStartingWith(db, prefix, MAX_PREFIX_TERMS)));
  }

  /**
   * Record filters as a test on each matching row's document, by its key. Not `DOC IN (SELECT …)`:
   * SQLite builds that list from every document passing the filters before reading the first
   * match (all of a million documents for `lang:en`, or for a reader who may see most
   * collections), where the scans here stop at a page or at COUNT_LIMIT documents. Collections
   * are joined only when a filter names one: a document always has its collection (a foreign key,
   * not null), and the join cost 40 % of counting `the lang:en date:2020` at a million documents.
   */
  private restrictSql(where: RawBuilder<unknown> | null, filters: SearchFilters): RawBuilder<unknown> {
    if (!where) return sql``;
    return filtersNameCollections(filters)
      ? sql`AND EXISTS (SELECT 1 FROM documents d JOIN collections c ON c.id = d.collection_id WHERE d.id = ${ROW_DOC} AND ${where})`
      : sql`AND EXISTS (SELECT 1 FROM documents d WHERE d.id = ${ROW_DOC} AND ${where})`;
  }

  /**
   * The distinct documents matching, in index order, up to COUNT_LIMIT + 1 (a common word's exact
   * count would cost a scan of every match). Rows come in key order, so a document's pages are
   * adjacent and counting is comparing with the previous key: no DISTINCT (a temporary B-tree);
   * when documents have several matching pages, the next rows are read from the last key on. The
   * last answer is kept for the facets of the same query, so its matches are read once. `rows`
   * are the first CANDIDATE_LIMIT matching rows read, in key order: past COUNT_LIMIT, the
   * ranking's candidates.
   */
  private async matchingDocuments(db: Kysely<Database>, fts: string, restrict: RawBuilder<unknown>): Promise<{ ids: number[]; rows: number[] }> {
    const key = `${fts}\u0000${JSON.stringify(restrict.compile(db))}`;
    if (this.lastMatch?.key === key && Date.now() - this.lastMatch.at < 5_000) return this.lastMatch;
    const wanted = this.countLimit + 1;
    const ids: number[] = [];
    const read: number[] = [];
    for (let after = -1; ids.length < wanted; ) {
      // Each row adds at most one document, so this many rows never overshoot.
      const ask = wanted - ids.length;
      // The keys as one text (ten thousand row objects cost more than the scan that finds them).
      // The first batch without a rowid bound (keys are positive): FTS5 scans 2–3 ms faster without one at 10,001 rows.
      const from = after >= 0 ? sql`AND rowid > ${after}` : sql``;
      const keys = (await sql<{ keys: string | null }>`SELECT group_concat(id, ',' ORDER BY id) AS keys FROM (SELECT rowid AS id FROM search_index WHERE search_index MATCH ${fts} ${from} ${restrict} LIMIT ${ask})`.execute(db)).rows[0]?.keys;
      const rows = keys ? keys.split(',').map(Number) : [];
      for (const id of rows) {
        if (read.length < CANDIDATE_LIMIT) read.push(id);
        const doc = rowDocument(id);
        if (ids[ids.length - 1] !== doc) ids.push(doc);
      }
      if (rows.length < ask) break;
      after = rows[rows.length - 1]!;
    }
    this.lastMatch = { key, at: Date.now(), ids, rows: read };
    return this.lastMatch;
  }

  /** Which of these pages (row keys) match an expression: used to say why a hit matched. */
  async matchingPages(db: Kysely<Database>, pageIds: number[], match: MatchExpr): Promise<Set<number>> {
    if (pageIds.length === 0) return new Set();
    const rows = await sql<{ id: number }>`SELECT rowid AS id FROM search_index WHERE search_index MATCH ${toFts5(match)} AND rowid IN (${sql.join(pageIds)})`.execute(db);
    return new Set(rows.rows.map((r) => r.id));
  }

  private async listFiltered(db: Kysely<Database>, where: RawBuilder<unknown> | null, options: { limit: number; offset: number }): Promise<{ total: number; hits: MatchedPage[] }> {
    const cond = where ?? sql`1 = 1`;
    const total = await sql<{ n: number }>`SELECT count(*) AS n FROM documents d JOIN collections c ON c.id = d.collection_id WHERE d.status = 'ok' AND ${cond}`.execute(db);
    const rows = await sql<{ id: number; page: number | null }>`
      SELECT d.id, (SELECT min(page) FROM pages WHERE document_id = d.id) AS page
      FROM documents d JOIN collections c ON c.id = d.collection_id WHERE d.status = 'ok' AND ${cond}
      ORDER BY d.date DESC, d.id LIMIT ${options.limit} OFFSET ${options.offset}`.execute(db);
    return { total: Number(total.rows[0]?.n ?? 0), hits: rows.rows.map((r) => ({ documentId: r.id, pageId: searchRowId(r.id, r.page ?? 1), page: r.page ?? 1, score: 0 })) };
  }
}
