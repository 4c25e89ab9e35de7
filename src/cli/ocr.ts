import { DossierError } from '../domain/errors.js';
import { resolveEntities } from '../index/index.js';
import { drainQueue, JOB_KINDS, type JobCounters } from '../jobs/index.js';
import type { App } from './app.js';
import { formatDuration, printJson } from './output.js';

export interface OcrOptions {
  page?: string[];
  lang?: string;
  pending?: boolean;
  json?: boolean;
}

/**
 * `dossier ocr ID [--page N…] [--lang chi_tra+eng]`: (re-)read a scanned document or image, or
 * some of its pages, with other settings. `dossier ocr --pending`: read every document waiting for
 * OCR (after an ingest with --no-ocr, or one that was stopped).
 */
export async function ocrCommand(app: App, id: string | undefined, options: OcrOptions): Promise<void> {
  if (!id && !options.pending) throw new DossierError('invalid_argument', 'give a document id, or --pending to read every document waiting for OCR');
  if (options.lang && !/^[a-z_]+(\+[a-z_]+)*$/.test(options.lang)) throw new DossierError('invalid_argument', `languages are tesseract codes joined by +, such as chi_tra+eng; got "${options.lang}"`);
  let documentIds: number[] | undefined;
  if (id) {
    const documentId = Number(id);
    if (!Number.isInteger(documentId) || documentId < 1) throw new DossierError('invalid_argument', `a document id is a positive whole number, got "${id}"`);
    const doc = await app.records.read.documents.byId(documentId);
    if (!doc) throw new DossierError('not_found', `no document ${documentId}`);
    if (!doc.sha256 || !(doc.mime === 'application/pdf' || doc.mime?.startsWith('image/'))) throw new DossierError('invalid_argument', `document ${documentId} is ${doc.mime ?? 'unreadable'}: only PDFs and images can be OCR'd`);
    const pages = (options.page ?? []).map(Number);
    if (pages.some((p) => !Number.isInteger(p) || p < 1)) throw new DossierError('invalid_argument', `pages are positive whole numbers, got ${options.page?.join(', ')}`);
    await app.queue.enqueue(app.db, JOB_KINDS.ocr, documentId, { ...(pages.length ? { pages } : {}), ...(options.lang ? { langs: options.lang } : {}) });
    documentIds = [documentId];
  }
  const started = Date.now();
  await app.queue.reclaimDead(app.db);
  const counters: JobCounters = { extracted: 0, failed: 0, added: 0, queued: 0, ocrPages: 0, ocrDocuments: 0, ocrQueued: await app.queue.countQueued(app.db, JOB_KINDS.ocr) };
  const extractors = app.startExtractors();
  const line = () => {
    const elapsed = (Date.now() - started) / 1000;
    const perDoc = counters.ocrDocuments > 0 ? elapsed / counters.ocrDocuments : null;
    const eta = perDoc === null ? '?' : formatDuration((perDoc * counters.ocrQueued) / Math.max(1, app.config.workers));
    return `OCR ${counters.ocrDocuments} documents, ${counters.ocrPages} pages (${elapsed > 0 ? ((counters.ocrPages * 60) / elapsed).toFixed(1) : '0'} pages/min) · ${counters.ocrQueued} queued · ETA ${eta}`;
  };
  const ticker = process.stderr.isTTY ? setInterval(() => process.stderr.write(`\r\x1b[2K${line()}`), 500) : null;
  try {
    await drainQueue(
      {
        db: app.db, records: app.records, blobs: app.blobs, queue: app.queue, index: app.searchIndex, extractor: extractors, limits: app.config.limits,
        ocr: { enabled: true, langs: options.lang ?? app.config.ocr.langs, pageTimeoutMs: app.config.ocr.pageTimeoutMs }, parallel: app.config.workers,
      },
      counters,
      () => false,
      documentIds,
    );
  } finally {
    if (ticker) {
      clearInterval(ticker);
      process.stderr.write('\n');
    }
    await extractors.close();
  }
  await resolveEntities(app.records);
  const summary = { documents: counters.ocrDocuments, pages: counters.ocrPages, seconds: (Date.now() - started) / 1000 };
  if (options.json) return printJson(summary);
  console.log(`OCR read ${summary.pages} pages of ${summary.documents} documents in ${formatDuration(summary.seconds)}.`);
  if (id) console.log(`See the text: dossier show ${id}`);
}
