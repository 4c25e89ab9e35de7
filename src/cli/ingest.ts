import { operator } from '../domain/actor.js';
import { refreshBoilerplate, runIngest, type IngestSummary } from '../jobs/index.js';
import type { App } from './app.js';
import { formatBytes, formatDuration, printJson } from './output.js';
import { boilerplatePrinter, progressPrinter } from './progress-line.js';

export interface IngestOptions {
  collection: string;
  /** false: leave OCR queued (dossier ocr --pending reads it later). */
  ocr?: boolean;
  ocrLang?: string;
  /** false: register and enqueue only; `dossier worker` processes read the files. */
  work?: boolean;
  /** false (with work false): return as soon as everything is queued. */
  wait?: boolean;
  json?: boolean;
  quiet?: boolean;
}

/** `dossier ingest PATH…`: store, read and index every file under the paths. */
export async function ingestCommand(app: App, paths: string[], options: IngestOptions): Promise<IngestSummary> {
  const work = options.work !== false;
  // With --no-work no extraction process is started here: workers read the files.
  const extractors = work ? app.startExtractors() : { run: () => Promise.reject(new Error('no extraction here')), runOcr: () => Promise.reject(new Error('no extraction here')), close: async () => {} };
  let summary: IngestSummary;
  try {
    summary = await runIngest(
      {
        db: app.db,
        records: app.records,
        blobs: app.blobs,
        queue: app.queue,
        index: app.searchIndex,
        extractor: extractors,
        limits: app.config.limits,
        parallel: app.config.workers,
        work,
        wait: options.wait,
        ocr: { enabled: options.ocr !== false, langs: options.ocrLang ?? app.config.ocr.langs, pageTimeoutMs: app.config.ocr.pageTimeoutMs },
      },
      paths,
      options.collection,
      options.quiet ? () => {} : progressPrinter(),
    );
  } finally {
    await extractors.close();
  }
  // Once the collection's documents are read: its repeated lines (menus, footers) rank low from now on.
  const [boilerplate] = work && options.wait !== false ? await refreshBoilerplate(app.records, app.searchIndex, app.analyser, { actor: operator('cli'), collection: summary.collection, ...(options.quiet ? {} : { onProgress: boilerplatePrinter() }) }) : [];
  if (options.json) printJson({ ...summary, ...(boilerplate ? { boilerplate: { lines: boilerplate.blocks, counted: boilerplate.counted, reindexed: boilerplate.reindexed } } : {}) });
  else if (!options.quiet) {
    console.log(
      `Ingested ${summary.files} files (${formatBytes(summary.bytes)}) into "${summary.collection}" in ${formatDuration(summary.seconds)}: ` +
        `${summary.added} new documents, ${summary.extracted} read${summary.ocrPages ? `, ${summary.ocrPages} page${summary.ocrPages === 1 ? '' : 's'} OCR'd` : ''}.`,
    );
    if (summary.ocrQueued) console.log(`${summary.ocrQueued} documents wait for OCR: dossier ocr --pending`);
    console.log(`Collection now holds ${summary.documents} documents: ${summary.ok} ok, ${summary.failed} failed${summary.pending ? `, ${summary.pending} pending` : ''}.`);
    if (summary.failed) console.log('See why with: dossier status, or dossier ls --status failed');
  }
  return summary;
}
