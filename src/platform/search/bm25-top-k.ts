import { sql, type Kysely } from 'kysely';
import { SEARCH_COLUMNS, type MatchExpr, type SearchColumn } from '../../domain/search.js';
import type { Database } from '../db/schema.js';
import { positivePhrases, toFts5 } from './fts5-expression.js';

type Phrase = Extract<MatchExpr, { op: 'phrase' }>;

/**
 * BM25 for queries on very common words, computed here rather than by FTS5's bm25().
 *
 * FTS5's bm25() computes each phrase's document frequency on its first row by running the phrase
 * over the whole index (xQueryPhrase): on "the" at 100,000 documents that is 67 ms before the first
 * row is scored, even with LIMIT 10, and it grows with the collection. Here the same formula (k1 1.2,
 * b 0.75, per-column weights, document length over all columns) is applied to a bounded set of
 * candidate rows, with the statistics FTS5 already keeps — row count and column totals in its
 * averages record, each row's column sizes in its docsize table — and each phrase's document
 * frequency counted once and remembered until the index changes.
 */
const K1 = 1.2;
const B = 0.75;
/** Remembered statistics are dropped when the index changes (see `invalidate`) or after this long. */
const STATS_TTL_MS = 10 * 60_000;
/** A phrase's document frequency is counted exactly up to this many rows, then estimated. */
const DF_EXACT = 20_000;

/** SQLite's varint (big-endian, 7 bits a byte, a full ninth byte), as FTS5 stores sizes. */
function readVarints(blob: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < blob.length; ) {
    let value = 0;
    for (let n = 0; ; n++) {
      const byte = blob[i++] ?? 0;
      if (n === 8) {
        value = value * 256 + byte;
        break;
      }
      value = value * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0 || i >= blob.length) break;
    }
    out.push(value);
  }
  return out;
}

/** What occurrences() looks for: the phrase padded with spaces, lower-cased as FTS5 folds ASCII. */
const needleOf = (phrase: Phrase): string => ` ${phrase.tokens.join(' ').toLowerCase()}${phrase.prefix ? '' : ' '}`;

/** Occurrences of a needle (needleOf) in a token stream padded with spaces and lower-cased. */
function occurrences(hay: string, needle: string): number {
  if (hay.length <= 2) return 0;
  let count = 0;
  for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + 1)) count++;
  return count;
}

/**
 * From this many single words looked up in one column of a row (a pasted question has twenty),
 * the row's words are counted once and looked up, instead of a scan of the stream for each: the
 * same counts, since a word padded with spaces occurs exactly where the stream's tokens equal it.
 */
const WORD_COUNTS_FROM = 4;

/**
 * The wanted words as one pattern matching a whole token (spaces either side; the streams are
 * padded with spaces): a scan in the regular-expression engine finds the same tokens as splitting
 * the stream and looking each token up, without making a string of every token (splitting the
 * 1,000 candidates' bodies of a pasted Chinese question cost 30 ms, the pattern 7 ms).
 */
