import { diffSequences } from './myers-diff.js';
import { codePointName, invisibleKind, visibleText, type InvisibleKind, type VisibleText } from './invisible-characters.js';

/** A text difference between two copies, with offsets into each page's stored text. */
export interface TextDifference {
  kind: 'inserted' | 'deleted' | 'changed';
  pageA: number;
  startA: number;
  endA: number;
  pageB: number;
  startB: number;
  endB: number;
  a: string;
  b: string;
}

/** A character one copy has where the other, to the eye, has the same text. */
export interface InvisibleDifference {
  kind: InvisibleKind;
  /** Which copy holds the character. */
  side: 'a' | 'b';
  page: number;
  start: number;
  /** The code point, e.g. U+200B. */
  char: string;
  /** What the other copy has there ('' for nothing). */
  other: string;
}

interface Token {
  text: string;
  /** Visible-text range. */
  start: number;
  end: number;
}

/** Han characters one by one, runs of other letters and digits, runs of spaces, other characters singly. */
function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\p{Script=Han}|[\p{L}\p{N}\p{M}]+|\s+|[\s\S]/gu;
  for (const m of text.matchAll(pattern)) tokens.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return tokens;
}

/** Differences of one page (pageA of A against pageB of B): visible text first, then the marks under it. */
export function comparePageText(pageA: number, rawA: string, pageB: number, rawB: string): { text: TextDifference[]; invisible: InvisibleDifference[] } {
  const va = visibleText(rawA);
  const vb = visibleText(rawB);
  const ta = tokenise(va.text);
  const tb = tokenise(vb.text);
  const runs = diffSequences(ta.map((t) => t.text), tb.map((t) => t.text));
  const text: TextDifference[] = [];
  const invisible: InvisibleDifference[] = [];
  const rawRange = (v: VisibleText, tokens: Token[], from: number, to: number): [number, number] => {
    if (from >= to) {
      // An empty range: the raw offset where the next token starts (or the end of the text).
      const next = tokens[from];
      const at = next ? (v.rawStart[next.start] ?? v.raw.length) : v.raw.length;
      return [at, at];
    }
    const first = tokens[from];
    const last = tokens[to - 1];
    return [v.rawStart[first?.start ?? 0] ?? 0, v.rawEnd[(last?.end ?? 1) - 1] ?? v.raw.length];
  };
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i];
    if (!run) continue;
    if (run.op === 'equal') {
      for (let k = 0; k < run.aEnd - run.aStart; k++) {
        const x = ta[run.aStart + k];
        const y = tb[run.bStart + k];
        if (x && y) marksUnder(va, x.start, vb, y.start, x.end - x.start, pageA, pageB, invisible);
      }
      continue;
    }
    // A delete next to an insert is one change.
    const next = runs[i + 1];
    const aStart = run.aStart, bStart = run.bStart;
    let aEnd = run.aEnd, bEnd = run.bEnd;
    if (next && next.op !== 'equal' && next.op !== run.op) {
      aEnd = Math.max(aEnd, next.aEnd);
      bEnd = Math.max(bEnd, next.bEnd);
      i++;
    }
    const [sa, ea] = rawRange(va, ta, aStart, aEnd);
    const [sb, eb] = rawRange(vb, tb, bStart, bEnd);
    const kind = aEnd === aStart ? 'inserted' : bEnd === bStart ? 'deleted' : 'changed';
    text.push({ kind, pageA, startA: sa, endA: ea, pageB, startB: sb, endB: eb, a: rawA.slice(sa, ea), b: rawB.slice(sb, eb) });
  }
  return { text, invisible };
}

/** Where `length` visible units agree, report the raw characters that differ, and zero-width ones in between. */
function marksUnder(va: VisibleText, a0: number, vb: VisibleText, b0: number, length: number, pageA: number, pageB: number, out: InvisibleDifference[]): void {
  for (let u = 0; u <= length; u++) {
    // The raw gap before unit u (after unit u-1) holds dropped zero-width characters; the gap
    // after the last unit is the next token's first (or the page's end, checked by the caller).
    if (u === length && !atEnd(va, a0 + u)) break;
    const gapA = gap(va, a0 + u);
    const gapB = gap(vb, b0 + u);
    if (gapA !== gapB) {
      for (const [side, g, other, page, base] of [['a', gapA, gapB, pageA, va.rawEnd[a0 + u - 1] ?? 0], ['b', gapB, gapA, pageB, vb.rawEnd[b0 + u - 1] ?? 0]] as const) {
        let offset = base;
        for (const ch of g) {
          if (!other.includes(ch)) out.push({ kind: 'zero-width', side, page, start: offset, char: codePointName(ch), other: '' });
          offset += ch.length;
        }
      }
    }
    if (u === length) break;
    const sa = va.rawStart[a0 + u] ?? 0;
    const sb = vb.rawStart[b0 + u] ?? 0;
    // A unit made of several visible characters (none here today) is compared once.
    if (u > 0 && va.rawStart[a0 + u - 1] === sa) continue;
    const ra = va.raw.slice(sa, va.rawEnd[a0 + u]);
    const rb = vb.raw.slice(sb, vb.rawEnd[b0 + u]);
    if (ra === rb) continue;
    const ka = kindOf(ra);
    const kb = kindOf(rb);
    if (ka) out.push({ kind: ka, side: 'a', page: pageA, start: sa, char: codePointName(ra), other: rb });
    if (kb) out.push({ kind: kb, side: 'b', page: pageB, start: sb, char: codePointName(rb), other: ra });
  }
}

const atEnd = (v: VisibleText, i: number): boolean => i >= v.text.length;

const kindOf = (raw: string): InvisibleKind | null => (raw === '\r\n' || raw === '\r' ? 'line-break' : invisibleKind(raw));

/** The raw characters between visible unit i-1 and unit i (zero-width ones): empty when adjacent. */
function gap(v: VisibleText, i: number): string {
  const from = i === 0 ? 0 : (v.rawEnd[i - 1] ?? 0);
  const to = i < v.rawStart.length ? (v.rawStart[i] ?? v.raw.length) : v.raw.length;
  return from < to ? v.raw.slice(from, to) : '';
}
