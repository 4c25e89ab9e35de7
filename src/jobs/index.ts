/**
 * The job graph: the catalogue of jobs and the runners that chain the stages
 * (ingest → extract → index) through persisted records.
 */
export { JOB_KINDS, type DictionaryEntry, type ExtractReply, type ExtractTask } from './catalogue.js';
export { processDocument } from './process-document.js';
export { WorkerPool, type WorkerReply, type WorkerRequest } from './worker-pool.js';
export { runIngest, type IngestDeps, type IngestSummary, type JobQueue, type Extractor } from './run-ingest.js';
export { reindexAll } from './reindex.js';
export type { IngestProgress } from './progress.js';
