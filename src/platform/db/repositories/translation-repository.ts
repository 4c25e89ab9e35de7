import type { Kysely } from 'kysely';
import { SEGMENT_STATUSES, type Correction, type SegmentStatus, type StoredCorrection, type StoredSegment, type TranslationOrigin, type TranslationRecord } from '../../../domain/translation.js';
import type { Database } from '../schema.js';

/** What translating needs to know of a document (original or translated). */
export interface TranslatableDocument {
  id: number;
  collectionId: number;
  status: string;
  reason: string | null;
  lang: string | null;
  title: string | null;
  path: string;
}

/** Translations, their segments and editors' corrections, as the publish stage sees them. */
export interface TranslationRepository {
  document(id: number): Promise<TranslatableDocument | null>;
  pages(documentId: number): Promise<Array<{ page: number; text: string }>>;
  translation(documentId: number): Promise<TranslationRecord | null>;
  segments(documentId: number): Promise<StoredSegment[]>;
  /** The translation and all its segments, replacing what was stored. */
  save(record: TranslationRecord, segments: StoredSegment[]): Promise<void>;
  setError(documentId: number, message: string | null, at: string): Promise<void>;
  corrections(documentId: number): Promise<StoredCorrection[]>;
  addCorrection(documentId: number, correction: Correction, username: string, at: string): Promise<void>;
  /** Documents that have a translation, with how many segments are reviewed. */
  translatedDocuments(documentIds?: number[]): Promise<Array<{ documentId: number; segments: number; reviewed: number }>>;
}

const statusOf = (text: string): SegmentStatus => (SEGMENT_STATUSES as readonly string[]).includes(text) ? (text as SegmentStatus) : 'draft';

export const translationRepository = (db: Kysely<Database>): TranslationRepository => ({
  async document(id) {
    const row = await db.selectFrom('documents').select(['id', 'collection_id', 'status', 'reason', 'lang', 'title', 'path']).where('id', '=', id).executeTakeFirst();
    return row ? { id: row.id, collectionId: row.collection_id, status: row.status, reason: row.reason, lang: row.lang, title: row.title, path: row.path } : null;
  },

  async pages(documentId) {
    return db.selectFrom('pages').select(['page', 'text']).where('document_id', '=', documentId).orderBy('page').execute();
  },

  async translation(documentId) {
    const row = await db.selectFrom('translations').selectAll().where('document_id', '=', documentId).executeTakeFirst();
    if (!row) return null;
    return {
      documentId: row.document_id, origin: row.origin as TranslationOrigin, sourceRef: row.source_ref, sourceLang: row.source_lang, targetLang: row.target_lang,
      createdAt: row.created_at, updatedAt: row.updated_at, lastError: row.last_error,
    };
  },

  async segments(documentId) {
    const rows = await db.selectFrom('translation_segments').selectAll().where('document_id', '=', documentId).orderBy('position').execute();
    return rows.map((r) => ({ page: r.page, index: r.idx, source: r.source, target: r.target, status: statusOf(r.status), group: r.group_no, updatedBy: r.updated_by, updatedAt: r.updated_at, note: r.note }));
  },

  async save(record, segments) {
    const values = {
      origin: record.origin, source_ref: record.sourceRef, source_lang: record.sourceLang, target_lang: record.targetLang,
      created_at: record.createdAt, updated_at: record.updatedAt, last_error: record.lastError,
    };
    const known = await db.selectFrom('translations').select('document_id').where('document_id', '=', record.documentId).executeTakeFirst();
    if (known) await db.updateTable('translations').set(values).where('document_id', '=', record.documentId).execute();
    else await db.insertInto('translations').values({ document_id: record.documentId, ...values }).execute();
    await db.deleteFrom('translation_segments').where('document_id', '=', record.documentId).execute();
    // Batches keep each statement under SQLite's variable limit.
    for (let from = 0; from < segments.length; from += 200) {
      await db
        .insertInto('translation_segments')
        .values(segments.slice(from, from + 200).map((s, i) => ({
          document_id: record.documentId, page: s.page, idx: s.index, position: from + i, source: s.source, target: s.target, status: s.status,
          group_no: s.group, updated_by: s.updatedBy, updated_at: s.updatedAt, note: s.note,
        })))
        .execute();
    }
  },

  async setError(documentId, message, at) {
    await db.updateTable('translations').set({ last_error: message, updated_at: at }).where('document_id', '=', documentId).execute();
  },

  async corrections(documentId) {
    const rows = await db.selectFrom('translation_corrections').selectAll().where('document_id', '=', documentId).orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, correction: JSON.parse(r.data) as Correction, username: r.username, createdAt: r.created_at }));
  },

  async addCorrection(documentId, correction, username, at) {
    await db.insertInto('translation_corrections').values({ document_id: documentId, data: JSON.stringify(correction), username, created_at: at }).execute();
  },

  async translatedDocuments(documentIds) {
    if (documentIds && documentIds.length === 0) return [];
    let query = db
      .selectFrom('translation_segments')
      .select(['document_id'])
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>(eb.case().when('status', '=', 'reviewed').then(1).else(0).end()).as('reviewed')])
      .groupBy('document_id');
    if (documentIds) query = query.where('document_id', 'in', documentIds);
    return (await query.execute()).map((r) => ({ documentId: r.document_id, segments: Number(r.n), reviewed: Number(r.reviewed ?? 0) }));
  },
});
