/**
 * The extract stage: read one stored file of a known type and return its text by page, its
 * metadata and any files embedded in it. Expected failures come back as data with a reason.
 */
import fs from 'node:fs';
import type { ExtractionResult } from '../domain/extraction.js';
import type { ExtractContext } from './context.js';
import { EMF_MIME } from './image/emf.js';
import { hasTool } from './run-tool.js';
// Each reader is imported on the first file of its kind (below): a process that reads only
// e-mails and Markdown never compiles the PDF, Office, e-book or image readers and their
// libraries, which every extraction process and every command used to pay for at start-up.
// emf.js is loaded by detect-type anyway.

export type { ExtractContext } from './context.js';
export { detectType } from './detect-type.js';
export { decodeText } from './text/decode-text.js';
export { needsOcr as pageNeedsOcr } from './pdf/clean-pdf-text.js';
export { ocrPages, MAX_PAGE_PIXELS_SIDE, type ImageStore, type OcrEngine, type OcrPageOutcome, type OcrRequest } from './ocr/index.js';

/** Largest text-like file read whole into memory (plain text, HTML, RTF). */
const MAX_TEXT_BYTES = 256 * 1024 * 1024;

const UNSUPPORTED: Record<string, string> = {
  'application/onenote': 'OneNote sections are not read: no maintained reader of the format exists for Node or Debian',
  'application/vnd.visio': 'legacy Visio (.vsd) drawings are not read; Visio 2013+ (.vsdx) files are',
  'application/x-mspublisher': 'Publisher (.pub) files are not read yet',
  'application/x-cfb': 'an OLE compound file of unknown kind',
  'application/octet-stream': 'binary content of no recognised type',
};

/** Workbooks SheetJS reads: BIFF .xls, binary .xlsb, dBase tables. */
const SPREADSHEETS = new Set(['application/vnd.ms-excel', 'application/vnd.ms-excel.sheet.binary.macroenabled.12', 'application/x-dbf']);

/** Word processors no library reads: Works, WordPerfect (libwps/libwpd's converters or LibreOffice), Hangul HWP 97 (LibreOffice). */
const LEGACY_WORD_PROCESSORS = new Set(['application/vnd.ms-works', 'application/x-hwp', 'application/vnd.wordperfect']);

/** Whether a media type is read by this stage (as opposed to unpacked as a container). */
export function isExtractable(mime: string): boolean {
  return !(mime in UNSUPPORTED) && mime !== 'application/x-empty';
}

/** Choose the PDF engine: poppler when installed (faster, better Chinese), pdf.js otherwise. */
export async function choosePdfEngine(preference: 'auto' | 'poppler' | 'pdfjs'): Promise<'poppler' | 'pdfjs'> {
  if (preference !== 'auto') return preference;
  return (await hasTool('pdftotext')) && (await hasTool('pdfinfo')) ? 'poppler' : 'pdfjs';
}

/**
 * A PDF through the chosen engine; when that engine calls it damaged, the other one tries, then
 * MuPDF's repair, before the file is called `corrupt` (pdf.js reads files poppler rejects, and the
 * other way round; MuPDF rebuilds PDFs whose cross-reference stream is lost, which neither reads).
 */
async function extractPdf(ctx: ExtractContext): Promise<ExtractionResult> {
  type Engine = 'poppler' | 'pdfjs' | 'mupdf';
  const run = (engine: Engine): Promise<ExtractionResult> =>
    (engine === 'poppler' ? import('./pdf/poppler-pdf.js').then((m) => m.extractPdfWithPoppler(ctx.file, ctx.timeoutMs)) : engine === 'pdfjs' ? import('./pdf/pdfjs-pdf.js').then((m) => m.extractPdfWithPdfjs(ctx.file)) : import('./pdf/mupdf-pdf.js').then((m) => m.extractPdfWithMupdf(ctx.file))).catch(
      (error: unknown): ExtractionResult => ({ ok: false, mime: 'application/pdf', reason: 'corrupt', message: (error as Error).message }),
    );
  const order: Engine[] = ctx.pdfEngine === 'poppler' ? ['poppler', 'pdfjs', 'mupdf'] : ['pdfjs', 'poppler', 'mupdf'];
  const first = await run(order[0]!);
  if (first.ok || first.reason !== 'corrupt') return first;
  const tried: Engine[] = [];
  for (const engine of order.slice(1)) {
    if (engine === 'poppler' && !(await hasTool('pdftotext'))) continue;
    tried.push(engine);
    const next = await run(engine);
    if (!next.ok) continue;
    next.extraction.metadata.pdfEngine = engine;
    next.extraction.metadata.warning = `${order[0]} rejected the file (${first.message}); ${engine} read it`;
    return next;
  }
  return { ...first, message: `${first.message}; ${tried.join(' and ')} could not read it either` };
}

