/**
 * The search stage: parse a query, analyse it with the same chain as the index, compile it for
 * the chosen mode, ask the backend for matching pages, and shape hits with their document, page,
 * highlighted passage and the reason each matched.
 */
import { boilerplateRanges, type TextAnalyser } from '../analyse/index.js';
import { DossierError } from '../domain/errors.js';
import { SEARCH_MODES, searchRowId, type MatchExpr, type MatchVia, type SearchFilters, type SearchMode } from '../domain/search.js';
import { isTranslationPage, TRANSLATION_PAGE_OFFSET } from '../domain/translation.js';
import type { DbHandle, Records } from '../platform/db/records.js';
import { compileQuery } from './compile-query.js';
import { recordsOfHandle } from './entities.js';
import { compileCached } from './query-cache.js';
import { bestPassageAnchor } from './best-passage.js';
import { highlightSpans, snippetHtml } from './highlight.js';
import { parseQuerySyntax } from './query-syntax.js';

export { parseQuerySyntax } from './query-syntax.js';
export { SearchThreads, type SearchRunner, type ThreadSearchOptions, type ThreadSearchReply, type ThreadSearchRequest } from './search-threads.js';
export { type DocumentMentions, type EntityDetail, type EntityMention, type EntityScope, type EntitySummary } from './entities.js';
export { parseCsv, parseNameList, runWatchlist, watchlistCsv, type WatchlistOptions, type WatchlistResult } from './watchlist.js';

type Phrase = Extract<MatchExpr, { op: 'phrase' }>;

/** The slice of a search backend that searching needs; `db` is the handle it reads through. */
export interface SearchIndexReader {
  query(db: DbHandle, match: MatchExpr | null, filters: SearchFilters, options: { limit: number; offset: number; feedback?: boolean }): Promise<{ total: number; totalIsLowerBound?: boolean; hits: Array<{ documentId: number; pageId: number; page: number; score: number }> }>;
  facets(db: DbHandle, match: MatchExpr | null, filters: SearchFilters): Promise<Record<string, Record<string, number>>>;
  matchingPages(db: DbHandle, pageIds: number[], match: MatchExpr): Promise<Set<number>>;
  /** Each document's collection boilerplate lines (main.ts binds the boilerplate repository): snippets avoid them. */
  boilerplateKeys?(db: DbHandle, documentIds: number[]): Promise<Map<number, ReadonlySet<string>>>;
}

export interface SearchOptions {
  mode?: SearchMode;
  /** all: every term must match (default); any: rank by how well any term matches. */
  match?: 'all' | 'any';
  limit?: number;
  offset?: number;
  facets?: boolean;
  /**
   * --match any: also rank by each two adjacent query words as a phrase. Off by default: on
   * Cranfield it cost about 0.03 nDCG@10 (0.323 with, 0.352 without; `npm run eval:search`).
   */
  proximity?: boolean;
  /** Collections the searcher may see; undefined for all. */
  allowedCollections?: string[];
  /** The reviewed translation of a page, for hits that matched in it (publish/translate indexes them). */
  translationText?: (documentId: number, page: number) => Promise<string>;
  /** Where hits' documents and pages are read (transitional default: records over `db`, see entities.ts). */
  records?: Pick<Records, 'read'>;
}

export interface MatchReason {
  term: string;
  via: MatchVia;
  /** What it matched as: the pinyin, the alias, the Han form. */
  as: string;
}

export interface SearchHit {
  id: number;
  path: string;
  title: string | null;
  collection: string;
  mime: string | null;
  date: string | null;
  page: number;
  /** Character offsets of the first match in that page's text (null when only the title matched). */
  start: number | null;
  end: number | null;
  /** Every match on that page: [start, end) offsets. */
  highlights: Array<[number, number]>;
  score: number;
  snippet: string;
  matched: MatchReason[];
  /** Set when the page matched through its reviewed translation, not its own text. */
  matchedIn?: 'translation';
}

export interface SearchResult {
  query: string;
  mode: SearchMode;
  total: number;
  /** True when counting stopped at `total` (10,000): more documents match. */
  totalIsLowerBound?: boolean;
  hits: SearchHit[];
  facets?: Record<string, Record<string, number>>;
}

/** The phrases that say why a page matched (bonus phrases only rank). */
function phrasesOf(expr: MatchExpr): Phrase[] {
  if (expr.op === 'phrase') return expr.bonus ? [] : [expr];
  if (expr.op === 'not') return phrasesOf(expr.include);
  return expr.items.flatMap(phrasesOf);
}

