import type { MatchExpr } from '../../domain/search.js';

/** Quote a token for FTS5: inside double quotes, a double quote is doubled. */
function quote(token: string): string {
  return `"${token.replace(/"/g, '""')}"`;
}

/**
 * Compile a match expression to FTS5 query syntax: a phrase is `{columns}: "a" + "b" *`, with
 * AND, OR and NOT as FTS5 has them. Every token is quoted, so nothing a user typed is read as
 * FTS5 syntax.
 */
export function toFts5(expr: MatchExpr): string {
  switch (expr.op) {
    case 'phrase': {
      const body = expr.tokens.map(quote).join(' + ') + (expr.prefix ? ' *' : '');
      return `{${expr.columns.join(' ')}} : (${body})`;
    }
    case 'and':
    case 'or':
      if (expr.items.length === 0) throw new Error('empty group');
      return expr.items.length === 1 ? toFts5(expr.items[0]!) : `(${expr.items.map(toFts5).join(expr.op === 'and' ? ' AND ' : ' OR ')})`;
    case 'not':
      return `(${toFts5(expr.include)} NOT ${toFts5(expr.exclude)})`;
  }
}

/** The phrases of an expression that make a document match (not those under NOT's right side). */
export function positivePhrases(expr: MatchExpr): Array<Extract<MatchExpr, { op: 'phrase' }>> {
  switch (expr.op) {
    case 'phrase':
      return [expr];
    case 'and':
    case 'or':
      return expr.items.flatMap(positivePhrases);
    case 'not':
      return positivePhrases(expr.include);
  }
}
