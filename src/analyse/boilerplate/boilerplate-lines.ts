/**
 * Boilerplate: lines repeated across many documents of a collection — navigation menus, footers,
 * disclaimers, email signatures, mailing-list footers. They are found by counting, for each
 * normalised line, how many documents carry it; a line in enough documents is a block. The
 * index puts such lines in a low-weight column of their own (still searchable, still shown in
 * the text) and snippets prefer the rest of the page.
 */
import { foldText } from '../normalise/normalise.js';

export interface BoilerplateBlock {
  /** The normalised line (folded, spaces collapsed): how a line is recognised. */
  key: string;
  /** The line as first seen, for listing. */
  text: string;
  /** In how many documents of the collection it occurs. */
  documents: number;
}

/** Fewer documents than this: nothing is boilerplate (a handful of files share lines by chance, a thread quotes itself). */
export const MIN_COLLECTION = 10;

/**
 * How many documents must carry a line for it to be boilerplate: 1% of the collection, at least
 * 5. On 2,000 list messages that is 20 — a regular poster's signature (26 on email-linux-man)
 * counts, a paragraph quoted down one thread does not.
 */
export function boilerplateThreshold(documents: number): number {
  return Math.max(5, Math.ceil(documents * 0.01));
}

const MAX_KEY = 300;

/**
 * The key of a line, or null for lines that carry nothing to recognise: empty, punctuation or
 * numbers only, and quoted reply text ("> …"), which is another message's content.
 */
export function lineKey(line: string): string | null {
  const trimmed = line.trim();
  if (trimmed.startsWith('>')) return null;
  if (!/[\p{L}]/u.test(trimmed)) return null;
  const key = foldText(trimmed).replace(/\s+/g, ' ').slice(0, MAX_KEY);
  return key.length >= 2 ? key : null;
}

/** Each line of a text with its character range. */
export function linesOf(text: string): Array<{ line: string; start: number; end: number }> {
  const out: Array<{ line: string; start: number; end: number }> = [];
  let start = 0;
  for (const line of text.split('\n')) {
    out.push({ line, start, end: start + line.length });
    start += line.length + 1;
  }
  return out;
}

/** The character ranges of a text's boilerplate lines. */
export function boilerplateRanges(text: string, keys: ReadonlySet<string>): Array<[number, number]> {
  return boilerplateMatches(text, keys).ranges;
}

/** A text's boilerplate lines: their character ranges, and the keys found (into `found`). */
export function boilerplateMatches(text: string, keys: ReadonlySet<string>, found: Set<string> = new Set()): { ranges: Array<[number, number]>; found: Set<string> } {
  const ranges: Array<[number, number]> = [];
  if (keys.size === 0) return { ranges, found };
  for (const { line, start, end } of linesOf(text)) {
    const key = lineKey(line);
    if (key !== null && keys.has(key)) {
      ranges.push([start, end]);
      found.add(key);
    }
  }
  return { ranges, found };
}

/**
 * Which of the collection's lines a document's pages were split by, as one number (0: none): stored
 * with its index rows, so a later detection re-indexes only documents whose split would differ.
 */
export function boilerplateFingerprint(found: Iterable<string>): number {
  const keys = [...found].sort();
  return keys.length ? lineHash(keys.join('\n')) || 1 : 0;
}

/**
 * A 52-bit hash of a line's key (two 32-bit FNV-1a variants), exact in a JavaScript number and
 * in a 64-bit column: how stored counts recognise a line without storing every line's text.
 */
export function lineHash(key: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 12) * 2 ** 32 + (b >>> 0);
}

/** A line's count in a batch of documents, with its hash. */
export interface CountedLine extends BoilerplateBlock {
  hash: number;
}

/** Counts lines over documents, one document at a time; `blocks()` answers the repeated ones. */
export class BoilerplateCounter {
  private readonly counts = new Map<string, { text: string; documents: number }>();
  private documents = 0;

  /** Add one document (all its pages' text). */
  add(pages: string[]): void {
    this.documents++;
    const seen = new Set<string>();
    for (const text of pages) {
      for (const { line } of linesOf(text)) {
        const key = lineKey(line);
        if (key === null || seen.has(key)) continue;
        seen.add(key);
        const entry = this.counts.get(key);
        if (entry) entry.documents++;
        else this.counts.set(key, { text: line.trim().slice(0, MAX_KEY), documents: 1 });
      }
    }
  }

  /** How many documents were added. */
  get size(): number {
    return this.documents;
  }

  /** Every line counted, with its hash: what is added to the stored counts. */
  lines(): CountedLine[] {
    return [...this.counts].map(([key, v]) => ({ key, text: v.text, documents: v.documents, hash: lineHash(key) }));
  }

  blocks(): BoilerplateBlock[] {
    if (this.documents < MIN_COLLECTION) return [];
    const threshold = boilerplateThreshold(this.documents);
    return [...this.counts].filter(([, v]) => v.documents >= threshold).map(([key, v]) => ({ key, text: v.text, documents: v.documents })).sort((a, b) => b.documents - a.documents || a.key.localeCompare(b.key));
  }
}