function wordPattern(wanted: ReadonlySet<string>): RegExp {
  const escaped = [...wanted].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<= )(?:${escaped.join('|')})(?= )`, 'g');
}

function wordCounts(hay: string, pattern: RegExp): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [token] of hay.matchAll(pattern)) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}

export class Bm25TopK {
  private stats: { at: number; rows: number; totals: number[]; df: Map<string, number> } | null = null;

  /** Forget remembered statistics: the index was written. */
  invalidate(): void {
    this.stats = null;
  }

  private async statistics(db: Kysely<Database>): Promise<NonNullable<Bm25TopK['stats']>> {
    if (this.stats && Date.now() - this.stats.at < STATS_TTL_MS) return this.stats;
    const block = (await sql<{ block: Uint8Array }>`SELECT block FROM search_index_data WHERE id = 1`.execute(db)).rows[0]?.block;
    const [rows = 0, ...totals] = block ? readVarints(block) : [];
    this.stats = { at: Date.now(), rows, totals, df: new Map() };
    return this.stats;
  }

  private async documentFrequency(db: Kysely<Database>, stats: NonNullable<Bm25TopK['stats']>, phrase: Phrase): Promise<number> {
    const fts = toFts5(phrase);
    let df = stats.df.get(fts);
    if (df === undefined) {
      // Exact up to DF_EXACT rows; past that, from how far into the index (in rows) that many
      // matches reach: FTS5 walks rows in key order, so the density there stands for the whole.
      const seen = (await sql<{ n: number; last: number | null }>`SELECT count(*) AS n, max(rowid) AS last FROM (SELECT rowid FROM search_index WHERE search_index MATCH ${fts} LIMIT ${DF_EXACT})`.execute(db)).rows[0];
      df = Number(seen?.n ?? 0);
      if (df >= DF_EXACT && seen?.last != null) {
        const before = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM search_index_docsize WHERE id <= ${seen.last}`.execute(db)).rows[0]?.n ?? 0);
        df = Math.min(stats.rows, Math.round((df * stats.rows) / Math.max(1, before)));
      }
      stats.df.set(fts, df);
    }
    return df;
  }

  /**
   * The best `k` of the first `candidates` matching rows (FTS5's rowid order), scored as FTS5's
   * bm25 would (more negative is better). `restrict` narrows rows as the caller's filters do.
   * `candidates` may be those rows' keys, when the caller has read them already (counting reads
   * the first matching rows in the same order): the match is then not run a second time, which
   * for a prefix (FTS5 merges every term's doclist before the first row) cost as much as counting.
   */
  async rank(db: Kysely<Database>, match: MatchExpr, weights: Record<SearchColumn, number>, candidates: number | readonly number[], k: number, restrict: ReturnType<typeof sql>): Promise<Array<{ id: number; score: number }>> {
    const stats = await this.statistics(db);
    const phrases = positivePhrases(match);
    const used = SEARCH_COLUMNS.filter((c) => phrases.some((p) => p.columns.includes(c)));
    const idf = await Promise.all(phrases.map(async (p) => {
      const df = await this.documentFrequency(db, stats, p);
      // As FTS5: a phrase in more than half the rows still counts a little.
      return Math.max(1e-6, Math.log((stats.rows - df + 0.5) / (df + 0.5)));
    }));
    // The stored streams are read from FTS5's content table (c0, c1, … in column order) by key.
    const columns = sql.raw(used.map((c) => `s.c${SEARCH_COLUMNS.indexOf(c)} AS ${c}`).join(', '));
    const keys = typeof candidates === 'number'
      ? sql`SELECT rowid FROM search_index WHERE search_index MATCH ${toFts5(match)} ${restrict} LIMIT ${candidates}`
      : sql`SELECT value AS rowid FROM json_each(${JSON.stringify(candidates)})`;
    const rows = (await sql<Record<string, string | number | Uint8Array | null>>`
      SELECT m.rowid AS id, z.sz AS sz, ${columns} FROM (${keys}) m
      JOIN search_index_content s ON s.id = m.rowid JOIN search_index_docsize z ON z.id = m.rowid`.execute(db)).rows;
    const average = stats.totals.reduce((a, b) => a + b, 0) / Math.max(1, stats.rows);
    // Needles built once; a single word (no prefix) is its own word-count key.
    const needles = phrases.map(needleOf);
    const words = phrases.map((p) => (!p.prefix && p.tokens.length === 1 && p.tokens[0] ? p.tokens[0].toLowerCase() : null));
    // Tokens are never empty and hold no space (the query compiler splits on spaces); were one to, it would count 0.
    const wanted = new Set(words.filter((w): w is string => w !== null && w !== '' && !w.includes(' ')));
    const pattern = wanted.size ? wordPattern(wanted) : null;
    const lookups = new Map(used.map((c) => [c, phrases.filter((p, i) => words[i] !== null && weights[c] && p.columns.includes(c)).length]));
    const scored = rows.map((row) => {
      const length = readVarints((row.sz as Uint8Array | null) ?? new Uint8Array()).reduce((a, b) => a + b, 0);
      const streams = new Map(used.map((c) => [c, ` ${String(row[c] ?? '').toLowerCase()} `]));
      const counted = new Map<SearchColumn, Map<string, number>>();
      const count = (c: SearchColumn, i: number): number => {
        const hay = streams.get(c) ?? '';
        const word = words[i];
        if (word === null || word === undefined || (lookups.get(c) ?? 0) < WORD_COUNTS_FROM || hay.length <= 2) return occurrences(hay, needles[i]!);
        let counts = counted.get(c);
        if (!counts) counted.set(c, (counts = pattern ? wordCounts(hay, pattern) : new Map()));
        return counts.get(word) ?? 0;
      };
      let score = 0;
      phrases.forEach((phrase, i) => {
        let tf = 0;
        for (const c of phrase.columns) if (weights[c]) tf += weights[c] * count(c, i);
        if (tf > 0) score += idf[i]! * ((tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / Math.max(1, average))));
      });
      return { id: Number(row.id), score: -score };
    });
    return scored.sort((a, b) => a.score - b.score || a.id - b.id).slice(0, k);
  }
}
