/**
 * The job graph: the catalogue of jobs and the runners that chain the stages
 * (ingest → extract → index) through persisted records.
 */
export { JOB_KINDS, JOB_NAMES, TASK_JOB_NAMES, type DictionaryEntry, type ExtractReply, type ExtractTask, type Job, type JobProgress, type JobRecord, type JobState, type OcrJobOptions, type OcrReply, type OcrTask, type TaskContext, type TaskHandler, type TaskHandlers, type TaskJob, type TaskJobName } from './catalogue.js';
export { ocrDocument } from './ocr-document.js';
export { processDocument } from './process-document.js';
export { WorkerPool, type WorkerReply, type WorkerRequest } from './worker-pool.js';
export { runIngest, type IngestDeps, type IngestSummary } from './run-ingest.js';
export { drainQueue, type Extractor, type JobCounters, type JobDeps, type JobQueue, type OcrSettings } from './run-jobs.js';
export { reindexAll } from './reindex.js';
export { refreshBoilerplate, type BoilerplateProgress, type BoilerplateSummary } from './boilerplate.js';
export type { IngestProgress } from './progress.js';
export { translationIndex } from './translation-index.js';
export { uploadDir, uploadsRoot, type UploadJobDeps, type UploadProgress, type UploadTask } from './upload-jobs.js';
export { TaskRunner } from './task-runner.js';
export { taskHandlers, type ReindexResult, type TaskDeps } from './task-handlers.js';
