import type { DocumentStatus } from '../domain/document.js';
import type { App } from './app.js';
import { printJson } from './output.js';

export interface LsOptions {
  json?: boolean;
  status?: string;
  collection?: string;
}

/** `dossier ls`: one line per document, in the order they were registered. */
export async function lsCommand(app: App, options: LsOptions): Promise<void> {
  const rows = await app.records.read.documents.list({ ...(options.status ? { status: options.status as DocumentStatus } : {}), ...(options.collection ? { collection: options.collection } : {}) });
  const paths = options.json ? await app.records.read.documents.paths() : new Map<number, string[]>();
  for (const r of rows) {
    if (options.json) {
      printJson({
        id: r.id, path: r.path, paths: paths.get(r.id) ?? [r.path], mime: r.mime, status: r.status, ...(r.reason ? { reason: r.reason, message: r.message } : {}),
        parent: r.parentId, collection: r.collection, sha256: r.sha256, size: r.size, title: r.title, needsOcr: r.needsOcr,
      });
    } else {
      const why = r.status === 'failed' ? `  [${r.reason}: ${r.message}]` : r.needsOcr ? '  [needs OCR]' : '';
      console.log(`${String(r.id).padStart(6)}  ${r.status.padEnd(7)} ${(r.mime ?? '-').padEnd(28)} ${r.path}${why}`);
    }
  }
}
