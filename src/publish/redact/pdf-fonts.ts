import fs from 'node:fs';
import type { Font, PDFDocument, PDFObject } from 'mupdf';
import type { Mupdf } from './mupdf-module.js';

/**
 * The fonts our own PDF pages are written in: DejaVu Sans for Latin, Greek and Cyrillic, Droid
 * Sans Fallback for Han (a TrueType font, which MuPDF subsets on save; the Noto CJK collection is
 * CFF and would be embedded whole, 13 MB a derivative). Each character goes to the first font
 * that has a glyph for it.
 */
const FONT_FILES = [
  { name: 'DejaVuSans', file: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf' },
  { name: 'DroidSansFallback', file: '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf' },
];

export interface PageFonts {
  /** Resource names (F0, F1) → font objects of the fonts used so far, for a page's /Font dictionary. */
  resources(): Record<string, PDFObject>;
  /** The font (index) and glyph of a character, and its advance in ems. */
  glyph(ch: string): { font: number; gid: number; advance: number };
}

const loaded = new Map<string, Font>();

export function pageFonts(mu: Mupdf, doc: PDFDocument): PageFonts {
  const fonts = FONT_FILES.map(({ name, file }) => {
    let font = loaded.get(name);
    if (!font) {
      if (!fs.existsSync(file)) throw new Error(`font ${file} is missing (Debian packages fonts-dejavu-core and fonts-droid-fallback)`);
      font = new mu.Font(name, fs.readFileSync(file));
      loaded.set(name, font);
    }
    return font;
  });
  // A font is embedded on first use only: MuPDF's subsetter leaves an unused font whole.
  const added: Record<string, PDFObject> = {};
  const use = (i: number) => (added[`F${i}`] ??= doc.addFont(fonts[i]!));
  const cache = new Map<string, { font: number; gid: number; advance: number }>();
  return {
    resources: () => ({ ...added }),
    glyph(ch) {
      let hit = cache.get(ch);
      if (!hit) {
        const cp = ch.codePointAt(0) ?? 32;
        hit = { font: fonts.length - 1, gid: 0, advance: 0.5 };
        for (let i = 0; i < fonts.length; i++) {
          const gid = fonts[i]!.encodeCharacter(cp);
          if (gid > 0) {
            hit = { font: i, gid, advance: fonts[i]!.advanceGlyph(gid) };
            break;
          }
        }
        cache.set(ch, hit);
      }
      use(hit.font);
      return hit;
    },
  };
}

/** A run of characters in one font as a PDF hex string of glyph ids (Identity-H). */
export function glyphHex(gids: number[]): string {
  return `<${gids.map((g) => g.toString(16).padStart(4, '0')).join('')}>`;
}

/**
 * Text-showing operators for a string at (x, baseline) in PDF space (origin bottom left):
 * runs split where the font changes. `scale` stretches it horizontally (Tz) to fit a box.
 */
export function showText(fonts: PageFonts, text: string, x: number, baseline: number, size: number, scale = 100): string {
  const ops: string[] = [];
  let cursor = x;
  let run: number[] = [];
  let runFont = -1;
  let runX = x;
  const flush = () => {
    if (run.length > 0) ops.push(`/F${runFont} ${size.toFixed(2)} Tf ${scale.toFixed(2)} Tz 1 0 0 1 ${runX.toFixed(2)} ${baseline.toFixed(2)} Tm ${glyphHex(run)} Tj`);
    run = [];
  };
  for (const ch of text) {
    const g = fonts.glyph(ch);
    if (g.font !== runFont) {
      flush();
      runFont = g.font;
      runX = cursor;
    }
    run.push(g.gid);
    cursor += g.advance * size * (scale / 100);
  }
  flush();
  return ops.join('\n');
}

/** The natural width of a text at a size, in points. */
export function textWidth(fonts: PageFonts, text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += fonts.glyph(ch).advance * size;
  return w;
}
