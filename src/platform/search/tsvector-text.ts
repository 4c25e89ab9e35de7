import { SEARCH_COLUMNS, type MatchExpr, type SearchColumn } from '../../domain/search.js';

/**
 * Dossier's token streams as PostgreSQL `tsvector` / `tsquery` literals, so PostgreSQL matches the
 * same tokens as the SQLite FTS5 index: nothing is re-tokenised or stemmed by PostgreSQL
 * (`to_tsvector` would fold and split again). A lexeme is `column:token`, so one tsvector holds
 * every column and a phrase in one column never matches across columns.
 */

/**
 * The FTS5 side splits a stream with its unicode61 tokenizer (letters, digits, private use and
 * `_` are token characters; everything else separates) and folds case; the same here, so a token
 * holding a dot or a dash becomes the same run of adjacent tokens on both backends.
 */
const SEPARATORS = /[^\p{L}\p{N}\p{Co}_]+/u;

export function streamTokens(stream: string): string[] {
  return stream
    .split(SEPARATORS)
    .filter((t) => t.length > 0)
    .map((t) => t.toLowerCase());
}

/** Column weights as ts_rank labels (A 1.0, B 0.25, C 0.15, D 0.125): FTS5's BM25 weights 4, 1, 0.6, 0.5 scaled by 1/4. */
export const COLUMN_LABEL: Record<SearchColumn, 'A' | 'B' | 'C' | 'D'> = { t_exact: 'A', t_norm: 'A', b_exact: 'B', b_norm: 'B', b_stem: 'C', py: 'B', pys: 'D', m_from: 'B', m_to: 'D', flags: 'D', b_boiler: 'D' };
export const RANK_WEIGHTS = '{0.125, 0.15, 0.25, 1.0}';

/** PostgreSQL keeps positions up to 16,383 and 256 positions per lexeme; a chunk stays well inside both. */
export const CHUNK_TOKENS = 4000;
/** Tokens repeated at the start of the next chunk, so a phrase across the boundary still matches. */
export const CHUNK_OVERLAP = 64;
const MAX_POSITIONS_PER_LEXEME = 256;
/** A lexeme may hold at most 2 KB; longer tokens (base64 runs, hashes glued together) are not searchable anyway. */
const MAX_LEXEME_BYTES = 1000;
/** A tsvector may hold 1 MB: a chunk whose text passes this is split further. */
const MAX_CHUNK_CHARS = 400_000;

function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** One page's columns → the tsvector literals of its chunks (one, unless the page is long). */
export function pageVectors(columns: Record<SearchColumn, string>): string[] {
  const tokens = SEARCH_COLUMNS.map((c) => [c, streamTokens(columns[c])] as const);
  const longest = Math.max(0, ...tokens.map(([, t]) => t.length));
  const out: string[] = [];
  const build = (from: number, to: number) => {
    const lexemes = new Map<string, string[]>();
    for (const [column, list] of tokens) {
      const label = COLUMN_LABEL[column];
      for (let i = from; i < Math.min(to, list.length); i++) {
        const lexeme = `${column}:${list[i]!}`;
        if (Buffer.byteLength(lexeme) > MAX_LEXEME_BYTES) continue;
        let positions = lexemes.get(lexeme);
        if (!positions) lexemes.set(lexeme, (positions = []));
        if (positions.length < MAX_POSITIONS_PER_LEXEME) positions.push(`${i - from + 1}${label}`);
      }
    }
    return [...lexemes].map(([lexeme, positions]) => `${quoteLexeme(lexeme)}:${positions.join(',')}`).join(' ');
  };
  const emit = (from: number, to: number) => {
    const text = build(from, to);
    if (text.length > MAX_CHUNK_CHARS && to - from > 2 * CHUNK_OVERLAP) {
      const mid = Math.floor((from + to) / 2);
      emit(from, mid);
      emit(Math.max(from, mid - CHUNK_OVERLAP), to);
    } else out.push(text);
  };
  if (longest === 0) return [''];
  for (let from = 0; from < longest; from += CHUNK_TOKENS - CHUNK_OVERLAP) {
    emit(from, from + CHUNK_TOKENS);
    if (from + CHUNK_TOKENS >= longest) break;
  }
  return out;
}

/** A lexeme no page holds: what a phrase with no tokens matches (nothing, as in FTS5). */
const NOTHING = quoteLexeme('flags:\u0001never');

/** A match expression → tsquery text: phrases with `<->` per column (OR across columns), `&`, `|`, `& !`. */
export function toTsquery(expr: MatchExpr): string {
  switch (expr.op) {
    case 'phrase': {
      const words = expr.tokens.flatMap(streamTokens);
      if (words.length === 0) return NOTHING;
      const perColumn = expr.columns.map((column) => {
        const parts = words.map((w, i) => quoteLexeme(`${column}:${w}`) + (expr.prefix && i === words.length - 1 ? ':*' : ''));
        return parts.length === 1 ? parts[0]! : `(${parts.join(' <-> ')})`;
      });
      return perColumn.length === 1 ? perColumn[0]! : `(${perColumn.join(' | ')})`;
    }
    case 'and':
    case 'or':
      if (expr.items.length === 0) throw new Error('empty group');
      return expr.items.length === 1 ? toTsquery(expr.items[0]!) : `(${expr.items.map(toTsquery).join(expr.op === 'and' ? ' & ' : ' | ')})`;
    case 'not':
      return `(${toTsquery(expr.include)} & !${toTsquery(expr.exclude)})`;
  }
}
