import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Metadata } from '../../domain/document.js';
import type { ExtractionResult } from '../../domain/extraction.js';
import { cleanPdfText, needsOcr } from './clean-pdf-text.js';

const require = createRequire(import.meta.url);

function pdfjsRoot(): string {
  return path.dirname(require.resolve('pdfjs-dist/package.json'));
}

interface TextItem {
  str?: string;
  hasEOL?: boolean;
}

/** Extract a PDF's text layer with pdf.js, for machines without poppler. */
export async function extractPdfWithPdfjs(file: string): Promise<ExtractionResult> {
  const mime = 'application/pdf';
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const root = pdfjsRoot();
  const data = new Uint8Array(fs.readFileSync(file));
  const task = pdfjs.getDocument({
    data,
    cMapUrl: `${path.join(root, 'cmaps')}/`,
    cMapPacked: true,
    standardFontDataUrl: `${path.join(root, 'standard_fonts')}/`,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'PasswordException') return { ok: false, mime, reason: 'encrypted', message: 'the PDF needs a password to open' };
    return { ok: false, mime, reason: 'corrupt', message: `the PDF could not be read: ${(error as Error).message}` };
  }
  try {
    const metadata: Metadata = { pages: doc.numPages };
    const { info } = (await doc.getMetadata().catch(() => ({ info: {} }))) as { info: Record<string, unknown> };
    const fields: Array<[string, string]> = [
      ['Title', 'title'], ['Author', 'author'], ['Subject', 'subject'], ['Keywords', 'keywords'],
      ['Creator', 'creator'], ['Producer', 'producer'], ['CreationDate', 'created'], ['ModDate', 'modified'],
    ];
    for (const [from, to] of fields) {
      const value = info[from];
      if (typeof value === 'string' && value.trim() !== '') metadata[to] = value.trim();
    }
    const pages = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items as TextItem[]) {
        text += item.str ?? '';
        if (item.hasEOL) text += '\n';
      }
      pages.push({ page: n, text: cleanPdfText(text).trim() });
      page.cleanup();
    }
    const title = typeof metadata.title === 'string' ? metadata.title : null;
    return { ok: true, extraction: { mime, title, pages, metadata, children: [], needsOcr: pages.some((p) => needsOcr(p.text)) } };
  } finally {
    await doc.destroy();
  }
}
