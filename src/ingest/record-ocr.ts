import type { Kysely } from 'kysely';
import type { FailureReason } from '../domain/document.js';
import type { OcrPageRecord } from '../domain/ocr.js';
import type { Database } from '../platform/db/schema.js';

/** One page's OCR outcome as the pipeline records it (mirrors extract's OcrPageOutcome). */
export type OcrOutcome =
  | { page: number; ok: true; text: string; record: OcrPageRecord }
  | { page: number; ok: false; reason: FailureReason; message: string };

/**
 * Store what OCR read: each page's text and OCR record (engine, confidence, word boxes, page
 * image) replaces the empty text layer; pages that failed keep their reason. A document with no
 * text left at all fails with the first page's reason. Call inside a transaction.
 */
export async function recordOcr(db: Kysely<Database>, documentId: number, outcome: { outcomes: OcrOutcome[] } | { reason: FailureReason; message: string }): Promise<{ pages: number; failed: number }> {
  const doc = await db.selectFrom('documents').select(['metadata', 'status']).where('id', '=', documentId).executeTakeFirstOrThrow();
  const metadata = JSON.parse(doc.metadata) as Record<string, unknown>;
  const outcomes = 'outcomes' in outcome ? outcome.outcomes : [];
  for (const o of outcomes) {
    const existing = await db.selectFrom('pages').select(['id', 'text']).where('document_id', '=', documentId).where('page', '=', o.page).executeTakeFirst();
    // A failed re-run never erases what an earlier reading found.
    if (!o.ok && existing && existing.text.trim() !== '') continue;
    const text = o.ok ? o.text : '';
    const ocr = JSON.stringify(o.ok ? o.record : { error: o.reason, message: o.message });
    if (existing) await db.updateTable('pages').set({ text, ocr }).where('id', '=', existing.id).execute();
    else await db.insertInto('pages').values({ document_id: documentId, page: o.page, text, ocr }).execute();
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
  const hasText = (await db.selectFrom('pages').select('id').where('document_id', '=', documentId).where('text', '!=', '').limit(1).executeTakeFirst()) !== undefined;
  const failure = 'reason' in outcome ? outcome : failures[0];
  const update = hasText || !failure
    ? { needs_ocr: failures.length || 'reason' in outcome ? 1 : 0, metadata: JSON.stringify(metadata) }
    : { needs_ocr: 1, metadata: JSON.stringify(metadata), status: 'failed' as const, reason: failure.reason, message: `OCR: ${failure.message}` };
  await db.updateTable('documents').set(update).where('id', '=', documentId).execute();
  return { pages: read.length, failed: failures.length };
}
