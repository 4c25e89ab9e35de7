import sharp from 'sharp';
import type { PDFDocument } from 'mupdf';
import type { OcrPageRecord } from '../../domain/ocr.js';
import type { PixelBox } from '../../domain/redaction.js';
import { findFolded, foldForMatch, foldUnits } from './fold-match.js';
import type { Mupdf } from './mupdf-module.js';
import { showText, type PageFonts } from './pdf-fonts.js';

/** Page images are 300 dpi: a pixel is 72/300 of a point. */
export const POINTS_PER_PIXEL = 72 / 300;

type WordRow = OcrPageRecord['words'][number];

/** One OCR character with its share of its word's box (a Chinese OCR word is often a run of characters). */
interface OcrChar {
  ch: string;
  word: number;
  box: PixelBox;
}

function charsOf(words: WordRow[]): OcrChar[] {
  const out: OcrChar[] = [];
  words.forEach(([text, x, y, w, h], word) => {
    const chars = [...text];
    chars.forEach((ch, i) => out.push({ ch, word, box: { x: x + (w * i) / chars.length, y, w: w / chars.length, h } }));
  });
  return out;
}

const overlaps = (a: PixelBox, b: PixelBox) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** The pixel boxes covering every occurrence of these texts among the page's OCR words. */
export function ocrBoxesForTexts(ocr: OcrPageRecord, texts: string[]): PixelBox[] {
  const chars = charsOf(ocr.words);
  const folded = foldUnits(chars.map((c) => c.ch));
  const boxes: PixelBox[] = [];
  for (const text of texts) {
    for (const [s, e] of findFolded(folded, foldForMatch(text))) {
      // One box per word the occurrence touches, from its first to its last character there.
      for (let i = s; i <= e; ) {
        let j = i;
        while (j + 1 <= e && chars[j + 1]!.word === chars[i]!.word) j++;
        const a = chars[i]!.box;
        const b = chars[j]!.box;
        boxes.push({ x: a.x, y: Math.min(a.y, b.y), w: b.x + b.w - a.x, h: Math.max(a.h, b.h) });
        i = j + 1;
      }
    }
  }
  return boxes;
}

/** Grow a box by a few pixels and keep it on the image: OCR boxes are tight around the ink. */
function padded(box: PixelBox, width: number, height: number, pad = 3): PixelBox {
  const x = Math.max(0, Math.floor(box.x - pad));
  const y = Math.max(0, Math.floor(box.y - pad));
  return { x, y, w: Math.min(width, Math.ceil(box.x + box.w + pad)) - x, h: Math.min(height, Math.ceil(box.y + box.h + pad)) - y };
}

export interface BurnedScan {
  png: Buffer;
  width: number;
  height: number;
  boxes: PixelBox[];
  /** The OCR words kept (characters under a box dropped, the rest of a cut word kept as pieces). */
  words: WordRow[];
  /** Text that was under the boxes, per run, for the check to look for. */
  removed: string[];
}

/** Burn boxes into a page image (solid black, new pixels) and drop the OCR characters under them. */
export async function burnScan(imageFile: string | Buffer, ocr: OcrPageRecord, rawBoxes: PixelBox[]): Promise<BurnedScan> {
  const meta = await sharp(imageFile).metadata();
  const width = meta.width ?? ocr.width;
  const height = meta.height ?? ocr.height;
  const boxes = rawBoxes.map((b) => padded(b, width, height)).filter((b) => b.w > 0 && b.h > 0);
  const png = await sharp(imageFile)
    .flatten({ background: '#ffffff' })
    .composite(boxes.map((b) => ({ input: { create: { width: b.w, height: b.h, channels: 3 as const, background: '#000000' } }, left: b.x, top: b.y })))
    .png({ compressionLevel: 9 })
    .toBuffer();
  const words: WordRow[] = [];
  const removed: string[] = [];
  let cut = '';
  for (const [index, row] of ocr.words.entries()) {
    let piece: OcrChar[] = [];
    const keep = () => {
      if (piece.length === 0) return;
      const first = piece[0]!.box;
      const last = piece[piece.length - 1]!.box;
      words.push([piece.map((c) => c.ch).join(''), first.x, first.y, last.x + last.w - first.x, first.h, row[5]]);
      piece = [];
    };
    for (const c of charsOf([row]).map((c) => ({ ...c, word: index }))) {
      if (boxes.some((b) => overlaps(b, c.box))) {
        keep();
        cut += c.ch;
      } else {
        if (cut) removed.push(cut);
        cut = '';
        piece.push(c);
      }
    }
    keep();
  }
  if (cut) removed.push(cut);
  return { png, width, height, boxes, words, removed };
}

/** A new PDF page: the burned image, and the remaining words as invisible text (render mode 3) over it. */
export function addScanPage(mu: Mupdf, out: PDFDocument, fonts: PageFonts, scan: BurnedScan): void {
  const W = scan.width * POINTS_PER_PIXEL;
  const H = scan.height * POINTS_PER_PIXEL;
  const image = out.addImage(new mu.Image(scan.png));
  const ops = [`q ${W.toFixed(2)} 0 0 ${H.toFixed(2)} 0 0 cm /Im0 Do Q`, 'BT 3 Tr'];
  for (const [text, x, y, w, h] of scan.words) {
    if (!text.trim()) continue;
    const size = Math.max(1, h * POINTS_PER_PIXEL);
    const natural = [...text].reduce((sum, ch) => sum + fonts.glyph(ch).advance * size, 0);
    const scale = natural > 0 ? Math.min(1000, Math.max(1, (100 * w * POINTS_PER_PIXEL) / natural)) : 100;
    ops.push(showText(fonts, text, x * POINTS_PER_PIXEL, H - (y + h) * POINTS_PER_PIXEL + size * 0.15, size, scale));
  }
  ops.push('ET');
  const resources = out.addObject({ XObject: { Im0: image }, Font: fonts.resources() });
  const page = out.addPage([0, 0, W, H], 0, resources, ops.join('\n'));
  out.insertPage(-1, page);
}
