import type { MatchExpr } from '../../domain/search.js';

type Phrase = Extract<MatchExpr, { op: 'phrase' }>;

/** Past this many terms a prefix is left to FTS5 (an OR of hundreds of words is no cheaper than its merge). */
export const MAX_PREFIX_TERMS = 64;

/**
 * Prefixes whose FTS5 form is known without FTS5's tokenizer: ASCII lower-case letters, digits,
 * `_` and Han characters, which unicode61 neither folds nor splits. Other prefixes are left alone.
 */
const PLAIN_PREFIX = /^[a-z0-9_\p{Script=Han}]+$/u;

/**
 * The expression with each one-token prefix phrase (`patch*`) replaced by an OR of the indexed
 * words that start with it (`patch OR patches OR patched …`), each in the same columns: the same
 * rows match. FTS5 answers a prefix by merging the doclists of every such word over the whole
 * index before the first row (50 ms for `patch*` at a million documents, with no prefix index),
 * an OR of the words row by row, so a count that stops at 10,001 documents stops early (3 ms).
 * Used for counting and for the ranking's candidates, never for FTS5's bm25(), whose scores
 * differ between the two forms. `words(prefix)` lists the index's words with that prefix, or null
 * when there are more than MAX_PREFIX_TERMS; a prefix with none is left as it is.
 */
export async function expandPrefixes(expr: MatchExpr, words: (prefix: string) => Promise<string[] | null>): Promise<MatchExpr> {
  switch (expr.op) {
    case 'phrase': {
      const prefix = expr.tokens[0];
      if (!expr.prefix || expr.tokens.length !== 1 || prefix === undefined || !PLAIN_PREFIX.test(prefix)) return expr;
      const found = await words(prefix);
      if (!found || found.length === 0 || found.length > MAX_PREFIX_TERMS) return expr;
      const items = found.map((w): Phrase => ({ ...expr, tokens: [w], prefix: false }));
      return items.length === 1 ? items[0]! : { op: 'or', items };
    }
    case 'and':
    case 'or':
      return { op: expr.op, items: await Promise.all(expr.items.map((e) => expandPrefixes(e, words))) };
    case 'not':
      return { op: 'not', include: await expandPrefixes(expr.include, words), exclude: await expandPrefixes(expr.exclude, words) };
  }
}
