import { pinyinSyllables, syllabify, type TextAnalyser } from '../analyse/index.js';
import { DossierError, isDossierError } from '../domain/errors.js';
import { DOCUMENT_TYPES, SAME_AS_NORM_FLAG, type MatchExpr, type SearchColumn, type SearchFilters, type SearchMode } from '../domain/search.js';
import { normaliseTag } from '../domain/tag.js';
import type { QueryNode } from './query-syntax.js';
import { parseDateRange } from './date-range.js';
import { splitHanTerm } from './han-runs.js';

export interface CompiledQuery {
  /** The text part, or null when the query is only filters. */
  match: MatchExpr | null;
  filters: SearchFilters;
}

type TermNode = Extract<QueryNode, { type: 'term' }>;
/** How the words of a query join when nothing says: AND (--match all) or OR (--match any). */
type Implicit = 'and' | 'or';

const COLUMNS: Record<'exact' | 'norm', Record<'any' | 'title', SearchColumn[]>> = {
  // b_boiler: lines repeated across the collection (menus, footers), folded; matched, ranked low.
  exact: { any: ['t_exact', 'b_exact', 'b_boiler'], title: ['t_exact'] },
  norm: { any: ['t_norm', 'b_norm', 'b_boiler'], title: ['t_norm'] },
};

/** Turn parsed query syntax into a backend-neutral match expression and record filters. */
export function compileQuery(tree: QueryNode, mode: SearchMode, analyser: TextAnalyser, input: string, implicit: Implicit = 'and', proximity = true): CompiledQuery {
  const filters: SearchFilters = {};
  const text = stripFilters(tree, filters, input);
  const match = text ? compileNode(text, mode, analyser, implicit, proximity) : null;
  if (text && !match) throw new DossierError('invalid_query', `the query "${input}" has no letters, digits or characters to search for`);
  if (match && onlyNegative(match)) throw new DossierError('invalid_query', 'a query cannot be only NOT parts: say what to search for, then what to leave out');
  return { match, filters };
}

function onlyNegative(expr: MatchExpr): boolean {
  return expr.op === 'not' && expr.include.op === 'and' && expr.include.items.length === 0;
}

/** Remove filters from the top-level AND into `filters`; a filter anywhere else is an error. */
function stripFilters(node: QueryNode, filters: SearchFilters, input: string): QueryNode | null {
  const parts = node.type === 'and' ? node.items : [node];
  const kept: QueryNode[] = [];
  for (const part of parts) {
    if (part.type === 'filter') addFilter(part, false, filters, input);
    else if (part.type === 'not' && part.item.type === 'filter') addFilter(part.item, true, filters, input);
    else {
      assertNoFilter(part);
      kept.push(part);
    }
  }
  if (kept.length === 0) return null;
  return kept.length === 1 ? kept[0]! : { type: 'and', items: kept };
}

function assertNoFilter(node: QueryNode): void {
  if (node.type === 'filter') throw new DossierError('invalid_query', `${node.field}: filters combine with the rest of the query by AND only; it cannot sit inside OR or parentheses (at character ${node.at + 1})`);
  if (node.type === 'and' || node.type === 'or') node.items.forEach(assertNoFilter);
  if (node.type === 'not') assertNoFilter(node.item);
}

