import WordExtractor from 'word-extractor';
import type { ExtractionResult } from '../../domain/extraction.js';

/** A legacy Word 97–2003 (.doc) file: body, headers, footnotes and endnotes as text. */
export async function extractWordDoc(file: string): Promise<ExtractionResult> {
  const mime = 'application/msword';
  try {
    const doc = await new WordExtractor().extract(file);
    const parts = [doc.getBody(), doc.getHeaders({ includeFooters: true }), doc.getFootnotes(), doc.getEndnotes(), doc.getAnnotations()].map((t) => t.trim()).filter(Boolean);
    return { ok: true, extraction: { mime, title: null, pages: [{ page: 1, text: parts.join('\n\n') }], metadata: {}, children: [], needsOcr: false } };
  } catch (error) {
    const message = (error as Error).message;
    if (/encrypt/i.test(message)) return { ok: false, mime, reason: 'encrypted', message: 'the Word document is password-protected' };
    return { ok: false, mime, reason: 'corrupt', message: `the Word document could not be read: ${message}` };
  }
}
