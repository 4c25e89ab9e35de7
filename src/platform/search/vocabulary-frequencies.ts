import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** Remembered counts are dropped when the index changes (see `invalidate`) or after this long, as bm25-top-k.ts's. */
const TTL_MS = 10 * 60_000;

/**
 * The number of index rows, and of rows holding each token in any column, from FTS5's own
 * vocabulary (a temporary fts5vocab view): what proximity re-ranking and feedback weigh words by.
 * Asking the vocabulary walks the token's whole doclist, 25–45 ms for a word in half of a million
 * rows, and counting rows is a scan of the docsize table (12 ms at a million), so both are
 * remembered per token until the index is written: the same numbers, read once.
 */
export class VocabularyFrequencies {
  private stats: { at: number; total: number; df: Map<string, number> } | null = null;
  private prefixes: { at: number; words: Map<string, string[] | null> } | null = null;

  /** Forget remembered counts: the index was written. */
  invalidate(): void {
    this.stats = null;
    this.prefixes = null;
  }

  /**
   * The index's words that start with `prefix` (as FTS5 stores them, in its order), or null past
   * `max` of them; remembered until the index is written. The vocabulary is read over the range
   * of words from the prefix (its cost is walking those words' doclists: 17 ms for `patch` at a
   * million documents, against 50 ms for FTS5's merge of them at every query).
   */
  async wordsStartingWith(db: Kysely<Database>, prefix: string, max: number): Promise<string[] | null> {
    if (!this.prefixes || Date.now() - this.prefixes.at >= TTL_MS) this.prefixes = { at: Date.now(), words: new Map() };
    const key = `${max}\u0000${prefix}`;
    const known = this.prefixes.words.get(key);
    if (known !== undefined) return known;
    await sql`CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab USING fts5vocab(main, search_index, 'row')`.execute(db);
    // The upper bound is the prefix followed by the last code point: every word with the prefix sorts below it.
    const rows = (await sql<{ term: string }>`SELECT term FROM temp.search_vocab WHERE term >= ${prefix} AND term < ${`${prefix}\u{10FFFF}`} LIMIT ${max + 1}`.execute(db)).rows;
    const words = rows.map((r) => r.term).filter((t) => t.startsWith(prefix));
    const answer = words.length > max ? null : words;
    this.prefixes.words.set(key, answer);
    return answer;
  }

  /** The row count and each word's row count (0 when the index lacks it). */
  async of(db: Kysely<Database>, words: Iterable<string>): Promise<{ total: number; df: ReadonlyMap<string, number> }> {
    if (!this.stats || Date.now() - this.stats.at >= TTL_MS) {
      this.stats = { at: Date.now(), total: Number((await sql<{ n: number }>`SELECT count(*) AS n FROM search_index_docsize`.execute(db)).rows[0]?.n ?? 0), df: new Map() };
    }
    const stats = this.stats;
    const missing = [...new Set(words)].filter((w) => !stats.df.has(w));
    if (missing.length) {
      await sql`CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab USING fts5vocab(main, search_index, 'row')`.execute(db);
      for (const w of missing) stats.df.set(w, Number((await sql<{ n: number }>`SELECT doc AS n FROM temp.search_vocab WHERE term = ${w}`.execute(db)).rows[0]?.n ?? 0));
    }
    return stats;
  }
}
