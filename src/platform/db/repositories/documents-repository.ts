import { sql, type Kysely } from 'kysely';
import type { DocumentStatus } from '../../../domain/document.js';
import type { Database } from '../schema.js';

/** A document as the command line lists it. */
export interface DocumentListing {
  id: number;
  path: string;
  mime: string | null;
  status: DocumentStatus;
  reason: string | null;
  message: string | null;
  parentId: number | null;
  collection: string;
  sha256: string | null;
  size: number;
  title: string | null;
  needsOcr: boolean;
  lang: string | null;
  date: string | null;
  /** JSON decoded. */
  metadata: Record<string, unknown>;
}

/** A stored page; `ocr` is the decoded OcrPageRecord when the text came from OCR. */
export interface StoredPage {
  page: number;
  text: string;
  ocr: Record<string, unknown> | null;
}

/** The columns of the document list that `dossier status` counts by. */
export type DocumentCountKey = 'status' | 'reason' | 'mime' | 'collection';

/** Documents, their paths and pages, as the command line, indexing and watch-lists read them. */
export interface DocumentsRepository {
  collectionId(name: string): Promise<number | null>;
  list(filter?: { status?: DocumentStatus; collection?: string }): Promise<DocumentListing[]>;
  byId(id: number): Promise<DocumentListing | null>;
  /** Every path each document was seen at, first seen first. */
  paths(documentId?: number): Promise<Map<number, string[]>>;
  pages(documentId: number): Promise<StoredPage[]>;
  children(documentId: number): Promise<Array<{ id: number; path: string; status: DocumentStatus }>>;
  /** Documents by one column (failure reasons: of failed documents only), most first. */
  countBy(key: DocumentCountKey): Promise<Record<string, number>>;
  countNeedingOcr(): Promise<number>;
  idsWithStatus(status: DocumentStatus): Promise<number[]>;
  /** The facets search filters on, found when the document is indexed. */
  setFacets(id: number, facets: { lang: string | null; date: string | null; sender: string | null }): Promise<void>;
  createdAt(ids: number[]): Promise<Map<number, string>>;
  /** The text of every page of these documents (unordered). */
  pageTexts(ids: number[]): Promise<Array<{ documentId: number; text: string }>>;
  hasPages(): Promise<boolean>;
}

const decode = (text: string): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>;

export const documentsRepository = (db: Kysely<Database>): DocumentsRepository => {
  const listing = () =>
    db
      .selectFrom('documents')
      .innerJoin('collections', 'collections.id', 'documents.collection_id')
      .selectAll('documents')
      .select('collections.name as collection');
  type Row = Awaited<ReturnType<ReturnType<typeof listing>['executeTakeFirstOrThrow']>>;
  const toListing = (r: Row): DocumentListing => ({
    id: r.id, path: r.path, mime: r.mime, status: r.status, reason: r.reason, message: r.message, parentId: r.parent_id, collection: r.collection,
    sha256: r.sha256, size: Number(r.size), title: r.title, needsOcr: r.needs_ocr === 1, lang: r.lang, date: r.date, metadata: decode(r.metadata),
  });
  return {
    async collectionId(name) {
      return (await db.selectFrom('collections').select('id').where('name', '=', name).executeTakeFirst())?.id ?? null;
    },
    async list(filter = {}) {
      const rows = await listing()
        .$if(Boolean(filter.status), (q) => q.where('documents.status', '=', filter.status!))
        .$if(Boolean(filter.collection), (q) => q.where('collections.name', '=', filter.collection!))
        .orderBy('documents.id')
        .execute();
      return rows.map(toListing);
    },
    async byId(id) {
      const row = await listing().where('documents.id', '=', id).executeTakeFirst();
      return row ? toListing(row) : null;
    },
    async paths(documentId) {
      const rows = await db
        .selectFrom('document_paths')
        .select(['document_id', 'path'])
        .$if(documentId !== undefined, (q) => q.where('document_id', '=', documentId!))
        .orderBy('document_id')
        .orderBy('id')
        .execute();
      const paths = new Map<number, string[]>();
      for (const row of rows) {
        const list = paths.get(row.document_id);
        if (list) list.push(row.path);
        else paths.set(row.document_id, [row.path]);
      }
      return paths;
    },
    async pages(documentId) {
      const rows = await db.selectFrom('pages').select(['page', 'text', 'ocr']).where('document_id', '=', documentId).orderBy('page').execute();
      return rows.map((p) => ({ page: p.page, text: p.text, ocr: p.ocr ? decode(p.ocr) : null }));
    },
    children: (documentId) => db.selectFrom('documents').select(['id', 'path', 'status']).where('parent_id', '=', documentId).orderBy('id').execute(),
    async countBy(key) {
      const rows = await db
        .selectFrom('documents')
        .innerJoin('collections', 'collections.id', 'documents.collection_id')
        .select([key === 'collection' ? sql<string>`collections.name`.as('key') : sql<string>`documents.${sql.ref(key)}`.as('key'), (eb) => eb.fn.countAll<number>().as('n')])
        .$if(key === 'reason', (q) => q.where('documents.status', '=', 'failed'))
        .groupBy('key')
        .orderBy('n', 'desc')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.key ?? 'unknown', Number(r.n)]));
    },
    async countNeedingOcr() {
      return Number((await db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).where('needs_ocr', '=', 1).executeTakeFirst())?.n ?? 0);
    },
    async idsWithStatus(status) {
      return (await db.selectFrom('documents').select('id').where('status', '=', status).orderBy('id').execute()).map((r) => r.id);
    },
    async setFacets(id, facets) {
      await db.updateTable('documents').set(facets).where('id', '=', id).execute();
    },
    async createdAt(ids) {
      const rows = ids.length ? await db.selectFrom('documents').select(['id', 'created_at']).where('id', 'in', ids).execute() : [];
      return new Map(rows.map((d) => [d.id, d.created_at]));
    },
    async pageTexts(ids) {
      if (ids.length === 0) return [];
      return (await db.selectFrom('pages').select(['document_id', 'text']).where('document_id', 'in', ids).execute()).map((p) => ({ documentId: p.document_id, text: p.text }));
    },
    async hasPages() {
      return (await db.selectFrom('pages').select('id').limit(1).executeTakeFirst()) !== undefined;
    },
  };
};