function addFilter(node: Extract<QueryNode, { type: 'filter' }>, negated: boolean, filters: SearchFilters, input: string): void {
  const push = (key: 'mimes' | 'langs' | 'collections' | 'tags', values: string[]) => {
    const k = (negated ? `not${key[0]!.toUpperCase()}${key.slice(1)}` : key) as keyof SearchFilters;
    (filters[k] as string[] | undefined) = [...((filters[k] as string[] | undefined) ?? []), ...values];
  };
  switch (node.field) {
    case 'type': {
      const value = node.value.toLowerCase();
      if (value.includes('/')) push('mimes', [value]);
      else if (DOCUMENT_TYPES[value]) push('mimes', [`type:${value}`]);
      else throw new DossierError('invalid_query', `unknown type "${node.value}" (at character ${node.at + 1}); use one of ${Object.keys(DOCUMENT_TYPES).join(', ')} or a media type such as application/pdf`);
      return;
    }
    case 'lang':
      push('langs', [node.value.toLowerCase()]);
      return;
    case 'collection':
      push('collections', [node.value]);
      return;
    case 'tag':
      try {
        push('tags', [normaliseTag(node.value)]);
      } catch (error) {
        if (isDossierError(error)) throw new DossierError('invalid_query', `tag: ${error.message} (at character ${node.at + 1})`);
        throw error;
      }
      return;
    case 'date': {
      if (negated) throw new DossierError('invalid_query', `NOT date: is not supported; give the range you want (at character ${node.at + 1})`);
      const range = parseDateRange(node.value);
      if (!range) throw new DossierError('invalid_query', `"${node.value}" is not a date or range; write date:2017, date:2017-03, date:2017-03-05 or date:2017-01..2017-06 (at character ${node.at + 1})\n${input}`);
      filters.dateFrom = range.from ?? undefined;
      filters.dateTo = range.to ?? undefined;
      return;
    }
  }
}

function compileNode(node: QueryNode, mode: SearchMode, analyser: TextAnalyser, implicit: Implicit, proximity: boolean): MatchExpr | null {
  switch (node.type) {
    case 'term':
      return compileSentence(node, mode, analyser, implicit) ?? compileTerm(node, mode, analyser);
    case 'filter':
      return null;
    case 'not': {
      const exclude = compileNode(node.item, mode, analyser, implicit, proximity);
      return exclude ? { op: 'not', include: { op: 'and', items: [] }, exclude } : null;
    }
    case 'and':
    case 'or': {
      const compiled = node.items.map((n) => compileNode(n, mode, analyser, implicit, proximity));
      const items = compiled.filter((e): e is MatchExpr => e !== null);
      if (items.length === 0) return null;
      if (node.type === 'or') {
        if (items.some(onlyNegative)) throw new DossierError('invalid_query', 'NOT cannot be one side of an OR');
        const bonus = proximity && implicit === 'or' && mode !== 'exact' ? adjacentPairs(node.items, analyser) : [];
        return items.length === 1 ? items[0]! : { op: 'or', items: [...items, ...bonus] };
      }
      // AND with NOT parts: (positives) NOT (negatives, any of them).
      const positives = mode === 'cross-script' ? withNames(node.items, compiled, analyser) : items.filter((e) => !onlyNegative(e));
      const negatives = items.filter(onlyNegative).map((e) => (e as Extract<MatchExpr, { op: 'not' }>).exclude);
      const include: MatchExpr = positives.length === 1 ? positives[0]! : { op: 'and', items: positives };
      if (negatives.length === 0) return include;
      return { op: 'not', include, exclude: negatives.length === 1 ? negatives[0]! : { op: 'or', items: negatives } };
    }
  }
}

/** A plain word of the query: no quotes, prefix or field. */
function isPlainTerm(node: QueryNode): node is TermNode {
  return node.type === 'term' && !node.phrase && !node.prefix && node.field === null;
}

/**
 * Proximity for --match any: each two consecutive words of the query also as a phrase, so a page
 * where they stand side by side ("boundary layer") ranks above one that has them apart. A bonus
 * phrase only adds to the score: every page it matches also matches its words.
 */
