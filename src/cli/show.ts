import { DossierError } from '../domain/errors.js';
import type { App } from './app.js';
import { printJson } from './output.js';

/** `dossier show ID`: a document's metadata, paths, children and text by page. */
export async function showCommand(app: App, idText: string, options: { json?: boolean }): Promise<void> {
  const id = Number(idText);
  if (!Number.isInteger(id) || id < 1) throw new DossierError('invalid_argument', `a document id is a positive whole number, got "${idText}"`);
  const documents = app.records.read.documents;
  const doc = await documents.byId(id);
  if (!doc) throw new DossierError('not_found', `no document ${id}`);
  const [pages, paths, children] = await Promise.all([documents.pages(id), documents.paths(id), documents.children(id)]);
  const view = {
    id: doc.id, path: doc.path, paths: paths.get(id) ?? [], collection: doc.collection, mime: doc.mime, status: doc.status,
    reason: doc.reason, message: doc.message, title: doc.title, parent: doc.parentId, children: children.map((c) => c.id),
    sha256: doc.sha256, size: doc.size, needsOcr: doc.needsOcr, metadata: doc.metadata,
    text: pages.map((p) => p.text).join('\n\n'),
    pages: pages.map((p) => ({ page: p.page, text: p.text, ...(p.ocr ? { ocr: p.ocr } : {}) })),
  };
  if (options.json) return printJson(view);
  console.log(`#${view.id} ${view.title ?? view.path}`);
  const line = (k: string, v: unknown) => v !== null && v !== undefined && v !== '' && console.log(`  ${k.padEnd(12)} ${Array.isArray(v) ? v.join(', ') : String(v)}`);
  line('path', view.path);
  if (view.paths.length > 1) line('also at', view.paths.slice(1));
  line('collection', view.collection);
  line('type', view.mime);
  line('status', view.status === 'failed' ? `failed (${view.reason}): ${view.message}` : view.status);
  line('sha256', view.sha256);
  line('size', view.size);
  line('parent', view.parent);
  line('children', children.map((c) => `${c.id} ${c.path}`).join('\n               '));
  for (const [k, v] of Object.entries(view.metadata)) line(k, v);
  for (const page of view.pages) {
    const ocr = page.ocr as { meanConfidence?: number; rotation?: number; engine?: string; error?: string; message?: string } | undefined;
    const note = ocr ? (ocr.error ? ` (OCR failed: ${ocr.message ?? ocr.error})` : ` (OCR ${ocr.engine ?? ''}, confidence ${ocr.meanConfidence ?? '?'}${ocr.rotation ? `, turned ${ocr.rotation}°` : ''})`) : '';
    console.log(`\n--- page ${page.page}${note} ---`);
    console.log(page.text);
  }
}