/** Search the index; see SearchOptions for modes and matching. */
export async function searchDocuments(db: DbHandle, index: SearchIndexReader, analyser: TextAnalyser, input: string, options: SearchOptions = {}): Promise<SearchResult> {
  const mode = options.mode ?? 'normalised';
  if (!SEARCH_MODES.includes(mode)) throw new DossierError('invalid_argument', `mode must be one of ${SEARCH_MODES.join(', ')}, got "${mode}"`);
  const limit = options.limit ?? 20;
  const offset = options.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 0 || limit > 1000) throw new DossierError('invalid_argument', `limit must be a whole number from 0 to 1000, got "${options.limit}"`);
  if (!Number.isInteger(offset) || offset < 0) throw new DossierError('invalid_argument', `offset must be a whole number of 0 or more, got "${options.offset}"`);
  const implicit = options.match === 'any' ? 'or' : 'and';
  const { match, filters } = compileCached(input, mode, analyser, implicit, options.proximity ?? false);
  if (options.allowedCollections) filters.allowedCollections = options.allowedCollections;
  // --match any is a natural-language query: the backend may re-rank it by pseudo-relevance feedback.
  const { total, totalIsLowerBound, hits } = await index.query(db, match, filters, { limit, offset, feedback: implicit === 'or' });
  const facets = options.facets ? await index.facets(db, match, filters) : undefined;
  const base = { query: input, mode, total, ...(totalIsLowerBound ? { totalIsLowerBound } : {}), ...(facets ? { facets } : {}) };
  if (hits.length === 0) return { ...base, hits: [] };

  const read = (options.records ?? recordsOfHandle(db)).read.searchHits;
  const docs = await read.documents(hits.map((h) => h.documentId));
  const byId = new Map(docs.map((d) => [d.id, d]));
  const pageIds = hits.map((h) => h.pageId);
  // Hit pages by document and page number: every pair of the two lists, the wanted ones kept.
  const pages = await read.pageTexts([...new Set(hits.map((h) => h.documentId))], [...new Set(hits.map((h) => h.page))]);
  const wantedPages = new Set(pageIds);
  const textOf = new Map(pages.map((p) => [searchRowId(p.documentId, p.page), p.text]).filter(([id]) => wantedPages.has(id as number)) as Array<[number, string]>);
  for (const hit of hits.filter((h) => isTranslationPage(h.page))) textOf.set(hit.pageId, (await options.translationText?.(hit.documentId, hit.page - TRANSLATION_PAGE_OFFSET)) ?? '');
  const phrases = match ? phrasesOf(match) : [];
  const visible = phrases.filter((p) => !p.columns.includes('flags'));
  const needsPinyin = phrases.some((p) => p.columns.includes('py') || p.columns.includes('pys'));
  // Highlighting needs the segmenter only for pinyin matches; it is the costly part, so bounded.
  // The phrases found on the page say why it matched; only pages matched by their title alone
  // (nothing found in the text) ask the index.
  const found = new Map<number, { spans: Array<[number, number]>; phrases: Set<Phrase>; anchor: number }>();
  const boilerplate = (await index.boilerplateKeys?.(db, [...new Set(hits.map((h) => h.documentId))])) ?? new Map<number, ReadonlySet<string>>();
  for (const hit of hits) {
    const text = textOf.get(hit.pageId) ?? '';
    let matchedPhrases = new Set<Phrase>();
    const analysed = phrases.length ? analyser.analyse(text, { pinyin: false }) : null;
    let spans = analysed ? highlightSpans(analysed, phrases, matchedPhrases) : [];
    // The snippet opens on the best passage: most (rare) query words, outside menus and footers.
    // A web page's text outside its main-content block (menus, sidebars, footers) counts as boilerplate too.
    const main = hit.page === 1 ? byId.get(hit.documentId)?.mainContent : undefined;
    const outside: Array<[number, number]> = main ? [[0, main[0]], [main[1], text.length]] : [];
    const anchor = analysed && spans.length ? bestPassageAnchor(analysed, visible, spans, [...boilerplateRanges(text, boilerplate.get(hit.documentId) ?? new Set()), ...outside]) : 0;
    if (needsPinyin && spans.length === 0) {
      // Only pinyin can explain this page: segment it (the costly path) a passage at a time,
      // and stop at the first passage that matches: that is what the snippet needs.
      matchedPhrases = new Set<Phrase>();
      for (const [from, to] of passages(text, 4000)) {
        const found = highlightSpans(analyser.analyse(text.slice(from, to), { pinyin: true }), phrases, matchedPhrases);
        if (found.length) {
          spans = found.map(([s, e]) => [s + from, e + from]);
          break;
        }
      }
    }
    found.set(hit.pageId, { spans, phrases: matchedPhrases, anchor });
  }
  const unexplained = [...found].filter(([, f]) => f.phrases.size === 0).map(([id]) => id);
  const fromIndex = match && hasOr(match) ? await explain(db, index, unexplained, phrases) : new Map(unexplained.map((id) => [id, visible.map(reasonOf)]));
  const reasons = new Map([...found].map(([id, f]) => [id, f.phrases.size ? dedupeReasons([...f.phrases].filter((p) => !p.columns.includes('flags')).map(reasonOf)) : (fromIndex.get(id) ?? [])]));

  return {
    ...base,
    hits: hits.flatMap((hit) => {
      const doc = byId.get(hit.documentId);
      if (!doc) return [];
      const text = textOf.get(hit.pageId) ?? '';
      const spans = found.get(hit.pageId)?.spans ?? [];
      const inTranslation = isTranslationPage(hit.page);
      return [{
        ...(inTranslation ? { matchedIn: 'translation' as const } : {}),
        id: doc.id, path: doc.path, title: doc.title, collection: doc.collection, mime: doc.mime, date: doc.date, page: inTranslation ? hit.page - TRANSLATION_PAGE_OFFSET : hit.page,
        start: spans[0]?.[0] ?? null, end: spans[0]?.[1] ?? null, highlights: spans, score: hit.score,
        snippet: snippetHtml(text, spans, 80, found.get(hit.pageId)?.anchor ?? 0, doc.mainContent?.[0] ?? 0), matched: reasons.get(hit.pageId) ?? [],
      }];
    }),
  };
}

