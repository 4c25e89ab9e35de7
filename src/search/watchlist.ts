/**
 * Watch-list batch search: a list of names in any script, each searched across scripts in the
 * collections the searcher may see, with per-name document and hit counts, as rows for a CSV.
 */
import type { TextAnalyser } from '../analyse/index.js';
import { DossierError, isDossierError } from '../domain/errors.js';
import type { MatchExpr, SearchMode } from '../domain/search.js';
import type { DbHandle, Records } from '../platform/db/records.js';
import { compileQuery } from './compile-query.js';
import { recordsOfHandle } from './entities.js';
import { highlightSpans } from './highlight.js';
import { searchDocuments, type SearchIndexReader } from './index.js';
import { parseQuerySyntax } from './query-syntax.js';

export interface WatchlistDocument {
  id: number;
  title: string | null;
  path: string;
  collection: string;
  date: string | null;
  /** Times the name occurs in the document (counted for the first `countLimit` documents; else null). */
  hits: number | null;
  /** Whether the document arrived after the previous run of this list. */
  isNew: boolean;
}

export interface WatchlistResult {
  name: string;
  documents: number;
  hits: number;
  newDocuments: number;
  top: WatchlistDocument[];
  /** Why the name could not be searched, if it could not. */
  error?: string;
}

export interface WatchlistOptions {
  mode?: SearchMode;
  allowedCollections?: string[] | undefined;
  /** Documents listed per name. */
  limit?: number;
  /** Documents created after this ISO time are flagged new (the previous run). */
  since?: string | null;
  onProgress?: (done: number, total: number, name: string) => void;
  /** The records documents are read through (transitional default: built from the handle, see entities.ts). */
  records?: Pick<Records, 'read'>;
}

/** Names from a CSV (a `name` column when there is a header naming it, else the first column) or one per line. */
export function parseNameList(text: string): string[] {
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  if (rows.length === 0) return [];
  const header = rows[0]!.map((h) => h.trim().toLowerCase());
  const column = Math.max(0, header.findIndex((h) => h === 'name' || h === 'names' || h === '姓名' || h === '名字' || h === '名称'));
  const body = header.some((h) => ['name', 'names', '姓名', '名字', '名称'].includes(h)) ? rows.slice(1) : rows;
  const seen = new Set<string>();
  const names: string[] = [];
  for (const row of body) {
    const name = (row[column] ?? '').trim();
    if (!name || name.startsWith('#') || seen.has(name)) continue;
    seen.add(name);
    names.push(name);
  }
  return names;
}

/** RFC 4180 CSV: quoted fields with doubled quotes and line breaks inside, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

const csvField = (value: string | number | null | boolean): string => {
  const text = value === null ? '' : String(value);
  // A leading = + - @ would be read as a formula by a spreadsheet: quote it with a ' first.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The results as CSV: one row per name and document (a name without documents gets one row). */
export function watchlistCsv(results: WatchlistResult[]): string {
  const lines = [['name', 'documents', 'hits', 'new_documents', 'document_id', 'title', 'path', 'collection', 'date', 'document_hits', 'new', 'error'].join(',')];
  for (const r of results) {
    const head = [r.name, r.documents, r.hits, r.newDocuments];
    if (r.top.length === 0) lines.push([...head, null, null, null, null, null, null, null, r.error ?? null].map(csvField).join(','));
    for (const d of r.top) lines.push([...head, d.id, d.title, d.path, d.collection, d.date, d.hits, d.isNew, r.error ?? null].map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

type Phrase = Extract<MatchExpr, { op: 'phrase' }>;
const phrasesOf = (expr: MatchExpr): Phrase[] => (expr.op === 'phrase' ? [expr] : expr.op === 'not' ? phrasesOf(expr.include) : expr.items.flatMap(phrasesOf));

/** Search every name (as a phrase, across scripts by default) and count its documents and hits. */
export async function runWatchlist(db: DbHandle, index: SearchIndexReader, analyser: TextAnalyser, names: string[], options: WatchlistOptions = {}): Promise<WatchlistResult[]> {
  if (names.length === 0) throw new DossierError('invalid_argument', 'the watch-list has no names');
  if (names.length > 10_000) throw new DossierError('invalid_argument', `a watch-list holds at most 10,000 names, this one ${names.length}`);
  const mode = options.mode ?? 'cross-script';
  const limit = options.limit ?? 100;
  const records = options.records ?? recordsOfHandle(db);
  const documents = records.read.documents;
  const results: WatchlistResult[] = [];
  for (const [i, name] of names.entries()) {
    options.onProgress?.(i, names.length, name);
    const query = `"${name.replace(/"/g, ' ')}"`;
    try {
      const found = await searchDocuments(db, index, analyser, query, { mode, limit, allowedCollections: options.allowedCollections, records });
      const { match } = compileQuery(parseQuerySyntax(query, 'and'), mode, analyser, query);
      const phrases = match ? phrasesOf(match).filter((p) => !p.columns.includes('flags')) : [];
      const ids = found.hits.map((h) => h.id);
      const createdAt = await documents.createdAt(ids);
      const counts = await countHits(documents, analyser, ids, phrases);
      const top = found.hits.map((h) => ({ id: h.id, title: h.title, path: h.path, collection: h.collection, date: h.date, hits: counts.get(h.id) ?? null, isNew: Boolean(options.since && (createdAt.get(h.id) ?? '') > options.since) }));
      results.push({ name, documents: found.total, hits: top.reduce((n, d) => n + (d.hits ?? 0), 0), newDocuments: top.filter((d) => d.isNew).length, top });
    } catch (error) {
      if (!isDossierError(error)) throw error;
      results.push({ name, documents: 0, hits: 0, newDocuments: 0, top: [], error: error.message });
    }
  }
  options.onProgress?.(names.length, names.length, '');
  return results;
}

/** Occurrences of the phrases in every page of each document; pinyin only where the plain forms found nothing. */
async function countHits(documents: Records['read']['documents'], analyser: TextAnalyser, ids: number[], phrases: Phrase[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (ids.length === 0 || phrases.length === 0) return out;
  const needsPinyin = phrases.some((p) => p.columns.includes('py') || p.columns.includes('pys'));
  for (const page of await documents.pageTexts(ids)) {
    let n = highlightSpans(analyser.analyse(page.text, { pinyin: false }), phrases).length;
    if (n === 0 && needsPinyin) n = highlightSpans(analyser.analyse(page.text, { pinyin: true }), phrases).length;
    out.set(page.documentId, (out.get(page.documentId) ?? 0) + n);
  }
  return out;
}
