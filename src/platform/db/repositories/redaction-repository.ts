import type { Kysely, Selectable } from 'kysely';
import type { OcrPageRecord } from '../../../domain/ocr.js';
import type {
  BurnedBox,
  DerivativeMethod,
  DerivativePage,
  MarkState,
  MarkTarget,
  PixelBox,
  RedactionCheck,
  RedactionDerivative,
  RedactionMark,
} from '../../../domain/redaction.js';
import type { Database, RedactionDerivativesTable, RedactionMarksTable } from '../schema.js';

/** What redaction needs to know of a document. */
export interface RedactableDocument {
  id: number;
  collectionId: number;
  sha256: string | null;
  mime: string | null;
  status: 'pending' | 'ok' | 'failed';
  reason: string | null;
  title: string | null;
  path: string;
}

export interface RedactablePage {
  page: number;
  text: string;
  ocr: OcrPageRecord | null;
}

export interface NewDerivative {
  documentId: number;
  sha256: string;
  method: DerivativeMethod;
  pages: DerivativePage[];
  boxes: BurnedBox[];
  strings: string[];
  markIds: number[];
  check: RedactionCheck;
  createdBy: string;
}

/** Marks, derivatives and the apply lock; with the document, page and entity reads redaction needs. */
export interface RedactionRepository {
  document(id: number): Promise<RedactableDocument | null>;
  pages(documentId: number): Promise<RedactablePage[]>;
  /** Every form (name and aliases) of the entities having one of these forms, and their mentions' texts. */
  entityForms(forms: string[]): Promise<string[]>;
  marks(documentId: number): Promise<RedactionMark[]>;
  mark(id: number): Promise<RedactionMark | null>;
  addMark(documentId: number, target: MarkTarget, reason: string, createdBy: string): Promise<RedactionMark>;
  removeMark(id: number): Promise<void>;
  markApplied(ids: number[]): Promise<void>;
  /** Take the document's apply lock; false when another apply holds it (older than staleMs is taken over). */
  lock(documentId: number, holder: string, staleMs: number): Promise<boolean>;
  unlock(documentId: number): Promise<void>;
  addDerivative(input: NewDerivative): Promise<RedactionDerivative>;
  setCheck(derivativeId: number, check: RedactionCheck): Promise<void>;
  latestDerivative(documentId: number): Promise<RedactionDerivative | null>;
  derivative(idOrSha: number | string): Promise<RedactionDerivative | null>;
}

const now = () => new Date().toISOString();

function toMark(row: Selectable<RedactionMarksTable>): RedactionMark {
  const base = { id: row.id, documentId: row.document_id, state: row.state as MarkState, reason: row.reason, createdBy: row.created_by, createdAt: row.created_at };
  if (row.kind === 'box') return { ...base, kind: 'box', page: row.page ?? 1, box: JSON.parse(row.box ?? '{}') as PixelBox };
  if (row.kind === 'page') return { ...base, kind: 'page', page: row.page ?? 1 };
  return { ...base, kind: 'text', page: row.page, text: row.text ?? '' };
}

