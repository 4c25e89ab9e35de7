import type { App } from './app.js';
import { printJson } from './output.js';

export interface LsOptions {
  json?: boolean;
  status?: string;
  collection?: string;
}

/** `dossier ls`: one line per document, in the order they were registered. */
export async function lsCommand(app: App, options: LsOptions): Promise<void> {
  const rows = await app.db
    .selectFrom('documents')
    .innerJoin('collections', 'collections.id', 'documents.collection_id')
    .select(['documents.id', 'documents.path', 'documents.mime', 'documents.status', 'documents.reason', 'documents.message', 'documents.parent_id', 'collections.name as collection', 'documents.sha256', 'documents.size', 'documents.title', 'documents.needs_ocr'])
    .$if(Boolean(options.status), (q) => q.where('documents.status', '=', options.status as 'ok'))
    .$if(Boolean(options.collection), (q) => q.where('collections.name', '=', options.collection!))
    .orderBy('documents.id')
    .execute();
  const paths = options.json ? await pathsOf(app) : new Map<number, string[]>();
  for (const r of rows) {
    if (options.json) {
      printJson({
        id: r.id, path: r.path, paths: paths.get(r.id) ?? [r.path], mime: r.mime, status: r.status, ...(r.reason ? { reason: r.reason, message: r.message } : {}),
        parent: r.parent_id, collection: r.collection, sha256: r.sha256, size: Number(r.size), title: r.title, needsOcr: r.needs_ocr === 1,
      });
    } else {
      const why = r.status === 'failed' ? `  [${r.reason}: ${r.message}]` : r.needs_ocr ? '  [needs OCR]' : '';
      console.log(`${String(r.id).padStart(6)}  ${r.status.padEnd(7)} ${(r.mime ?? '-').padEnd(28)} ${r.path}${why}`);
    }
  }
}

/** Every path each document was seen at, first seen first (the same content at several places). */
async function pathsOf(app: App): Promise<Map<number, string[]>> {
  const rows = await app.db.selectFrom('document_paths').select(['document_id', 'path']).orderBy('document_id').orderBy('id').execute();
  const paths = new Map<number, string[]>();
  for (const row of rows) {
    const list = paths.get(row.document_id);
    if (list) list.push(row.path);
    else paths.set(row.document_id, [row.path]);
  }
  return paths;
}
