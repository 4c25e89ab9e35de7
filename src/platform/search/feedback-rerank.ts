import type { Kysely } from 'kysely';
import type { MatchExpr } from '../../domain/search.js';
import type { Database } from '../db/schema.js';
import { positivePhrases } from './fts5-expression.js';
import type { QueryPageStreams } from './page-streams.js';
import type { VocabularyFrequencies } from './vocabulary-frequencies.js';

/**
 * Pseudo-relevance feedback (RM3-style) for `--match any` queries: the words that weigh most in
 * the best `docs` pages of the first ranking, and are not query words, become a weighted second
 * query that re-scores the first `depth` pages. It only re-orders pages that already match, so
 * totals, highlights and reasons do not change. `weight` 0 turns it off; queries of fewer than
 * `minWords` distinct words (names, a word or two) and queries in Chinese are left alone.
 */
export interface FeedbackOptions {
  weight: number;
  docs: number;
  terms: number;
  depth: number;
  minWords: number;
  /** Expansion words found in more than this share of all pages are skipped (stop-like words). */
  maxShare: number;
  /** Also re-rank queries with Han words (off: see HAN); the Chinese evaluation turns it on to show why. */
  han: boolean;
}

/** Chosen on the tuning half of Cranfield (odd query numbers); see bench/eval-cranfield.ts and README "Search (issue 16)". */
export const DEFAULT_FEEDBACK: FeedbackOptions = { weight: 2, docs: 5, terms: 10, depth: 100, minWords: 3, maxShare: 0.1, han: false };

const K1 = 1.2;
const B = 0.75;
/** Title words count this many times, as the title columns' BM25 weight does. */
const TITLE_TF = 4;
/** Document frequencies are looked up for at most this many candidate words per query (a bound on the work). */
const LOOKUPS = 40;

/** The query's own folded words (not stems, pinyin or bonus phrases), one token each. */
function queryWords(match: MatchExpr): Set<string> {
  const words = new Set<string>();
  for (const p of positivePhrases(match)) {
    if (p.bonus || p.prefix || p.via === 'stem' || p.via === 'pinyin' || p.via === 'syllables') continue;
    for (const t of p.tokens) words.add(t.toLowerCase());
  }
  return words;
}

/** A token worth expanding with: has a letter, is not a one-letter Latin word, and is not Han (see HAN). */
const expandable = (t: string, han: boolean) => /\p{L}/u.test(t) && !/^[a-z]$/.test(t) && (han || !HAN.test(t));
/**
 * Queries with Han words are left alone: on the CMRC tuning questions feedback lowered MRR@10
 * (0.952 → 0.939, normalised) at 1.6× the CPU per question — a pasted question already carries
 * its passage's words and bigrams, and the feedback words are bigrams of the wrong passages.
 */
const HAN = /\p{Script=Han}/u;

/**
 * Re-rank `rows` (scores as FTS5 gives them: more negative is better) by the feedback query; see
 * FeedbackOptions. Words are weighed by their row counts in `frequencies`.
 */
export async function feedbackRerank(db: Kysely<Database>, rows: Array<{ id: number; score: number }>, match: MatchExpr, options: FeedbackOptions, frequencies: VocabularyFrequencies, streams: QueryPageStreams): Promise<Array<{ id: number; score: number }>> {
  if (options.weight <= 0 || rows.length < 2) return rows;
  const query = queryWords(match);
  if (query.size < options.minWords || (!options.han && [...query].some((w) => HAN.test(w)))) return rows;
  const head = rows.slice(0, options.depth);
  const stored = await streams.of(head.map((r) => r.id));
  const read = head.map((r) => r.id).filter((id) => stored.has(id)).sort((a, b) => a - b).map((id) => ({ id, ...stored.get(id)! }));
  // Each page as weighted term counts (title words TITLE_TF times) and its length.
  const pages = new Map(read.map((r) => {
    const tf = new Map<string, number>();
    const add = (stream: string | null, by: number) => {
      for (const t of (stream ?? '').toLowerCase().split(' ')) if (t) tf.set(t, (tf.get(t) ?? 0) + by);
    };
    add(r.title, TITLE_TF);
    add(r.body, 1);
    let length = 0;
    for (const n of tf.values()) length += n;
    return [Number(r.id), { tf, length }] as const;
  }));
  // The relevance model: P(w|R) = Σ over the feedback pages of P(d|q) · P(w|d), P(d|q) by the first score.
  const feedback = head.slice(0, options.docs).filter((r) => pages.has(r.id));
  const mass = feedback.reduce((s, r) => s + Math.max(0, -r.score), 0);
  const model = new Map<string, number>();
  for (const r of feedback) {
    const page = pages.get(r.id)!;
    const pd = mass > 0 ? Math.max(0, -r.score) / mass : 1 / feedback.length;
    for (const [t, n] of page.tf) if (!query.has(t) && expandable(t, options.han)) model.set(t, (model.get(t) ?? 0) + (pd * n) / Math.max(1, page.length));
  }
  const candidates = [...model].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, LOOKUPS);
  const { total, df } = await frequencies.of(db, candidates.map(([t]) => t));
  const chosen = candidates.filter(([t]) => (df.get(t) ?? 0) >= 2 && (df.get(t) ?? 0) <= options.maxShare * total).slice(0, options.terms);
  if (chosen.length === 0) return rows;
  const sum = chosen.reduce((s, [, w]) => s + w, 0);
  const terms = chosen.map(([t, w]) => ({ t, w: w / sum, idf: Math.log((total - df.get(t)! + 0.5) / (df.get(t)! + 0.5)) }));
  const average = [...pages.values()].reduce((s, p) => s + p.length, 0) / Math.max(1, pages.size);
  const rescored = head.map((row) => {
    const page = pages.get(row.id);
    if (!page) return row;
    const norm = K1 * (1 - B + (B * page.length) / Math.max(1, average));
    let bonus = 0;
    for (const { t, w, idf } of terms) {
      const n = page.tf.get(t) ?? 0;
      if (n > 0) bonus += w * idf * ((n * (K1 + 1)) / (n + norm));
    }
    return { id: row.id, score: row.score - options.weight * bonus };
  });
  rescored.sort((a, b) => a.score - b.score || a.id - b.id);
  return [...rescored, ...rows.slice(options.depth)];
}
