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
  for (const r of rows) {
    if (options.json) {
      printJson({
        id: r.id, path: r.path, mime: r.mime, status: r.status, ...(r.reason ? { reason: r.reason, message: r.message } : {}),
        parent: r.parent_id, collection: r.collection, sha256: r.sha256, size: Number(r.size), title: r.title, needsOcr: r.needs_ocr === 1,
      });
    } else {
      const why = r.status === 'failed' ? `  [${r.reason}: ${r.message}]` : r.needs_ocr ? '  [needs OCR]' : '';
      console.log(`${String(r.id).padStart(6)}  ${r.status.padEnd(7)} ${(r.mime ?? '-').padEnd(28)} ${r.path}${why}`);
    }
  }
}
