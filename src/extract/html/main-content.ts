import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

/** Pages larger than this are not given to Readability (its DOM walk grows with the page); they keep the <title>. */
const MAX_HTML = 2_000_000;

/** A <title> shorter than this (in characters) is taken for a site's name, as Readability takes it. */
const SHORT_TITLE = 15;
const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** A page's main content as Readability (Firefox Reader View) finds it: its title (see mainContent) and its HTML. */
export interface MainContent {
  title: string | null;
  html: string;
}

/**
 * The main-content block of a web page — the article, not the menus, sidebars and footers around
 * it — by Mozilla's Readability over a linkedom DOM. Null when the page is too large, has no
 * readable block, or Readability fails: the caller then keeps the whole page as it is.
 * Only titles and snippets use it; the page's full text, menus included, is still extracted and
 * indexed (a leak tool never hides text).
 */
export function mainContent(html: string, pageTitle: string | null): MainContent | null {
  if (html.length > MAX_HTML) return null;
  try {
    const { document } = parseHTML(html);
    const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 100 }).parse();
    if (!article?.content) return null;
    // The block's own heading names the page when the <title> does not: when it is missing or short
    // (a site's name on every page) or holds the heading plus the site's name. (Readability's own
    // rules for this count words by spaces, which Chinese has none of.)
    const block = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`).document;
    const heading = clean((block.querySelector('h1') ?? block.querySelector('h2'))?.textContent);
    const own = clean(pageTitle);
    // Otherwise the page's own <title>, whole: Readability's cut at separators ("naca 1 - series
    // cowlings" → "naca 1") loses words a reader searches titles for.
    const title = heading !== '' && (own.length < SHORT_TITLE || own.includes(heading)) ? heading : own || clean(article.title);
    return { title: title === '' ? null : title, html: article.content };
  } catch {
    return null;
  }
}

/**
 * Where a block's text lies in the page's text: from its first line to its last, as character
 * offsets [start, end). Both texts come from the same HTML-to-text rules, so the block's lines
 * are the page's lines; null when its first or last line is not found in order.
 */
export function blockRange(text: string, block: string): [number, number] | null {
  const lines = block.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const first = lines[0];
  const last = lines[lines.length - 1];
  if (!first || !last) return null;
  const start = text.indexOf(first);
  if (start === -1) return null;
  const lastAt = text.lastIndexOf(last);
  if (lastAt < start) return null;
  return [start, lastAt + last.length];
}
