import { foldText } from '../../analyse/index.js';
import type { Publication } from '../../domain/story.js';

/** A quotation bound to a passage: `[“text”](doc:12#p3)` or `(doc:12#p3-s4)` in a story's body. */
export interface Quotation {
  text: string;
  documentId: number;
  page: number;
  segment: number | null;
}

export interface QuotationProblem extends Quotation {
  /** not_published: the document is not public; not_found: the words are not on that page (nor its reviewed translation). */
  problem: 'not_published' | 'no_such_page' | 'not_found';
}

const LINK = /\[((?:[^\]\\]|\\.)+)\]\(doc:(\d+)#p(\d+)(?:-s(\d+))?\)/g;

/** Every passage-bound quotation in a Markdown body, in order. */
export function findQuotations(markdown: string): Quotation[] {
  const out: Quotation[] = [];
  for (const m of markdown.matchAll(LINK)) {
    out.push({ text: m[1]!.replace(/\\(.)/g, '$1'), documentId: Number(m[2]), page: Number(m[3]), segment: m[4] ? Number(m[4]) : null });
  }
  return out;
}

/**
 * The form quotations are compared in: quote marks and emphasis gone, folded (width, case,
 * traditional → simplified), every run of white space one space, none between Han characters
 * (a PDF's line breaks fall anywhere).
 */
export function normaliseQuotation(text: string): string {
  return foldText(text.normalize('NFKC'))
    .replace(/[“”„‟"«»‹›「」『』《》〈〉‘’‚‛*_`]/g, '')
    .replace(/(^|\s)'|'(\s|$)/g, '$1$2')
    .replace(/[\s\u00a0\u3000]+/g, ' ')
    .replace(/(\p{Script=Han}) (?=\p{Script=Han})/gu, '$1')
    .trim();
}

/** Whether a quotation (with … for omitted words) occurs, in order, in a passage. */
export function quotationOccurs(quote: string, passage: string): boolean {
  const haystack = normaliseQuotation(passage);
  let from = 0;
  for (const part of quote.split(/…|\.\.\.|\[\s*…?\s*\]/).map(normaliseQuotation).filter(Boolean)) {
    const at = haystack.indexOf(part, from);
    if (at < 0) return false;
    from = at + part.length;
  }
  return true;
}

/** Check each quotation against the published derivative's page text and the page's reviewed translation. */
export function checkQuotations(quotations: Quotation[], publicationOf: (documentId: number) => Publication | null): QuotationProblem[] {
  const problems: QuotationProblem[] = [];
  for (const q of quotations) {
    const publication = publicationOf(q.documentId);
    if (!publication) {
      problems.push({ ...q, problem: 'not_published' });
      continue;
    }
    const page = publication.pages.find((p) => p.page === q.page);
    if (!page) {
      problems.push({ ...q, problem: 'no_such_page' });
      continue;
    }
    const translation = publication.translation.filter((s) => s.page === q.page).map((s) => s.target).join(' ');
    if (!quotationOccurs(q.text, page.text) && !quotationOccurs(q.text, translation)) problems.push({ ...q, problem: 'not_found' });
  }
  return problems;
}
