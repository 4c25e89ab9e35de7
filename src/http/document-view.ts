import type { Records } from '../platform/db/records.js';
import type { RelatedDocument } from '../platform/db/repositories/document-view-repository.js';
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

export type { RelatedDocument } from '../platform/db/repositories/document-view-repository.js';

/** Read a visible document the way `dossier show --json` prints it; children and parent the user may not see are left out. */
export async function readDocumentView(records: Pick<Records, 'read'>, access: Access, doc: VisibleDocument): Promise<{ view: DocumentView; parent: RelatedDocument | null; children: RelatedDocument[] }> {
  const documents = records.read.documentView;
  const [pages, paths, childRows, parentRow] = await Promise.all([
    documents.pages(doc.id),
    documents.paths(doc.id),
    documents.children(doc.id),
    doc.parentId === null ? Promise.resolve(null) : documents.related(doc.parentId),
  ]);
  const visible = await visibleDocumentIds(records, access, [...childRows.map((c) => c.id), ...(parentRow ? [parentRow.id] : [])]);
  const children = childRows.filter((c) => visible.has(c.id));
  const parent = parentRow && visible.has(parentRow.id) ? parentRow : null;
  const view: DocumentView = {
    id: doc.id, path: doc.path, paths, collection: doc.collection, mime: doc.mime, status: doc.status,
    reason: doc.reason, message: doc.message, title: doc.title, parent: parent?.id ?? null, children: children.map((c) => c.id),
    sha256: doc.sha256, size: doc.size, needsOcr: doc.needsOcr, metadata: doc.metadata,
    text: pages.map((p) => p.text).join('\n\n'),
    pages: pages.map((p) => ({ page: p.page, text: p.text, ...(p.ocr ? { ocr: p.ocr } : {}) })),
  };
  return { view, parent, children };
}
