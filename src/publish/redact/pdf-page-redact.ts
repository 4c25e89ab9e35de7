import type { PDFDocument, PDFPage, Quad, Rect } from 'mupdf';
import type { PixelBox } from '../../domain/redaction.js';
import { findFolded, foldForMatch, foldUnits } from './fold-match.js';
import type { Mupdf } from './mupdf-module.js';
import { POINTS_PER_PIXEL } from './scan-page.js';

/** A region to remove from a page, in MuPDF's page space (points, origin top left). */
export interface PageRegion {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

interface TextChar {
  ch: string;
  line: number;
  quad: Quad;
}

/** The characters of a page's text layer as MuPDF reads them, with their line and quad. */
function pageChars(page: PDFPage): TextChar[] {
  const chars: TextChar[] = [];
  let line = 0;
  page.toStructuredText('preserve-whitespace').walk({
    beginLine: () => void line++,
    onChar: (ch, _origin, _font, _size, quad) => void chars.push({ ch, line, quad }),
  });
  return chars;
}

const bounds = (quads: Quad[]): PageRegion => {
  const xs = quads.flatMap((q) => [q[0], q[2], q[4], q[6]]);
  const ys = quads.flatMap((q) => [q[1], q[3], q[5], q[7]]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
};

/** The regions of every occurrence of these texts on a page: one region per line an occurrence spans. */
export function regionsForTexts(page: PDFPage, texts: string[]): PageRegion[] {
  const chars = pageChars(page);
  const folded = foldUnits(chars.map((c) => c.ch));
  const regions: PageRegion[] = [];
  for (const text of texts) {
    for (const [s, e] of findFolded(folded, foldForMatch(text))) {
      for (let i = s; i <= e; ) {
        let j = i;
        while (j + 1 <= e && chars[j + 1]!.line === chars[i]!.line) j++;
        regions.push(bounds(chars.slice(i, j + 1).map((c) => c.quad)));
        i = j + 1;
      }
    }
  }
  return regions;
}

export const regionOfBox = (box: PixelBox): PageRegion => ({
  x0: box.x * POINTS_PER_PIXEL,
  y0: box.y * POINTS_PER_PIXEL,
  x1: (box.x + box.w) * POINTS_PER_PIXEL,
  y1: (box.y + box.h) * POINTS_PER_PIXEL,
});

/** The text under regions (characters whose centre is inside), per line run, for the check to look for. */
export function textUnder(page: PDFPage, regions: PageRegion[]): string[] {
  const runs: string[] = [];
  let run = '';
  let line = -1;
  for (const c of pageChars(page)) {
    const b = bounds([c.quad]);
    const cx = (b.x0 + b.x1) / 2;
    const cy = (b.y0 + b.y1) / 2;
    const inside = regions.some((r) => cx >= r.x0 && cx <= r.x1 && cy >= r.y0 && cy <= r.y1);
    if (!inside || c.line !== line) {
      if (run.trim()) runs.push(run);
      run = '';
    }
    line = c.line;
    if (inside) run += c.ch;
  }
  if (run.trim()) runs.push(run);
  return runs;
}

/**
 * Remove text, image pixels and vector art under the regions (Redact annotations, then
 * applyRedactions, which rewrites the content stream and the images), leaving black boxes.
 */
export function redactRegions(mu: Mupdf, page: PDFPage, regions: PageRegion[]): void {
  if (regions.length === 0) return;
  for (const r of regions) {
    const annot = page.createAnnotation('Redact');
    annot.setRect([r.x0, r.y0, r.x1, r.y1] as Rect);
  }
  page.applyRedactions(true, mu.PDFPage.REDACT_IMAGE_PIXELS, mu.PDFPage.REDACT_LINE_ART_REMOVE_IF_COVERED, mu.PDFPage.REDACT_TEXT_REMOVE);
}

/** Keys of a page object that carry content other than the page itself: annotations, actions, thumbnails. */
const PAGE_EXTRAS = ['Annots', 'AA', 'Metadata', 'Thumb', 'PieceInfo', 'B', 'StructParents'];

/**
 * Copy a redacted page into the new document, without its annotations (widgets, links, comments),
 * page actions, XMP or embedded thumbnail (an unredacted picture of the page).
 */
export function copyCleanPage(source: PDFDocument, index: number, out: PDFDocument): void {
  const pageObj = source.findPage(index);
  for (const key of PAGE_EXTRAS) pageObj.delete(key);
  out.graftPage(-1, source, index);
}
