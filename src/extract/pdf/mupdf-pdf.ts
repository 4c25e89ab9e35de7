import fs from 'node:fs';
import type { Metadata } from '../../domain/document.js';
import type { ExtractionResult } from '../../domain/extraction.js';
import { cleanPdfText, needsOcr } from './clean-pdf-text.js';

const INFO: Array<[string, string]> = [
  ['info:Title', 'title'], ['info:Author', 'author'], ['info:Subject', 'subject'], ['info:Keywords', 'keywords'],
  ['info:Creator', 'creator'], ['info:Producer', 'producer'], ['info:CreationDate', 'created'], ['info:ModDate', 'modified'],
];

/**
 * A PDF through MuPDF (the `mupdf` package, WebAssembly), whose repair rebuilds what poppler and
 * pdf.js give up on, such as a PDF 1.5 file whose cross-reference stream is lost: its objects live
 * in object streams that only a parser that opens those streams while repairing can find. Loaded
 * on first use only (10 MB of WebAssembly); the last engine tried before a PDF is called corrupt.
 */
export async function extractPdfWithMupdf(file: string): Promise<ExtractionResult> {
  const mime = 'application/pdf';
  const mupdf = await import('mupdf');
  let doc: InstanceType<typeof mupdf.Document>;
  try {
    doc = mupdf.Document.openDocument(fs.readFileSync(file), mime);
  } catch (error) {
    return { ok: false, mime, reason: 'corrupt', message: `the PDF could not be read: ${(error as Error).message}` };
  }
  try {
    if (doc.needsPassword()) return { ok: false, mime, reason: 'encrypted', message: 'the PDF needs a password to open' };
    const count = doc.countPages();
    if (count === 0) return { ok: false, mime, reason: 'corrupt', message: 'the PDF has no pages' };
    const metadata: Metadata = { pages: count };
    for (const [key, name] of INFO) {
      const value = doc.getMetaData(key);
      if (typeof value === 'string' && value.trim() !== '') metadata[name] = value.trim();
    }
    const pages = [];
    for (let n = 0; n < count; n++) {
      const page = doc.loadPage(n);
      const text = page.toStructuredText('preserve-whitespace').asText();
      pages.push({ page: n + 1, text: cleanPdfText(text).trim() });
      page.destroy();
    }
    const title = typeof metadata.title === 'string' ? metadata.title : null;
    return { ok: true, extraction: { mime, title, pages, metadata, children: [], needsOcr: pages.some((p) => needsOcr(p.text)) } };
  } catch (error) {
    return { ok: false, mime, reason: 'corrupt', message: `the PDF could not be read: ${(error as Error).message}` };
  } finally {
    doc.destroy();
  }
}
