import type { Kysely } from 'kysely';
import type { MatchExpr } from '../../domain/search.js';
import type { Database } from '../db/schema.js';
import { positivePhrases } from './fts5-expression.js';
import type { QueryPageStreams } from './page-streams.js';
import type { VocabularyFrequencies } from './vocabulary-frequencies.js';

type Phrase = Extract<MatchExpr, { op: 'phrase' }>;

/**
 * How the best BM25 candidates are re-ranked by how close their query words stand. `weight` 0
 * turns it off; `window` is the widest gap (in tokens) that still counts; `depth` is how many of
 * the BM25 best pages are re-ranked (the rest keep their order below them).
 */
export interface ProximityOptions {
  weight: number;
  window: number;
  depth: number;
}

/**
 * Chosen on the tuning half of Cranfield (odd query numbers) and the CMRC tuning questions; see
 * bench/eval-cranfield.ts and README "Search (issue 16)".
 */
export const DEFAULT_PROXIMITY: ProximityOptions = { weight: 1, window: 5, depth: 100 };

const K1 = 1.2;

/** The query words to measure distances between: one entry per distinct term, its folded token sequences. */
function queryTerms(match: MatchExpr): Map<string, string[][]> {
  const terms = new Map<string, string[][]>();
  for (const p of positivePhrases(match) as Phrase[]) {
    if (p.bonus || p.prefix || p.via === 'stem' || p.via === 'pinyin' || p.via === 'syllables') continue;
    if (!p.columns.some((c) => c === 'b_norm' || c === 'b_exact' || c === 't_norm' || c === 't_exact')) continue;
    const list = terms.get(p.term) ?? [];
    const tokens = p.tokens.map((t) => t.toLowerCase());
    if (!list.some((l) => l.join(' ') === tokens.join(' '))) list.push(tokens);
    terms.set(p.term, list);
  }
  return terms;
}

/** Start positions of any of `forms` in a token list. */
function positions(tokens: string[], forms: string[][]): number[] {
  const out: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (forms.some((f) => f.every((t, k) => tokens[i + k] === t))) out.push(i);
  }
  return out;
}

/** Each form of each term, by its first token: one pass over a page finds every term's positions. */
type FormsByFirst = Map<string, Array<{ term: number; form: string[] }>>;

function formsByFirst(terms: Array<{ forms: string[][] }>): FormsByFirst {
  const out: FormsByFirst = new Map();
  terms.forEach((t, term) => {
    for (const form of t.forms) {
      const list = out.get(form[0]!) ?? [];
      list.push({ term, form });
      out.set(form[0]!, list);
    }
  });
  return out;
}

/**
 * Every term's start positions, as `positions` finds them term by term, in one pass over the
 * tokens: each token is looked up once among the forms' first tokens instead of being compared
 * with every form of every term (a pasted question has a dozen terms; this was most of
 * re-ranking). A term with an empty form (none are made) falls back to `positions`.
 */
function allPositions(tokens: string[], terms: Array<{ forms: string[][] }>, byFirst: FormsByFirst): number[][] {
  const at: number[][] = terms.map(() => []);
  for (let i = 0; i < tokens.length; i++) {
    const candidates = byFirst.get(tokens[i]!);
    if (!candidates) continue;
    for (const { term, form } of candidates) {
      const list = at[term]!;
      if (list[list.length - 1] === i) continue;
      if (form.every((t, k) => tokens[i + k] === t)) list.push(i);
    }
  }
  terms.forEach((t, term) => {
    if (t.forms.some((f) => f.length === 0)) at[term] = positions(tokens, t.forms);
  });
  return at;
}

/**
 * Term-pair proximity in the manner of BM25TP (Rasolofo & Savoy 2003): every pair of occurrences
 * of two different query words within `window` tokens adds 1/d², and each pair of words adds
 * min(idf) × saturated(sum). Pairs are of any two query words, not only words adjacent in the
 * query, and gaps are allowed: "heat transfer in a laminar boundary" rewards "laminar ... heat".
 */
function proximity(tokens: string[], terms: Array<{ forms: string[][]; idf: number }>, window: number, byFirst: FormsByFirst): number {
  const at = allPositions(tokens, terms, byFirst);
  let score = 0;
  for (let a = 0; a < terms.length; a++) {
    for (let b = a + 1; b < terms.length; b++) {
      const pa = at[a]!;
      const pb = at[b]!;
      if (pa.length === 0 || pb.length === 0) continue;
      let acc = 0;
      let j = 0;
      for (const i of pa) {
        while (j < pb.length && pb[j]! < i - window) j++;
        for (let k = j; k < pb.length && pb[k]! <= i + window; k++) {
          const d = Math.abs(pb[k]! - i);
          if (d > 0) acc += 1 / (d * d);
        }
      }
      if (acc > 0) score += Math.min(terms[a]!.idf, terms[b]!.idf) * ((acc * (K1 + 1)) / (acc + K1));
    }
  }
  return score;
}

/**
 * Re-rank BM25's best rows (scores as FTS5 gives them: more negative is better) by adding a
 * proximity bonus of the query words in each page's folded title and body. Only the first
 * `depth` rows are read (their stored streams, by key), so the cost is bounded by the page asked
 * for, not by the number of matches. Queries of one word are returned unchanged. Words are
 * weighed by their row counts in `frequencies`.
 */
export async function proximityRerank(db: Kysely<Database>, rows: Array<{ id: number; score: number }>, match: MatchExpr, options: ProximityOptions, frequencies: VocabularyFrequencies, streams: QueryPageStreams): Promise<Array<{ id: number; score: number }>> {
  if (options.weight <= 0 || rows.length < 2) return rows;
  const byTerm = queryTerms(match);
  if (byTerm.size < 2) return rows;
  const head = rows.slice(0, options.depth);
  // Document frequencies from FTS5's own vocabulary, remembered until the index changes (vocabulary-frequencies.ts).
  const { total, df } = await frequencies.of(db, [...byTerm.values()].flatMap((forms) => forms.map((f) => f[0]!)));
  const terms: Array<{ forms: string[][]; idf: number }> = [];
  for (const forms of byTerm.values()) {
    const most = Math.max(...forms.map((f) => df.get(f[0]!) ?? 0));
    terms.push({ forms, idf: Math.max(1e-6, Math.log((total - most + 0.5) / (most + 0.5))) });
  }
  const stored = await streams.of(head.map((r) => r.id));
  const byFirst = formsByFirst(terms);
  const rescored = head.map((row) => {
    const s = stored.get(row.id);
    const bonus = proximity(`${s?.body ?? ''}`.toLowerCase().split(' '), terms, options.window, byFirst) + proximity(`${s?.title ?? ''}`.toLowerCase().split(' '), terms, options.window, byFirst);
    return { id: row.id, score: row.score - options.weight * bonus };
  });
  rescored.sort((a, b) => a.score - b.score || a.id - b.id);
  return [...rescored, ...rows.slice(options.depth)];
}
