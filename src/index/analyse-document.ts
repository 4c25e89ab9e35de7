import { boilerplateFingerprint, boilerplateMatches, entityKey, findMentions, isNamedType, languageOf, similaritySignature, streamOf, WORD_BOUNDARY, type EntityKey, type SimilaritySignature, type TextAnalyser, type Token } from '../analyse/index.js';
import type { Mention } from '../domain/entities.js';
import { SAME_AS_NORM_FLAG, type SearchColumn } from '../domain/search.js';
import { documentDate } from './document-date.js';

/** The token streams of one page, one per search column. */
export type PageColumns = Record<SearchColumn, string>;

/** Everything the index stores for one document, computed from its text and metadata alone. */
export interface DocumentAnalysis {
  lang: string | null;
  date: string | null;
  sender: string | null;
  pages: Array<{ page: number; columns: PageColumns }>;
  /** People, places, organisations and patterns found on each page, with offsets into its text. */
  mentions: PageMention[];
  /** The near-duplicate signature of the whole text (MinHash; see analyse/dedupe), null without text. */
  signature: SimilaritySignature | null;
  /** Which of the collection's boilerplate lines split its pages (boilerplateFingerprint; 0: none). */
  boilerplate: number;
}

/** A document's search columns and the boilerplate lines they were split by. */
export interface PagesAnalysis {
  pages: DocumentAnalysis['pages'];
  boilerplate: number;
}

/** A mention on a page; a named one carries the key that resolves it to an entity. */
export type PageMention = Mention & { page: number; entity?: EntityKey };

export interface DocumentText {
  title: string | null;
  path: string;
  metadata: Record<string, unknown>;
  pages: Array<{ page: number; text: string }>;
}

/**
 * Whether a token lies inside one of the ranges (whole lines), by a table of each character's
 * range: a page's tokens times its boilerplate lines was the cost of a statute with many headings.
 */
function insideRanges(ranges: Array<[number, number]>, length: number): (t: Token) => boolean {
  if (ranges.length === 0) return () => false;
  const owner = new Int32Array(length + 1);
  ranges.forEach(([s, e], i) => owner.fill(i + 1, s, e));
  return (t) => t.e > t.s && owner[t.s] !== 0 && owner[t.s] === owner[t.e - 1];
}

function listOf(value: unknown): string {
  return Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : '';
}

/**
 * The search columns of a document's pages alone: what changes when the collection's boilerplate
 * does (mentions, dates and signatures do not), so re-indexing for it runs only this.
 */
export function analysePages(analyser: TextAnalyser, doc: DocumentText, boilerplate: ReadonlySet<string> = new Set()): PagesAnalysis {
  const sender = typeof doc.metadata.from === 'string' ? doc.metadata.from : null;
  // The file name stands in for a title where the format has none, so names are searchable too.
  const title = analyser.analyse(`${doc.title ?? ''} ${doc.path.split(/[\\/!]/).pop() ?? ''}`);
  const from = streamOf(analyser.analyse(sender ?? '').norm);
  const to = streamOf(analyser.analyse(`${listOf(doc.metadata.to)} ${listOf(doc.metadata.cc)} ${listOf(doc.metadata.bcc)}`).norm);
  const pages: DocumentAnalysis['pages'] = [];
  const found = new Set<string>();
  for (const page of doc.pages) {
    if (page.text.trim() === '') continue;
    const analysed = analyser.analyse(page.text);
    // Lines repeated across the collection (menus, footers, signatures) go to their own low-weight
    // column, b_boiler: still found, but they no longer make every page match the menu's words.
    const { ranges } = boilerplateMatches(page.text, boilerplate, found);
    const inBoilerplate = insideRanges(ranges, page.text.length);
    const body = ranges.length ? { ...analysed, exact: analysed.exact.filter((t) => !inBoilerplate(t)), norm: analysed.norm.filter((t) => !inBoilerplate(t)), stem: analysed.stem.filter((t) => !inBoilerplate(t)) } : analysed;
    const boiler = ranges.length ? streamOf(analysed.norm.filter(inBoilerplate)) : '';
    const exact = streamOf(body.exact);
    const norm = streamOf(body.norm);
    pages.push({
      page: page.page,
      columns: {
        t_exact: streamOf(title.exact),
        t_norm: streamOf(title.norm),
        b_exact: exact === norm ? '' : exact,
        b_norm: norm,
        b_stem: streamOf(body.stem),
        py: [streamOf(title.py), streamOf(body.py)].filter(Boolean).join(' '),
        pys: [streamOf(title.pys), streamOf(body.pys)].filter(Boolean).join(` ${WORD_BOUNDARY} `),
        m_from: from,
        m_to: to,
        flags: exact === norm ? SAME_AS_NORM_FLAG : '',
        b_boiler: boiler,
      },
    });
  }
  return { pages, boilerplate: boilerplateFingerprint(found) };
}

/**
 * Analyse a document for the index. Pure: runs in an extraction process during ingest (so both
 * cores share the work) and in the main process for reindexing. When a page's exact stream equals
 * its folded one (simplified Chinese, unaccented Latin: most pages), b_exact is left empty and the
 * page is flagged, and exact search reads b_norm for it: this halves the body index.
 */
export function analyseDocument(analyser: TextAnalyser, doc: DocumentText, boilerplate: ReadonlySet<string> = new Set()): DocumentAnalysis {
  const sender = typeof doc.metadata.from === 'string' ? doc.metadata.from : null;
  const sample = doc.pages.map((p) => p.text).join('\n').slice(0, 100_000);
  const mentions: PageMention[] = [];
  for (const page of doc.pages) {
    if (page.text.trim() === '') continue;
    for (const mention of findMentions(page.text, analyser)) {
      mentions.push({ ...mention, page: page.page, ...(isNamedType(mention.type) ? { entity: entityKey(mention.text, analyser.names) } : {}) });
    }
  }
  const { pages, boilerplate: split } = analysePages(analyser, doc, boilerplate);
  const signature = similaritySignature(doc.pages.map((p) => p.text).join('\n'));
  return { lang: sample.trim() ? languageOf(`${doc.title ?? ''}\n${sample}`) : null, date: documentDate(doc.metadata), sender, pages, mentions, signature, boilerplate: split };
}
