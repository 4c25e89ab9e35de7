import { sql, type Kysely } from 'kysely';
import { SEARCH_COLUMNS, type MatchExpr, type SearchColumn } from '../../domain/search.js';
import type { Database } from '../db/schema.js';
import { positivePhrases } from './fts5-expression.js';
import { streamTokens, toTsquery } from './tsvector-text.js';

/**
 * FTS5's bm25() on PostgreSQL, computed from the chunks' own tsvectors so both backends rank alike
 * (decision 0005). For each positive phrase i of the query:
 *   score += idf_i · f_i·(k1+1) / (f_i + k1·(1 − b + b·L/avgdl)),  f_i = Σ_columns w_c · tf_ic,
 *   idf_i = log((N − n_i + 0.5) / (n_i + 0.5)) (at least 1e-6), k1 = 1.2, b = 0.75,
 * exactly as fts5Bm25Function does: L is the chunk's token count over all columns (its positions),
 * avgdl the mean over the index, N the chunks, n_i the chunks holding the phrase. What differs:
 * a phrase of several tokens counts min(tf of its tokens) in a column where the phrase matches
 * (not its exact occurrences); the row is a chunk (≤ 4,000 tokens per column), not a page.
 */
const K1 = 1.2;
const B = 0.75;

type Phrase = Extract<MatchExpr, { op: 'phrase' }>;

export interface ChunkScore {
  documentId: number;
  pageId: number;
  score: number;
}

interface Stats {
  rows: number;
  avgdl: number;
  at: number;
}

/** N and avgdl change as documents come in; recomputing them per query would scan the index. */
const STATS_TTL_MS = 30_000;
/** Past this many chunks avgdl is estimated from a sample of about this many. */
const SAMPLE_ROWS = 5000;

export class PgBm25 {
  private stats: Stats | null = null;

  constructor(private readonly weights: Record<SearchColumn, number>) {}

  private async indexStats(db: Kysely<Database>): Promise<Stats> {
    if (this.stats && Date.now() - this.stats.at < STATS_TTL_MS) return this.stats;
    const estimate = Number((await sql<{ n: number }>`SELECT reltuples::float8 AS n FROM pg_class WHERE relname = 'search_chunks'`.execute(db)).rows[0]?.n ?? -1);
    const small = estimate < 4 * SAMPLE_ROWS;
    const rows = small ? Number((await sql<{ n: number }>`SELECT count(*) AS n FROM search_chunks`.execute(db)).rows[0]?.n ?? 0) : estimate;
    const from = small ? sql`search_chunks s` : sql`search_chunks s TABLESAMPLE SYSTEM (${sql.lit(Math.min(100, (100 * SAMPLE_ROWS) / rows))})`;
    const avg = await sql<{ avgdl: number | null }>`SELECT avg((SELECT sum(coalesce(array_length(u.positions, 1), 1)) FROM unnest(s.tsv) u))::float8 AS avgdl FROM ${from}`.execute(db);
    this.stats = { rows: Math.max(1, rows), avgdl: Math.max(1, Number(avg.rows[0]?.avgdl ?? 1)), at: Date.now() };
    return this.stats;
  }

  /** Chunks holding the phrase: counted exactly up to `cap`, past it the planner's estimate. */
  private async documentFrequency(db: Kysely<Database>, phrase: Phrase, cap: number): Promise<number> {
    const q = toTsquery(phrase);
    const n = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM search_chunks WHERE tsv @@ ${q}::tsquery LIMIT ${cap}) x`.execute(db)).rows[0]?.n ?? 0);
    if (n < cap) return n;
    const plan = await sql<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>`EXPLAIN (FORMAT JSON) SELECT 1 FROM search_chunks WHERE tsv @@ ${q}::tsquery`.execute(db);
    return Math.max(n, Number(plan.rows[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? n));
  }

  /**
   * Score the given chunks (the matches, or the best candidates of a very common query) with
   * BM25; higher is better. `candidates` is SQL selecting (page_id, document_id, tsv).
   */
  async score(db: Kysely<Database>, match: MatchExpr, candidates: ReturnType<typeof sql>, dfCap: number): Promise<ChunkScore[]> {
    const phrases = positivePhrases(match).slice(0, 32);
    const { rows: total, avgdl } = await this.indexStats(db);
    const idf: number[] = [];
    for (const phrase of phrases) {
      const n = await this.documentFrequency(db, phrase, dfCap);
      idf.push(Math.max(1e-6, Math.log((total - n + 0.5) / (n + 0.5))));
    }
    // The lexemes whose positions we count, and the phrase-in-column tests for phrases of several tokens.
    const exact = new Set<string>();
    const prefixes = new Set<string>();
    const adjacency: string[] = [];
    const plan = phrases.map((phrase) => {
      const words = phrase.tokens.flatMap(streamTokens);
      return phrase.columns.filter((c) => SEARCH_COLUMNS.includes(c)).map((column) => {
        const lexemes = words.map((w, i) => {
          const lexeme = `${column}:${w}`;
          if (phrase.prefix && i === words.length - 1) prefixes.add(lexeme);
          else exact.add(lexeme);
          return { lexeme, prefix: phrase.prefix && i === words.length - 1 };
        });
        const test = words.length > 1 ? adjacency.push(toTsquery({ ...phrase, columns: [column] })) - 1 : -1;
        return { weight: this.weights[column], lexemes, test };
      });
    });
    const likes = [...prefixes].map((p) => `${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const tests = adjacency.length ? sql`ARRAY[${sql.join(adjacency.map((q) => sql`c.tsv @@ ${q}::tsquery`))}]` : sql`ARRAY[]::boolean[]`;
    const rows = await sql<{ page_id: number; document_id: number; len: number; tf: Record<string, number> | null; adjacent: boolean[] }>`
      WITH c AS (${candidates})
      SELECT c.page_id, c.document_id, x.len, x.tf, ${tests} AS adjacent FROM c,
      LATERAL (SELECT sum(coalesce(array_length(u.positions, 1), 1)) AS len,
                      json_object_agg(u.lexeme, coalesce(array_length(u.positions, 1), 1)) FILTER (WHERE u.lexeme = ANY(${[...exact]}::text[]) OR u.lexeme LIKE ANY(${likes}::text[])) AS tf
               FROM unnest(c.tsv) u) x`.execute(db);
    return rows.rows.map((r) => {
      const tf = r.tf ?? {};
      const count = (l: { lexeme: string; prefix: boolean }) => (l.prefix ? Object.entries(tf).reduce((s, [k, v]) => (k.startsWith(l.lexeme) ? s + v : s), 0) : (tf[l.lexeme] ?? 0));
      const norm = K1 * (1 - B + (B * Number(r.len)) / avgdl);
      let score = 0;
      plan.forEach((columns, i) => {
        let f = 0;
        for (const { weight, lexemes, test } of columns) {
          if (lexemes.length === 0 || (test >= 0 && !r.adjacent[test])) continue;
          f += weight * Math.min(...lexemes.map(count));
        }
        if (f > 0) score += (idf[i]! * f * (K1 + 1)) / (f + norm);
      });
      return { documentId: r.document_id, pageId: Number(r.page_id), score };
    });
  }
}
