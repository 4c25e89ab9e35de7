import { DossierError } from '../../domain/errors.js';
import type { RedactableDocument, RedactablePage } from '../../platform/db/repositories/redaction-repository.js';
import { loadMupdf } from './mupdf-module.js';
import type { RedactDeps } from './ports.js';
import { POINTS_PER_PIXEL } from './scan-page.js';

/** A document that can be redacted: found, extracted, its file in the blob store. Else a clear error. */
export async function redactableDocument(deps: RedactDeps, documentId: number): Promise<{ doc: RedactableDocument & { sha256: string }; pages: RedactablePage[] }> {
  const doc = await deps.records.read.redaction.document(documentId);
  if (!doc) throw new DossierError('not_found', `no document ${documentId}`);
  if (doc.status === 'failed') throw new DossierError('invalid_argument', `document ${documentId} failed to extract (${doc.reason ?? 'unknown reason'}): there is no text to redact from, and it cannot be redacted`);
  if (doc.status !== 'ok' || !doc.sha256 || !deps.blobs.has(doc.sha256)) throw new DossierError('invalid_argument', `document ${documentId} is not extracted yet`);
  const pages = await deps.records.read.redaction.pages(documentId);
  return { doc: { ...doc, sha256: doc.sha256 }, pages };
}

/** The pixel size of each page (300 dpi for PDF pages; an OCR'd image's own pixels); null where boxes mean nothing. */
export async function pagePixelSizes(deps: RedactDeps, doc: RedactableDocument & { sha256: string }, pages: RedactablePage[]): Promise<Map<number, { width: number; height: number }> | null> {
  const sizes = new Map<number, { width: number; height: number }>();
  for (const p of pages) if (p.ocr?.image) sizes.set(p.page, { width: p.ocr.width, height: p.ocr.height });
  if (doc.mime === 'application/pdf') {
    const mu = await loadMupdf();
    const pdf = new mu.PDFDocument(await deps.blobs.read(doc.sha256));
    try {
      if (pdf.needsPassword()) throw new DossierError('invalid_argument', 'the PDF is encrypted: it cannot be redacted');
      for (let i = 0; i < pdf.countPages(); i++) {
        if (sizes.has(i + 1)) continue;
        const [x0, y0, x1, y1] = pdf.loadPage(i).getBounds();
        sizes.set(i + 1, { width: Math.round((x1 - x0) / POINTS_PER_PIXEL), height: Math.round((y1 - y0) / POINTS_PER_PIXEL) });
      }
    } finally {
      pdf.destroy();
    }
  }
  return sizes.size > 0 ? sizes : null;
}