function adjacentPairs(nodes: QueryNode[], analyser: TextAnalyser): MatchExpr[] {
  const out: MatchExpr[] = [];
  for (let i = 0; i + 1 < nodes.length && out.length < 8; i++) {
    const a = nodes[i]!;
    const b = nodes[i + 1]!;
    if (!isPlainTerm(a) || !isPlainTerm(b)) continue;
    // Han text is bigrams in the index: 职业 技能 side by side is the run 职业技能, not two tokens.
    const joined = /\p{Script=Han}$/u.test(a.text) && /^\p{Script=Han}/u.test(b.text) ? a.text + b.text : `${a.text} ${b.text}`;
    const tokens = analyser.analyse(joined, { pinyin: false }).norm.map((t) => t.t);
    if (tokens.length >= 2) out.push({ op: 'phrase', columns: COLUMNS.norm.any, tokens, prefix: false, via: 'normalised', term: joined, bonus: true });
  }
  return out;
}

/** A plain Latin word, as a name is typed: Xi, Jinping, Chen, Quanguo. */
function isNamePart(node: QueryNode): node is TermNode {
  return node.type === 'term' && !node.phrase && !node.prefix && node.field === null && /^[\p{Script=Latin}'’-]+$/u.test(node.text);
}

/**
 * In cross-script mode, consecutive Latin words may be one name: "Xi Jinping" must also match
 * 习近平. Each run of 2–4 such words becomes (the words as typed) OR (the run as one name).
 */
function withNames(nodes: QueryNode[], compiled: Array<MatchExpr | null>, analyser: TextAnalyser): MatchExpr[] {
  const out: MatchExpr[] = [];
  let i = 0;
  const kept = nodes.map((n, k) => ({ node: n, expr: compiled[k] ?? null }));
  while (i < kept.length) {
    let j = i;
    while (j < kept.length && j - i < 4 && isNamePart(kept[j]!.node) && kept[j]!.expr) j++;
    if (j - i >= 2) {
      const words = kept.slice(i, j).map((k) => k.expr!);
      const name = kept.slice(i, j).map((k) => (k.node as TermNode).text).join(' ');
      const asName = compileTerm({ type: 'term', text: name, phrase: true, prefix: false, field: null, at: (kept[i]!.node as TermNode).at }, 'cross-script', analyser);
      out.push(asName ? { op: 'or', items: [{ op: 'and', items: words }, asName] } : { op: 'and', items: words });
      i = j;
      continue;
    }
    const expr = kept[i]!.expr;
    if (expr && !onlyNegative(expr)) out.push(expr);
    i++;
  }
  return out;
}

/**
 * An unquoted Han run of several words (a pasted sentence or question): in `all` its words must
 * all occur, anywhere; in `any` its words and bigrams are the terms ranked by. Null for a term that
 * is one word, quoted, a prefix or an email party: those compile as one phrase, as before.
 */
function compileSentence(term: TermNode, mode: SearchMode, analyser: TextAnalyser, implicit: Implicit): MatchExpr | null {
  if (term.phrase || term.prefix || term.field === 'from' || term.field === 'to') return null;
  const split = splitHanTerm(term.text, analyser);
  if (!split) return null;
  const words = new Set(split.all);
  // Bigrams only widen recall; in cross-script mode their pinyin would only add noise.
  const parts = (implicit === 'or' ? split.any : split.all)
    .map((text) => compileTerm({ ...term, text }, words.has(text) || mode !== 'cross-script' ? mode : 'normalised', analyser))
    .filter((e): e is MatchExpr => e !== null);
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0]!;
  return implicit === 'or' ? { op: 'or', items: dedupe(parts) } : { op: 'and', items: parts };
}

