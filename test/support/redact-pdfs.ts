/**
 * Real PDFs for the redaction tests, written with MuPDF (the `mupdf` package) and fonts installed
 * on the machine: a text page in Chinese and English with metadata, an annotation, an attachment
 * and JavaScript; and the naive redactions the check must catch (a black rectangle drawn over the
 * text, an image laid over it, an OCR layer under a scan, a name in the metadata, an incremental save).
 */
import fs from 'node:fs';
import * as mupdf from 'mupdf';

const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const DROID = '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf';

interface Fonts {
  doc: mupdf.PDFDocument;
  latin: mupdf.PDFObject;
  han: mupdf.PDFObject;
  latinFont: mupdf.Font;
  hanFont: mupdf.Font;
}

function fonts(doc: mupdf.PDFDocument): Fonts {
  const latinFont = new mupdf.Font('DejaVuSans', fs.readFileSync(DEJAVU));
  const hanFont = new mupdf.Font('Droid', fs.readFileSync(DROID));
  return { doc, latin: doc.addFont(latinFont), han: doc.addFont(hanFont), latinFont, hanFont };
}

/** Text operators for one line at (x, y), PDF space, Latin and Han glyphs from two fonts. */
function line(f: Fonts, text: string, x: number, y: number, size = 12, mode = 0): string {
  const ops: string[] = [`BT ${mode} Tr`];
  let cursor = x;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const latin = f.latinFont.encodeCharacter(cp);
    const [font, gid, name] = latin > 0 ? [f.latinFont, latin, 'FL'] : [f.hanFont, f.hanFont.encodeCharacter(cp), 'FH'];
    ops.push(`/${name} ${size} Tf 1 0 0 1 ${cursor.toFixed(2)} ${y} Tm <${gid.toString(16).padStart(4, '0')}> Tj`);
    cursor += font.advanceGlyph(gid) * size;
  }
  ops.push('ET');
  return ops.join('\n');
}

export interface PageSpec {
  lines: string[];
  /** Extra content after the text (a black rectangle, an image). */
  over?: string;
  /** Render mode of the text: 0 visible, 3 invisible (an OCR layer). */
  mode?: number;
  image?: Uint8Array;
  /** Draw the image over the text (text hidden under an image) instead of under it (a scan with an OCR layer). */
  imageOver?: boolean;
}

/** A PDF of A4 pages, each line 20 pt below the previous, from the top (y = 800). */
export function writePdf(pages: PageSpec[], extras: { author?: string; title?: string; annotation?: boolean; attachment?: string; javascript?: boolean } = {}): Buffer {
  const doc = new mupdf.PDFDocument();
  const f = fonts(doc);
  for (const spec of pages) {
    const ops: string[] = [];
    const xobjects: Record<string, mupdf.PDFObject> = {};
    if (spec.image) xobjects.Im0 = doc.addImage(new mupdf.Image(spec.image));
    const image = spec.image ? 'q 595 0 0 842 0 0 cm /Im0 Do Q' : '';
    if (!spec.imageOver) ops.push(image);
    spec.lines.forEach((text, i) => ops.push(line(f, text, 72, 800 - i * 20, 12, spec.mode ?? 0)));
    if (spec.imageOver) ops.push(image);
    if (spec.over) ops.push(spec.over);
    const resources = doc.addObject({ Font: { FL: f.latin, FH: f.han }, XObject: xobjects });
    doc.insertPage(-1, doc.addPage([0, 0, 595, 842], 0, resources, ops.join('\n')));
  }
  if (extras.author || extras.title) {
    const info = doc.addObject({});
    if (extras.author) info.put('Author', doc.newString(extras.author));
    if (extras.title) info.put('Title', doc.newString(extras.title));
    doc.getTrailer().put('Info', info);
  }
  if (extras.annotation) {
    const page = doc.loadPage(0);
    const note = page.createAnnotation('Text');
    note.setRect([300, 300, 320, 320]);
    note.setContents('reviewer note');
    page.update();
  }
  if (extras.attachment) doc.insertEmbeddedFile('source.txt', doc.addEmbeddedFile('source.txt', 'text/plain', Buffer.from(extras.attachment), new Date(), new Date()));
  if (extras.javascript) {
    const action = doc.addObject({ S: doc.newName('JavaScript'), JS: doc.newString('app.alert("hi")') });
    doc.getTrailer().get('Root').put('OpenAction', action);
  }
  doc.subsetFonts();
  const bytes = Buffer.from(doc.saveToBuffer('garbage=4,compress').asUint8Array());
  doc.destroy();
  return bytes;
}

/** Save a PDF again incrementally after drawing a black box over its first line (the earlier revision stays in the file). */
export function incrementalBlackBox(bytes: Buffer): Buffer {
  const doc = new mupdf.PDFDocument(bytes);
  const page = doc.loadPage(0);
  const annot = page.createAnnotation('Redact');
  annot.setRect([60, 30, 400, 50]);
  page.applyRedactions(true, 2, 1, 0);
  const out = Buffer.from(doc.saveToBuffer('incremental').asUint8Array());
  doc.destroy();
  return out;
}

export const BLACK_BOX = (x: number, y: number, w: number, h: number) => `q 0 0 0 rg ${x} ${y} ${w} ${h} re f Q`;
