import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** What an extract job needs of its document. */
export interface ExtractSource {
  id: number;
  collectionId: number;
  sha256: string | null;
  size: number;
  path: string;
  depth: number;
}

/** What an OCR job needs of its document: the stored content, its metadata (JSON decoded) and pages. */
export interface OcrSource {
  id: number;
  sha256: string | null;
  mime: string | null;
  title: string | null;
  path: string;
  metadata: Record<string, unknown>;
  pages: Array<{ page: number; text: string; ocr: string | null }>;
}

/** The reads of the job runners (jobs/run-jobs.ts, run-ingest.ts): documents as jobs see them. */
export interface JobDocumentsRepository {
  extractSource(id: number): Promise<ExtractSource | null>;
  ocrSource(id: number): Promise<OcrSource | null>;
  /** How many documents of a collection are in each status. */
  statusCounts(collectionId: number): Promise<Record<string, number>>;
}

export function jobDocumentsRepository(db: Kysely<Database>): JobDocumentsRepository {
  return {
    async extractSource(id) {
      const doc = await db.selectFrom('documents').select(['id', 'collection_id', 'sha256', 'size', 'path', 'depth']).where('id', '=', id).executeTakeFirst();
      return doc ? { id: doc.id, collectionId: doc.collection_id, sha256: doc.sha256, size: Number(doc.size), path: doc.path, depth: doc.depth } : null;
    },
    async ocrSource(id) {
      const doc = await db.selectFrom('documents').select(['id', 'sha256', 'mime', 'title', 'path', 'metadata']).where('id', '=', id).executeTakeFirst();
      if (!doc) return null;
      const pages = await db.selectFrom('pages').select(['page', 'text', 'ocr']).where('document_id', '=', id).orderBy('page').execute();
      return { ...doc, metadata: JSON.parse(doc.metadata) as Record<string, unknown>, pages };
    },
    async statusCounts(collectionId) {
      const rows = await db
        .selectFrom('documents')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('collection_id', '=', collectionId)
        .groupBy('status')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    },
  };
}
