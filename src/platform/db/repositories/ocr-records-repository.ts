import type { Kysely } from 'kysely';
import type { FailureReason } from '../../../domain/document.js';
import type { Database } from '../schema.js';

/**
 * What OCR changes on a document and its pages, one statement per method as ingest's
 * record-ocr ran them; the caller holds the transaction.
 */
export interface OcrRecordsRepository {
  /** The document's metadata, decoded (OCR adds its summary to it). */
  metadata(documentId: number): Promise<Record<string, unknown>>;
  /** A stored page, or null. */
  page(documentId: number, page: number): Promise<{ id: number; text: string } | null>;
  /** Replace a stored page's text and OCR record (encoded here). */
  rewritePage(pageId: number, text: string, ocr: unknown): Promise<void>;
  addPage(documentId: number, page: number, text: string, ocr: unknown): Promise<void>;
  /** True when some page of the document has text. */
  hasText(documentId: number): Promise<boolean>;
  /** Store the OCR summary; with `failure`, the document fails (it has no text left at all). */
  settle(documentId: number, outcome: { needsOcr: boolean; metadata: Record<string, unknown>; failure?: { reason: FailureReason; message: string } }): Promise<void>;
}

export const ocrRecordsRepository = (db: Kysely<Database>): OcrRecordsRepository => ({
  async metadata(documentId) {
    const row = await db.selectFrom('documents').select('metadata').where('id', '=', documentId).executeTakeFirstOrThrow();
    return JSON.parse(row.metadata) as Record<string, unknown>;
  },

  async page(documentId, page) {
    return (await db.selectFrom('pages').select(['id', 'text']).where('document_id', '=', documentId).where('page', '=', page).executeTakeFirst()) ?? null;
  },

  async rewritePage(pageId, text, ocr) {
    await db.updateTable('pages').set({ text, ocr: JSON.stringify(ocr) }).where('id', '=', pageId).execute();
  },

  async addPage(documentId, page, text, ocr) {
    await db.insertInto('pages').values({ document_id: documentId, page, text, ocr: JSON.stringify(ocr) }).execute();
  },

  async hasText(documentId) {
    return (await db.selectFrom('pages').select('id').where('document_id', '=', documentId).where('text', '!=', '').limit(1).executeTakeFirst()) !== undefined;
  },

  async settle(documentId, { needsOcr, metadata, failure }) {
    const base = { needs_ocr: needsOcr ? 1 : 0, metadata: JSON.stringify(metadata) };
    const update = failure ? { ...base, status: 'failed' as const, reason: failure.reason, message: failure.message } : base;
    await db.updateTable('documents').set(update).where('id', '=', documentId).execute();
  },
});
