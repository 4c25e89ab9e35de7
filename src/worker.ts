/**
 * Entry point of an extraction process (forked by the worker pool). Like main.ts it constructs the
 * adapters it needs; it has no database, only the blob store and the analysis chain (loaded on
 * first use, with the workspace's dictionary). It exits when its parent goes away, so a killed
 * ingest leaves no orphans.
 */
import { bundledNames, TextAnalyser } from './analyse/index.js';
import type { DictionaryEntry, WorkerReply, WorkerRequest } from './jobs/index.js';
import { processDocument } from './jobs/index.js';
import { FsBlobStore } from './platform/blobs/fs-blob-store.js';

const blobRoot = process.env.DOSSIER_BLOBS;
if (!blobRoot || !process.send) {
  console.error('the extraction process must be started by dossier with DOSSIER_BLOBS set');
  process.exit(2);
}
const blobs = new FsBlobStore(blobRoot);
let dictionary: DictionaryEntry[] = [];
let analyser: TextAnalyser | null = null;

const getAnalyser = (): TextAnalyser => {
  if (analyser) return analyser;
  const names = bundledNames();
  for (const entry of dictionary) names.add({ han: entry.han, aliases: entry.aliases, type: entry.type as 'person' });
  analyser = new TextAnalyser(names);
  return analyser;
};

process.on('message', (request: WorkerRequest) => {
  if ('init' in request) {
    dictionary = request.init.dictionary;
    return;
  }
  processDocument(request.task, blobs, getAnalyser).then(
    (reply) => process.send?.({ id: request.id, ...reply } satisfies WorkerReply),
    (error: unknown) => process.send?.({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies WorkerReply),
  );
});
process.on('disconnect', () => process.exit(0));
