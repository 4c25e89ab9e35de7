import type { BurnedBox, DerivativeMethod, PixelBox, RedactionMark } from '../../domain/redaction.js';
import { DossierError } from '../../domain/errors.js';
import type { RedactablePage } from '../../platform/db/repositories/redaction-repository.js';
import type { SearchedString } from './check-pdf.js';
import { findFolded, foldForMatch, foldUnits } from './fold-match.js';
import { loadMupdf } from './mupdf-module.js';
import { pageFonts } from './pdf-fonts.js';
import { copyCleanPage, redactRegions, regionOfBox, regionsForTexts, textUnder, type PageRegion } from './pdf-page-redact.js';
import { addScanPage, burnScan, ocrBoxesForTexts, POINTS_PER_PIXEL } from './scan-page.js';
import { addRenditionPages } from './text-rendition.js';

export interface BuiltDerivative {
  bytes: Buffer;
  method: DerivativeMethod;
  boxes: BurnedBox[];
  strings: SearchedString[];
}

export interface DerivativeSource {
  /** The original file's bytes. */
  original(): Promise<Buffer>;
  mime: string | null;
  pages: RedactablePage[];
  /** The bytes of an OCR'd page's image, by its blob. */
  pageImage(sha256: string): Promise<Buffer>;
}

/** A redacted string is searched for only when it is long enough not to be found by chance elsewhere. */
const MIN_UNDER_BOX = 4;

const textsFor = (marks: RedactionMark[], page: number) => marks.flatMap((m) => (m.kind === 'text' && (m.page === null || m.page === page) ? [m.text] : []));
const boxesFor = (marks: RedactionMark[], page: number) => marks.flatMap((m) => (m.kind === 'box' && m.page === page ? [m.box] : []));
const wholePage = (marks: RedactionMark[], page: number) => marks.some((m) => m.kind === 'page' && m.page === page);

function textStrings(marks: RedactionMark[]): SearchedString[] {
  return marks.flatMap((m) => (m.kind === 'text' ? [{ page: m.page, text: m.text }] : []));
}

const underBox = (page: number, runs: string[]): SearchedString[] =>
  runs.filter((r) => foldForMatch(r).length >= MIN_UNDER_BOX).map((text) => ({ page, text }));

/**
 * Apply marks to a copy of a document and write the copy as a new PDF (a full rewrite into a new
 * document: no earlier revision, no Info dictionary, no XMP, no names tree, no forms, no actions).
 * PDFs: MuPDF redaction of text pages, OCR'd pages rebuilt from burned images. Scanned images: a
 * PDF of burned pages. Everything else: a rendition of the text with redacted spans as blocks.
 */
export async function buildDerivative(source: DerivativeSource, marks: RedactionMark[]): Promise<BuiltDerivative> {
  const mu = await loadMupdf();
  const out = new mu.PDFDocument();
  const boxes: BurnedBox[] = [];
  const strings = textStrings(marks);
  let method: DerivativeMethod;
  try {
    const fonts = pageFonts(mu, out);
    const isPdf = source.mime === 'application/pdf';
    const scanned = source.pages.length > 0 && source.pages.every((p) => p.ocr?.image);
    if (isPdf) {
      method = 'pdf';
      const original = new mu.PDFDocument(await source.original());
      try {
        if (original.needsPassword()) throw new DossierError('invalid_argument', 'the PDF is encrypted: it cannot be redacted');
        for (let index = 0; index < original.countPages(); index++) {
          const number = index + 1;
          const stored = source.pages.find((p) => p.page === number);
          if (stored?.ocr?.image) {
            const scan = await scanPage(source, stored, marks);
            addScanPage(mu, out, fonts, scan.burned);
            boxes.push(...scan.burned.boxes.map((b) => toPoints(out.countPages(), b)));
            strings.push(...underBox(number, scan.burned.removed));
            continue;
          }
          const page = original.loadPage(index);
          const [, , width, height] = page.getBounds();
          const regions: PageRegion[] = wholePage(marks, number)
            ? [{ x0: 0, y0: 0, x1: width, y1: height }]
            : [...regionsForTexts(page, textsFor(marks, number)), ...boxesFor(marks, number).map(regionOfBox)];
          strings.push(...underBox(number, textUnder(page, regions)));
          redactRegions(mu, page, regions);
          boxes.push(...regions.map((r) => ({ page: number, x: r.x0, y: r.y0, w: r.x1 - r.x0, h: r.y1 - r.y0 })));
          copyCleanPage(original, index, out);
        }
      } finally {
        original.destroy();
      }
    } else if (scanned) {
      method = 'scan';
      for (const stored of source.pages) {
        const scan = await scanPage(source, stored, marks);
        addScanPage(mu, out, fonts, scan.burned);
        boxes.push(...scan.burned.boxes.map((b) => toPoints(stored.page, b)));
        strings.push(...underBox(stored.page, scan.burned.removed));
      }
    } else {
      method = 'rendition';
      const pages = source.pages.map((p) => ({ text: p.text, redacted: redactedOffsets(p, marks) }));
      boxes.push(...addRenditionPages(out, fonts, pages.length ? pages : [{ text: '', redacted: [] }]));
      // A rendition page is not a stored page: its strings are searched everywhere.
      for (const s of strings) s.page = null;
      for (const p of source.pages) if (wholePage(marks, p.page)) strings.push(...underBox(p.page, p.text.split('\n')).map((s) => ({ ...s, page: null })));
    }
    out.subsetFonts();
    const bytes = Buffer.from(out.saveToBuffer('garbage=4,compress').asUint8Array());
    return { bytes, method, boxes, strings };
  } finally {
    out.destroy();
  }
}

function toPoints(page: number, b: PixelBox): BurnedBox {
  return { page, x: b.x * POINTS_PER_PIXEL, y: b.y * POINTS_PER_PIXEL, w: b.w * POINTS_PER_PIXEL, h: b.h * POINTS_PER_PIXEL };
}

async function scanPage(source: DerivativeSource, stored: RedactablePage, marks: RedactionMark[]) {
  const ocr = stored.ocr!;
  const regions: PixelBox[] = wholePage(marks, stored.page)
    ? [{ x: 0, y: 0, w: ocr.width, h: ocr.height }]
    : [...ocrBoxesForTexts(ocr, textsFor(marks, stored.page)), ...boxesFor(marks, stored.page)];
  return { burned: await burnScan(await source.pageImage(ocr.image!), ocr, regions) };
}

/** Which UTF-16 offsets of a stored page's text are redacted (every occurrence of each text mark; all of a marked page). */
function redactedOffsets(page: RedactablePage, marks: RedactionMark[]): boolean[] {
  const flags = new Array<boolean>(page.text.length).fill(wholePage(marks, page.page));
  const units = [...page.text];
  const starts: number[] = [];
  let offset = 0;
  for (const u of units) {
    starts.push(offset);
    offset += u.length;
  }
  const folded = foldUnits(units);
  for (const text of textsFor(marks, page.page)) {
    for (const [s, e] of findFolded(folded, foldForMatch(text))) {
      for (let i = starts[s]!; i < starts[e]! + units[e]!.length; i++) flags[i] = true;
    }
  }
  // Whitespace keeps its place so the layout does not move; only ink is replaced by the block.
  return flags.map((f, i) => f && !/\s/.test(page.text[i]!));
}
