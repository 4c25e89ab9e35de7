import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { Access } from './context.js';
import { visibleDocumentIds, type VisibleDocument } from './visibility.js';

/** A page as `dossier show --json` gives it, with its OCR record when the text came from OCR. */
export interface PageView {
  page: number;
  text: string;
  ocr?: Record<string, unknown>;
}

/** The JSON of `dossier show --json`, with parent and children limited to what the user may see. */
export interface DocumentView {
  id: number;
  path: string;
  paths: string[];
  collection: string;
  mime: string | null;
  status: string;
  reason: string | null;
  message: string | null;
  title: string | null;
  parent: number | null;
  children: number[];
  sha256: string | null;
  size: number;
  needsOcr: boolean;
  metadata: Record<string, unknown>;
  text: string;
  pages: PageView[];
}

export interface RelatedDocument {
  id: number;
  path: string;
  title: string | null;
  status: string;
  mime: string | null;
}

/** Read a visible document the way `dossier show --json` prints it; children and parent the user may not see are left out. */
export async function readDocumentView(db: Kysely<Database>, access: Access, doc: VisibleDocument): Promise<{ view: DocumentView; parent: RelatedDocument | null; children: RelatedDocument[] }> {
  const [pages, paths, childRows, parentRow] = await Promise.all([
    db.selectFrom('pages').select(['page', 'text', 'ocr']).where('document_id', '=', doc.id).orderBy('page').execute(),
    db.selectFrom('document_paths').select('path').where('document_id', '=', doc.id).orderBy('id').execute(),
    db.selectFrom('documents').select(['id', 'path', 'title', 'status', 'mime']).where('parent_id', '=', doc.id).orderBy('id').execute(),
    doc.parent_id === null ? Promise.resolve(undefined) : db.selectFrom('documents').select(['id', 'path', 'title', 'status', 'mime']).where('id', '=', doc.parent_id).executeTakeFirst(),
  ]);
  const visible = await visibleDocumentIds(db, access, [...childRows.map((c) => c.id), ...(parentRow ? [parentRow.id] : [])]);
  const children = childRows.filter((c) => visible.has(c.id));
  const parent = parentRow && visible.has(parentRow.id) ? parentRow : null;
  const view: DocumentView = {
    id: doc.id, path: doc.path, paths: paths.map((p) => p.path), collection: doc.collection, mime: doc.mime, status: doc.status,
    reason: doc.reason, message: doc.message, title: doc.title, parent: parent?.id ?? null, children: children.map((c) => c.id),
    sha256: doc.sha256, size: Number(doc.size), needsOcr: doc.needs_ocr === 1, metadata: parseObject(doc.metadata),
    text: pages.map((p) => p.text).join('\n\n'),
    pages: pages.map((p) => ({ page: p.page, text: p.text, ...(p.ocr ? { ocr: parseObject(p.ocr) } : {}) })),
  };
  return { view, parent, children };
}

function parseObject(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
