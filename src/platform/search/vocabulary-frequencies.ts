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

  /** Forget remembered counts: the index was written. */
  invalidate(): void {
    this.stats = null;
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
