import type { TextAnalyser } from '../analyse/index.js';
import type { SearchMode } from '../domain/search.js';
import { compileQuery, type CompiledQuery } from './compile-query.js';
import { parseQuerySyntax } from './query-syntax.js';

const SIZE = 512;
/** Per analysis chain: a dictionary change builds a new chain, and with it an empty cache. */
const caches = new WeakMap<TextAnalyser, Map<string, CompiledQuery>>();

/**
 * Parse and compile a query, remembering the last few hundred: the same query is asked again as
 * the reader pages, filters and opens hits, and segmenting a pasted sentence costs more than the
 * search. The filters returned are a copy: callers add to them.
 */
export function compileCached(input: string, mode: SearchMode, analyser: TextAnalyser, implicit: 'and' | 'or', proximity = true): CompiledQuery {
  let cache = caches.get(analyser);
  if (!cache) caches.set(analyser, (cache = new Map()));
  const key = `${mode}\u0000${implicit}\u0000${proximity}\u0000${input}`;
  let compiled = cache.get(key);
  if (compiled) {
    cache.delete(key); // most recently used last
  } else {
    compiled = compileQuery(parseQuerySyntax(input, implicit), mode, analyser, input, implicit, proximity);
    if (cache.size >= SIZE) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, compiled);
  return { match: compiled.match, filters: { ...compiled.filters } };
}