function readSmall(ctx: ExtractContext): Buffer | ExtractionResult {
  if (ctx.size > MAX_TEXT_BYTES) return { ok: false, mime: ctx.mime, reason: 'too_large', message: `text files over ${MAX_TEXT_BYTES} bytes are not read whole` };
  return fs.readFileSync(ctx.file);
}

/** Extract text, metadata and embedded files from one document. */
export async function extractDocument(ctx: ExtractContext): Promise<ExtractionResult> {
  const { mime } = ctx;
  if (mime === 'application/x-empty') return { ok: false, mime, reason: 'empty', message: 'the file is empty (0 bytes)' };
  if (mime === 'application/x-ooxml-encrypted') return { ok: false, mime, reason: 'encrypted', message: 'the Office file is password-protected' };
  if (mime in UNSUPPORTED) return { ok: false, mime, reason: 'unsupported', message: UNSUPPORTED[mime]! };
  if (mime === 'application/pdf') return extractPdf(ctx);
  if (mime.startsWith('application/vnd.openxmlformats-officedocument.')) return (await import('./office/ooxml.js')).extractOoxml(ctx.file, mime, ctx.maxEntryBytes, (name, content) => ctx.storeChild(name, content));
  if (mime.startsWith('application/vnd.oasis.opendocument.')) return (await import('./office/odf.js')).extractOdf(ctx.file, mime, ctx.maxEntryBytes);
  if (mime === 'message/rfc822') return (await import('./email/eml.js')).extractEmail(ctx);
  if (mime === 'application/vnd.ms-outlook') return (await import('./email/msg.js')).extractMsg(ctx);
  if (mime === 'application/msword') return (await import('./office/word-doc.js')).extractWordDoc(ctx.file);
  if (mime === 'application/x-ole-package') return (await import('./office/ole-package.js')).extractOlePackage(ctx);
  if (SPREADSHEETS.has(mime)) return (await import('./sheet/spreadsheet.js')).extractSpreadsheet(ctx.file, mime, ctx.size);
  if (mime === 'application/vnd.ms-powerpoint') return (await import('./slides/ppt.js')).extractPpt(ctx.file, ctx.size);
  if (mime === 'image/vnd.djvu') return (await import('./djvu/djvu.js')).extractDjvu(ctx.file, ctx.timeoutMs);
  if (mime === 'application/epub+zip') return (await import('./book/epub.js')).extractEpub(ctx.file, ctx.maxEntryBytes);
  if (mime === 'application/x-msaccess') return (await import('./database/access.js')).extractAccess(ctx.file, ctx.timeoutMs);
  if (mime === 'application/vnd.ms-htmlhelp') return (await import('./help/chm.js')).extractChm(ctx.file, ctx.timeoutMs);
  if (LEGACY_WORD_PROCESSORS.has(mime)) return (await import('./office/legacy-word.js')).extractLegacyWordProcessor(ctx.file, mime, ctx.timeoutMs);
  if (mime === 'application/vnd.ms-visio.drawing') return (await import('./office/vsdx.js')).extractVsdx(ctx.file, ctx.maxEntryBytes);
  if (mime === EMF_MIME) return (await import('./image/emf.js')).extractEmf(ctx.file, ctx.size);
  if (mime.startsWith('image/')) return (await import('./image/image.js')).extractImage(ctx.file, mime);
  if (mime === 'application/rtf' || mime === 'text/rtf') {
    const bytes = readSmall(ctx);
    return Buffer.isBuffer(bytes) ? (await import('./office/rtf.js')).extractRtf(bytes) : bytes;
  }
  if (mime === 'text/html' || mime === 'application/xhtml+xml') {
    const bytes = readSmall(ctx);
    return Buffer.isBuffer(bytes) ? (await import('./html/html.js')).extractHtml(bytes) : bytes;
  }
  if (mime.startsWith('text/') || mime === 'application/xml' || mime === 'application/json') {
    const bytes = readSmall(ctx);
    return Buffer.isBuffer(bytes) ? (await import('./text/plain-text.js')).extractPlainText(bytes, mime) : bytes;
  }
  return { ok: false, mime, reason: 'unsupported', message: `files of type ${mime} are not read yet` };
}
