import type { AnalysedText, Token } from '../analyse/index.js';
import type { MatchExpr, SearchColumn } from '../domain/search.js';

type Phrase = Extract<MatchExpr, { op: 'phrase' }>;

const FIELD: Partial<Record<SearchColumn, keyof AnalysedText>> = {
  b_exact: 'exact', t_exact: 'exact', b_norm: 'norm', t_norm: 'norm', b_stem: 'stem', py: 'py', pys: 'pys', b_boiler: 'norm',
};

function find(tokens: Token[], phrase: Phrase, spans: Array<[number, number]>): void {
  const want = phrase.tokens;
  const n = want.length;
  if (n === 0) return;
  for (let i = 0; i + n <= tokens.length; i++) {
    let ok = true;
    for (let k = 0; k < n; k++) {
      const have = tokens[i + k]!.t;
      const last = k === n - 1;
      if (!(have === want[k] || (last && phrase.prefix && have.startsWith(want[k]!)))) {
        ok = false;
        break;
      }
    }
    if (ok) spans.push([tokens[i]!.s, tokens[i + n - 1]!.e]);
  }
}

/**
 * Where the phrases of a query occur in a page, as character spans of the original text, merged
 * and in order. Bigram phrases of Han text overlap, so spans are merged into whole matches.
 */
export function highlightSpans(analysed: AnalysedText, phrases: Phrase[], found?: Set<Phrase>): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const phrase of phrases) {
    const fields = new Set(phrase.columns.map((c) => FIELD[c]).filter((f): f is keyof AnalysedText => Boolean(f)));
    const before = spans.length;
    for (const field of fields) find(analysed[field], phrase, spans);
    if (found && spans.length > before) found.add(phrase);
  }
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  return merged;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * An HTML-safe window of text around the first span (or the `anchor`-th: the best passage), every
 * span inside it in <mark>; without spans, from `start` (a web page's main content).
 */
export function snippetHtml(text: string, spans: Array<[number, number]>, radius = 80, anchor = 0, start = 0): string {
  const first = spans[anchor] ?? spans[0];
  const from = first ? Math.max(0, first[0] - radius) : Math.min(start, text.length);
  const to = Math.min(text.length, first ? first[1] + radius * 2 : from + radius * 3);
  let html = from > 0 ? '…' : '';
  let cursor = from;
  for (const [s, e] of spans) {
    if (s < cursor || e > to) continue;
    html += `${escapeHtml(text.slice(cursor, s))}<mark>${escapeHtml(text.slice(s, e))}</mark>`;
    cursor = e;
  }
  html += escapeHtml(text.slice(cursor, to)) + (to < text.length ? '…' : '');
  return html.replace(/\s+/g, ' ').trim();
}
