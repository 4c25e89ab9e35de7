/**
 * The job graph: the catalogue of jobs and the runners that chain the stages
 * (ingest → extract → index) through persisted records.
 */
export { JOB_KINDS, type DictionaryEntry, type ExtractReply, type ExtractTask, type OcrJobOptions, type OcrReply, type OcrTask } from './catalogue.js';
export { ocrDocument } from './ocr-document.js';
export { processDocument } from './process-document.js';
export { WorkerPool, type WorkerReply, type WorkerRequest } from './worker-pool.js';
export { runIngest, type IngestDeps, type IngestSummary } from './run-ingest.js';
export { drainQueue, type Extractor, type JobCounters, type JobDeps, type JobQueue, type OcrSettings } from './run-jobs.js';
export { reindexAll } from './reindex.js';
export { refreshBoilerplate, type BoilerplateSummary } from './boilerplate.js';
export type { IngestProgress } from './progress.js';
export { translationIndex } from './translation-index.js';
export { UPLOAD_JOB, UploadJobRunner, uploadDir, uploadsRoot, type UploadJobDeps, type UploadProgress, type UploadTask } from './upload-jobs.js';
