import { foldText } from '../analyse/index.js';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The folded text and, for each folded code unit, the offset of the original character. */
function foldWithOffsets(text: string): { folded: string; offsets: number[] } {
  let folded = '';
  const offsets: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = /\s/.test(ch) ? ' ' : foldText(ch);
    for (let k = 0; k < f.length; k++) offsets.push(i);
    folded += f;
    i += ch.length;
  }
  offsets.push(text.length);
  return { folded, offsets };
}

export interface Snippet {
  /** HTML-safe text around the first match, matches wrapped in <mark>. */
  html: string;
  /** Character offsets of the first match in the page text, or null when none was located. */
  start: number | null;
  end: number | null;
}

/** A window of page text around the first occurrence of any term, with the terms marked. */
export function makeSnippet(text: string, terms: string[], radius = 80): Snippet {
  const { folded, offsets } = foldWithOffsets(text);
  const needles = terms.map((t) => foldText(t).replace(/\s+/g, ' ').trim()).filter(Boolean);
  const spans: Array<[number, number]> = [];
  for (const needle of needles) {
    for (let at = folded.indexOf(needle); at !== -1; at = folded.indexOf(needle, at + needle.length)) {
      spans.push([offsets[at]!, offsets[at + needle.length] ?? text.length]);
      if (spans.length > 200) break;
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  const first = spans[0];
  const center = first ? first[0] : 0;
  const from = Math.max(0, center - radius);
  const to = Math.min(text.length, (first ? first[1] : 0) + radius * 2);
  let html = from > 0 ? '…' : '';
  let cursor = from;
  for (const [s, e] of spans) {
    if (s < cursor || e > to) continue;
    html += escapeHtml(text.slice(cursor, s)) + '<mark>' + escapeHtml(text.slice(s, e)) + '</mark>';
    cursor = e;
  }
  html += escapeHtml(text.slice(cursor, to)) + (to < text.length ? '…' : '');
  return { html: html.replace(/\s+/g, ' ').trim(), start: first ? first[0] : null, end: first ? first[1] : null };
}