function compileTerm(term: TermNode, mode: SearchMode, analyser: TextAnalyser): MatchExpr | null {
  const analysed = analyser.analyse(term.text);
  if (analysed.exact.length === 0) return null;
  const scope = term.field === 'title' ? 'title' : 'any';
  const phrase = (columns: SearchColumn[], tokens: string[], via: Extract<MatchExpr, { op: 'phrase' }>['via'], label?: string): MatchExpr => ({
    op: 'phrase', columns, tokens, prefix: term.prefix, via, term: term.text, ...(label ? { label } : {}),
  });
  if (term.field === 'from' || term.field === 'to') return phrase([term.field === 'from' ? 'm_from' : 'm_to'], analysed.norm.map((t) => t.t), 'normalised');
  if (mode === 'exact') {
    const exact = analysed.exact.map((t) => t.t);
    const asTyped = phrase(COLUMNS.exact[scope], exact, 'exact');
    // Pages whose exact text equals their folded text store it once, in b_norm (see the index stage).
    if (scope === 'title' || exact.join(' ') !== analysed.norm.map((t) => t.t).join(' ')) return asTyped;
    return { op: 'or', items: [asTyped, { op: 'and', items: [phrase(['b_norm'], exact, 'exact'), phrase(['flags'], [SAME_AS_NORM_FLAG], 'exact')] }] };
  }

  const branches: MatchExpr[] = [phrase(COLUMNS.norm[scope], analysed.norm.map((t) => t.t), 'normalised')];
  const latinOnly = analysed.stem.length === analysed.norm.length;
  if (latinOnly && scope === 'any') branches.push(phrase(['b_stem'], analysed.stem.map((t) => t.t), 'stem'));
  if (mode === 'cross-script' && !term.prefix) branches.push(...crossScriptBranches(term, analysed, latinOnly, scope, analyser, phrase));
  return branches.length === 1 ? branches[0]! : { op: 'or', items: dedupe(branches) };
}

type PhraseFn = (columns: SearchColumn[], tokens: string[], via: Extract<MatchExpr, { op: 'phrase' }>['via'], label?: string) => MatchExpr;

/**
 * Cross-script: a Latin name also matches the pinyin of a known Han word (joined, so "Xi
 * Jinping" is xijinping and never the 西|金平 of a village) and the Han forms of its aliases; a
 * Han word also matches its pinyin and its Latin aliases written in Latin text.
 */
function crossScriptBranches(term: TermNode, analysed: ReturnType<TextAnalyser['analyse']>, latinOnly: boolean, scope: 'any' | 'title', analyser: TextAnalyser, phrase: PhraseFn): MatchExpr[] {
  const out: MatchExpr[] = [];
  const norm = COLUMNS.norm[scope];
  if (latinOnly) {
    const joined = analysed.norm.map((t) => t.t).join('');
    out.push(phrase(['py'], [joined], 'pinyin'));
    const syllables = syllabify(analysed.norm.map((t) => t.t).join(' '));
    if (syllables && syllables.length >= 2 && analysed.norm.length >= 2) out.push(phrase(['pys'], syllables, 'syllables'));
    for (const han of analyser.names.hanForAlias(term.text)) {
      out.push(phrase(norm, analyser.analyse(han).norm.map((t) => t.t), 'alias', han));
    }
    return out;
  }
  if (analysed.py.length > 0) out.push(phrase(['py'], analysed.py.map((t) => t.t), 'pinyin'));
  const entry = analyser.names.get(term.text.replace(/\s+/g, ''));
  const latinForms = new Set<string>(entry?.aliases ?? []);
  // The name as pinyin in Latin text: "Xi Jinping" (surname apart), "Xinjiang", "Xi Jin Ping".
  if (entry && /^\p{Script=Han}+$/u.test(entry.han)) {
    const syllables = pinyinSyllables(entry.han);
    if (syllables.length >= 2) {
      latinForms.add(syllables.join(''));
      latinForms.add(`${syllables[0]} ${syllables.slice(1).join('')}`);
      latinForms.add(syllables.join(' '));
    }
  }
  for (const form of latinForms) {
    const tokens = analyser.analyse(form).norm.map((t) => t.t);
    if (tokens.length) out.push(phrase(norm, tokens, 'alias', form));
  }
  return out;
}

function dedupe(items: MatchExpr[]): MatchExpr[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item.op === 'phrase' ? [item.columns, item.tokens, item.prefix] : item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