/** Cut text into passages of about `size` characters, at line ends where possible. */
function passages(text: string, size: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let from = 0; from < text.length; ) {
    let to = Math.min(text.length, from + size);
    const newline = text.lastIndexOf('\n', to);
    if (to < text.length && newline > from + size / 2) to = newline + 1;
    out.push([from, to]);
    from = to;
  }
  return out;
}

function hasOr(expr: MatchExpr): boolean {
  if (expr.op === 'phrase') return false;
  if (expr.op === 'or') return true;
  if (expr.op === 'not') return hasOr(expr.include);
  return expr.items.some(hasOr);
}

function dedupeReasons(reasons: MatchReason[]): MatchReason[] {
  const seen = new Set<string>();
  return reasons.filter((r) => {
    const key = `${r.term}\u0000${r.via}\u0000${r.as}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function reasonOf(phrase: Phrase): MatchReason {
  // Words and bigrams read best as the term itself; pinyin and syllables as the tokens they matched.
  const as = phrase.label ?? (phrase.via === 'pinyin' ? phrase.tokens.join(' ') : phrase.via === 'syllables' ? phrase.tokens.join(' ') : phrase.term);
  return { term: phrase.term, via: phrase.via, as };
}

/** For each hit page, which query phrases it matches and how (pinyin, alias, …). */
async function explain(db: DbHandle, index: SearchIndexReader, pageIds: number[], phrases: Phrase[]): Promise<Map<number, MatchReason[]>> {
  const out = new Map<number, MatchReason[]>();
  if (phrases.length === 0 || pageIds.length === 0) return out;
  for (const phrase of phrases.filter((p) => !p.columns.includes('flags')).slice(0, 24)) {
    const matched = await index.matchingPages(db, pageIds, phrase);
    for (const id of matched) {
      const list = out.get(id) ?? [];
      const reason = reasonOf(phrase);
      if (!list.some((r) => r.term === reason.term && r.via === reason.via && r.as === reason.as)) list.push(reason);
      out.set(id, list);
    }
  }
  return out;
}

/**
 * Where a query matches in one text (a page of a document), with the same analysis and the same
 * phrases as search: [start, end) offsets for <mark>. For the document viewer.
 */
export function highlightDocument(analyser: TextAnalyser, text: string, query: string, mode: SearchMode = 'normalised', match: 'all' | 'any' = 'all'): Array<[number, number]> {
  const implicit = match === 'any' ? 'or' : 'and';
  const { match: expr } = compileQuery(parseQuerySyntax(query, implicit), mode, analyser, query, implicit);
  const phrases = expr ? phrasesOf(expr).filter((p) => !p.columns.includes('flags')) : [];
  if (phrases.length === 0 || text === '') return [];
  const spans = highlightSpans(analyser.analyse(text, { pinyin: false }), phrases);
  if (spans.length || !phrases.some((p) => p.columns.includes('py') || p.columns.includes('pys'))) return spans;
  return passages(text, 4000).flatMap(([from, to]) => highlightSpans(analyser.analyse(text.slice(from, to), { pinyin: true }), phrases).map(([s, e]): [number, number] => [s + from, e + from]));
}

/**
 * Run a few searches so the first reader's query is not the slow one: it loads the segmenter's
 * dictionary, the index's pages into SQLite's cache and the code paths into the JIT. Failures are
 * ignored (an empty workspace has nothing to warm).
 */
export async function warmUpSearch(db: DbHandle, index: SearchIndexReader, analyser: TextAnalyser, records?: Pick<Records, 'read'>): Promise<void> {
  for (const [q, mode, match] of [['the 的', 'normalised', 'any'], ['中华人民共和国 国务院', 'cross-script', 'all'], ['report', 'exact', 'all']] as const) {
    await searchDocuments(db, index, analyser, q, { mode, match, limit: 20, ...(records ? { records } : {}) }).catch(() => undefined);
  }
}
