/**
 * Where a quoted passage is in a page's stored text. The browser's selection gives a quote and
 * offsets counted in the rendered page; the form without JavaScript gives only a pasted quote.
 * Either way the server decides the offsets from the stored text, so a note always points at
 * characters that are really there.
 */

export interface QuoteSpan {
  start: number;
  end: number;
  /** The passage as stored (may differ from the quote in spacing). */
  quote: string;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The occurrence of `quote` in `text` nearest to `near` (the offset the browser reported; the
 * first occurrence without one). Runs of white space match any white space, as a selection
 * copied from a page may join lines. Null when the quote is not on the page.
 *
 * @example locateQuote('a b a b', 'a b', 3) // { start: 4, end: 7, quote: 'a b' }
 */
export function locateQuote(text: string, quote: string, near?: number | null): QuoteSpan | null {
  const words = quote.trim().split(/\s+/u).filter(Boolean);
  if (words.length === 0) return null;
  const pattern = new RegExp(words.map(escapeRegExp).join('\\s+'), 'gu');
  let best: QuoteSpan | null = null;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const span = { start: m.index, end: m.index + m[0].length, quote: m[0] };
    if (near === undefined || near === null) return span;
    if (!best || Math.abs(span.start - near) < Math.abs(best.start - near)) best = span;
    if (m[0].length === 0) pattern.lastIndex++;
  }
  return best;
}

/**
 * Check offsets sent with a quote: kept when they hold exactly the quote, else the quote is
 * looked for near them. Offsets without a quote are taken as they are when inside the page.
 */
export function anchorPassage(text: string, input: { start?: number | null; end?: number | null; quote?: string | null }): QuoteSpan | null {
  const { start, end } = input;
  const quote = input.quote?.trim() ?? '';
  const valid = Number.isInteger(start) && Number.isInteger(end) && start! >= 0 && end! > start! && end! <= text.length;
  if (quote === '') return valid ? { start: start!, end: end!, quote: text.slice(start!, end!) } : null;
  if (valid && text.slice(start!, end!) === quote) return { start: start!, end: end!, quote };
  return locateQuote(text, quote, valid || Number.isInteger(start) ? start : null);
}