function toDerivative(row: Selectable<RedactionDerivativesTable>): RedactionDerivative {
  return {
    id: row.id,
    documentId: row.document_id,
    sha256: row.sha256,
    method: row.method as DerivativeMethod,
    pages: JSON.parse(row.pages) as DerivativePage[],
    boxes: JSON.parse(row.boxes) as BurnedBox[],
    strings: JSON.parse(row.strings) as string[],
    markIds: JSON.parse(row.mark_ids) as number[],
    check: JSON.parse(row.check) as RedactionCheck,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

export const redactionRepository = (db: Kysely<Database>): RedactionRepository => ({
  async document(id) {
    const row = await db.selectFrom('documents').select(['id', 'collection_id', 'sha256', 'mime', 'status', 'reason', 'title', 'path']).where('id', '=', id).executeTakeFirst();
    return row ? { id: row.id, collectionId: row.collection_id, sha256: row.sha256, mime: row.mime, status: row.status, reason: row.reason, title: row.title, path: row.path } : null;
  },
  async pages(documentId) {
    const rows = await db.selectFrom('pages').select(['page', 'text', 'ocr']).where('document_id', '=', documentId).orderBy('page').execute();
    return rows.map((r) => ({ page: r.page, text: r.text, ocr: r.ocr ? (JSON.parse(r.ocr) as OcrPageRecord) : null }));
  },
  async entityForms(forms) {
    if (forms.length === 0) return [];
    const out = new Set<string>();
    const entities = await db
      .selectFrom('entities')
      .select(['id', 'name', 'aliases'])
      .where((eb) => eb.or([eb('name', 'in', forms), ...forms.map((f) => eb('aliases', 'like', `%${JSON.stringify(f).replace(/[%_]/g, '')}%`))]))
      .execute();
    for (const e of entities) {
      out.add(e.name);
      for (const a of JSON.parse(e.aliases) as string[]) out.add(a);
    }
    if (entities.length > 0) {
      const mentions = await db.selectFrom('mentions').select('text').distinct().where('entity_id', 'in', entities.map((e) => e.id)).execute();
      for (const m of mentions) out.add(m.text);
    }
    return [...out];
  },
  async marks(documentId) {
    const rows = await db.selectFrom('redaction_marks').selectAll().where('document_id', '=', documentId).orderBy('id').execute();
    return rows.map(toMark);
  },
  async mark(id) {
    const row = await db.selectFrom('redaction_marks').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toMark(row) : null;
  },
  async addMark(documentId, target, reason, createdBy) {
    const row = await db
      .insertInto('redaction_marks')
      .values({
        document_id: documentId,
        kind: target.kind,
        page: target.page,
        text: target.kind === 'text' ? target.text : null,
        box: target.kind === 'box' ? JSON.stringify(target.box) : null,
        state: 'pending',
        reason,
        created_by: createdBy,
        created_at: now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toMark(row);
  },
  async removeMark(id) {
    await db.deleteFrom('redaction_marks').where('id', '=', id).execute();
  },
  async markApplied(ids) {
    if (ids.length > 0) await db.updateTable('redaction_marks').set({ state: 'applied' }).where('id', 'in', ids).execute();
  },
  async lock(documentId, holder, staleMs) {
    const held = await db.selectFrom('redaction_locks').selectAll().where('document_id', '=', documentId).executeTakeFirst();
    if (held && Date.now() - Date.parse(held.started_at) < staleMs) return false;
    if (held) await db.deleteFrom('redaction_locks').where('document_id', '=', documentId).execute();
    await db.insertInto('redaction_locks').values({ document_id: documentId, holder, started_at: now() }).execute();
    return true;
  },
  async unlock(documentId) {
    await db.deleteFrom('redaction_locks').where('document_id', '=', documentId).execute();
  },
  async addDerivative(input) {
    const row = await db
      .insertInto('redaction_derivatives')
      .values({
        document_id: input.documentId,
        sha256: input.sha256,
        method: input.method,
        pages: JSON.stringify(input.pages),
        boxes: JSON.stringify(input.boxes),
        strings: JSON.stringify(input.strings),
        mark_ids: JSON.stringify(input.markIds),
        check: JSON.stringify(input.check),
        created_by: input.createdBy,
        created_at: now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toDerivative(row);
  },
  async setCheck(derivativeId, check) {
    await db.updateTable('redaction_derivatives').set({ check: JSON.stringify(check) }).where('id', '=', derivativeId).execute();
  },
  async latestDerivative(documentId) {
    const row = await db.selectFrom('redaction_derivatives').selectAll().where('document_id', '=', documentId).orderBy('id', 'desc').limit(1).executeTakeFirst();
    return row ? toDerivative(row) : null;
  },
  async derivative(idOrSha) {
    const q = db.selectFrom('redaction_derivatives').selectAll();
    const row = await (typeof idOrSha === 'number' ? q.where('id', '=', idOrSha) : q.where('sha256', '=', idOrSha).orderBy('id', 'desc')).limit(1).executeTakeFirst();
    return row ? toDerivative(row) : null;
  },
});
