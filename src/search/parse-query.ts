import { tokenize } from '../analyse/index.js';
import { DossierError } from '../domain/errors.js';

export interface ParsedQuery {
  /** The terms as typed (words, or phrases without their quotes). */
  terms: string[];
  /** Each term's tokens: all must occur, in order, for the term to match. */
  phrases: string[][];
}

/**
 * Parse a query: words and "quoted phrases", all of which must match. Errors point at the problem:
 * an unclosed quote, or a query with nothing searchable in it.
 */
export function parseQuery(input: string): ParsedQuery {
  const terms: string[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"') {
      const end = input.indexOf('"', i + 1);
      if (end === -1) throw new DossierError('invalid_query', `unclosed quote at character ${i + 1}: ${input.slice(i, i + 20)}`);
      terms.push(input.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < input.length && !/[\s"]/.test(input[j]!)) j++;
    terms.push(input.slice(i, j));
    i = j;
  }
  const kept: string[] = [];
  const phrases: string[][] = [];
  for (const term of terms) {
    const tokens = tokenize(term);
    if (tokens.length === 0) continue;
    kept.push(term);
    phrases.push(tokens);
  }
  if (phrases.length === 0) throw new DossierError('invalid_query', input.trim() === '' ? 'the query is empty' : `the query "${input}" has no letters, digits or characters to search for`);
  return { terms: kept, phrases };
}
