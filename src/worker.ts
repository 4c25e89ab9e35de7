/**
 * Entry point of an extraction process (forked by the worker pool). Like main.ts it constructs the
 * adapters it needs; it has no database, only the blob store. It exits when its parent goes away,
 * so a killed ingest leaves no orphans.
 */
import type { WorkerReply, WorkerRequest } from './jobs/index.js';
import { processDocument } from './jobs/index.js';
import { FsBlobStore } from './platform/blobs/fs-blob-store.js';

const blobRoot = process.env.DOSSIER_BLOBS;
if (!blobRoot || !process.send) {
  console.error('the extraction process must be started by dossier with DOSSIER_BLOBS set');
  process.exit(2);
}
const blobs = new FsBlobStore(blobRoot);

process.on('message', (request: WorkerRequest) => {
  processDocument(request.task, blobs).then(
    (result) => process.send?.({ id: request.id, result } satisfies WorkerReply),
    (error: unknown) => process.send?.({ id: request.id, error: error instanceof Error ? `${error.message}` : String(error) } satisfies WorkerReply),
  );
});
process.on('disconnect', () => process.exit(0));
