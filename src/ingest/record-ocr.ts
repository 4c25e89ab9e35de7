import type { FailureReason } from '../domain/document.js';
import type { OcrPageRecord } from '../domain/ocr.js';
import type { DbHandle, Repositories } from '../platform/db/records.js';
import { ocrRecordsOfHandle } from './handle-callers.js';

/** One page's OCR outcome as the pipeline records it (mirrors extract's OcrPageOutcome). */
export type OcrOutcome =
  | { page: number; ok: true; text: string; record: OcrPageRecord }
  | { page: number; ok: false; reason: FailureReason; message: string };

/**
 * Store what OCR read: each page's text and OCR record (engine, confidence, word boxes, page
 * image) replaces the empty text layer; pages that failed keep their reason. A document with no
 * text left at all fails with the first page's reason. Call inside a transaction: `tx` holds its
 * repositories (transitional: or its raw handle, see handle-callers.ts).
 */
export async function recordOcr(tx: Pick<Repositories, 'ocrRecords'> | DbHandle, documentId: number, outcome: { outcomes: OcrOutcome[] } | { reason: FailureReason; message: string }): Promise<{ pages: number; failed: number }> {
  const ocr = 'ocrRecords' in tx ? tx.ocrRecords : ocrRecordsOfHandle(tx);
  const metadata = await ocr.metadata(documentId);
  const outcomes = 'outcomes' in outcome ? outcome.outcomes : [];
  for (const o of outcomes) {
    const existing = await ocr.page(documentId, o.page);
    // A failed re-run never erases what an earlier reading found.
    if (!o.ok && existing && existing.text.trim() !== '') continue;
    const text = o.ok ? o.text : '';
    const record = o.ok ? o.record : { error: o.reason, message: o.message };
    if (existing) await ocr.rewritePage(existing.id, text, record);
    else await ocr.addPage(documentId, o.page, text, record);
  }
  const read = outcomes.filter((o): o is Extract<OcrOutcome, { ok: true }> => o.ok);
  const failures = outcomes.filter((o): o is Extract<OcrOutcome, { ok: false }> => !o.ok);
  const first = read[0];
  metadata.ocr = {
    pages: read.length,
    failed: failures.length,
    ...(read.length ? { meanConfidence: Math.round((read.reduce((s, o) => s + o.record.meanConfidence, 0) / read.length) * 10) / 10 } : {}),
    ...(first ? { engine: `${first.record.engine} ${first.record.engineVersion}`, langs: first.record.langs } : {}),
    ...('reason' in outcome ? { error: outcome.message } : {}),
  };
  const hasText = await ocr.hasText(documentId);
  const failure = 'reason' in outcome ? outcome : failures[0];
  await ocr.settle(
    documentId,
    hasText || !failure
      ? { needsOcr: failures.length > 0 || 'reason' in outcome, metadata }
      : { needsOcr: true, metadata, failure: { reason: failure.reason, message: `OCR: ${failure.message}` } },
  );
  return { pages: read.length, failed: failures.length };
}
