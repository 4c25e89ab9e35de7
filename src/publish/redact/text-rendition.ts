import type { PDFDocument } from 'mupdf';
import type { BurnedBox } from '../../domain/redaction.js';
import { showText, type PageFonts } from './pdf-fonts.js';

const PAGE = { width: 595, height: 842, margin: 56, size: 10.5, leading: 15 };

/** A stored page's text with, per character, whether it is redacted. */
export interface RenditionPage {
  text: string;
  redacted: boolean[];
}

interface Cell {
  ch: string;
  x: number;
  advance: number;
  redacted: boolean;
}

/** Break a text into lines of cells that fit the page width (at newlines, and wherever a line is full). */
function layout(fonts: PageFonts, page: RenditionPage): Cell[][] {
  const lines: Cell[][] = [];
  const usable = PAGE.width - 2 * PAGE.margin;
  let line: Cell[] = [];
  let x = 0;
  const chars = [...page.text];
  let offset = 0;
  for (const ch of chars) {
    const redacted = page.redacted[offset] ?? false;
    offset += ch.length;
    if (ch === '\n' || ch === '\f') {
      lines.push(line);
      line = [];
      x = 0;
      continue;
    }
    const advance = (ch === '\t' ? 2 : fonts.glyph(ch).advance) * PAGE.size;
    if (x + advance > usable && line.length > 0) {
      lines.push(line);
      line = [];
      x = 0;
    }
    line.push({ ch: ch === '\t' || ch === '\r' ? ' ' : ch, x, advance, redacted });
    x += advance;
  }
  lines.push(line);
  return lines;
}

/**
 * A PDF rendition of a document's text, one or more A4 pages per stored page: redacted characters
 * are never written, a solid block is drawn where they were. Returns the blocks (for the check).
 */
export function addRenditionPages(out: PDFDocument, fonts: PageFonts, pages: RenditionPage[]): BurnedBox[] {
  const boxes: BurnedBox[] = [];
  let pageNumber = 0;
  for (const stored of pages) {
    const lines = layout(fonts, stored);
    const perPage = Math.floor((PAGE.height - 2 * PAGE.margin) / PAGE.leading);
    for (let first = 0; first < Math.max(1, lines.length); first += perPage) {
      pageNumber++;
      const text: string[] = ['BT'];
      const blocks: string[] = [];
      lines.slice(first, first + perPage).forEach((line, i) => {
        const top = PAGE.margin + i * PAGE.leading;
        const baseline = PAGE.height - top - PAGE.size;
        for (let k = 0; k < line.length; ) {
          const redacted = line[k]!.redacted;
          let j = k;
          while (j + 1 < line.length && line[j + 1]!.redacted === redacted) j++;
          const x = PAGE.margin + line[k]!.x;
          const w = line[j]!.x + line[j]!.advance - line[k]!.x;
          if (redacted) {
            boxes.push({ page: pageNumber, x, y: top, w, h: PAGE.leading });
            blocks.push(`${x.toFixed(2)} ${(PAGE.height - top - PAGE.leading).toFixed(2)} ${w.toFixed(2)} ${PAGE.leading.toFixed(2)} re f`);
          } else {
            const run = line.slice(k, j + 1).map((c) => c.ch).join('');
            if (run.trim()) text.push(showText(fonts, run, x, baseline, PAGE.size));
          }
          k = j + 1;
        }
      });
      text.push('ET');
      const content = `${text.join('\n')}\nq 0 0 0 rg\n${blocks.join('\n')}\nQ`;
      const resources = out.addObject({ Font: fonts.resources() });
      out.insertPage(-1, out.addPage([0, 0, PAGE.width, PAGE.height], 0, resources, content));
    }
  }
  return boxes;
}
