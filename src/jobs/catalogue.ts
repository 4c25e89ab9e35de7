import type { DocumentAnalysis } from '../index/index.js';
import type { Page } from '../domain/document.js';
import type { JobOf, JobProgress, TaskJob, TaskJobName } from '../domain/job.js';
import type { ExtractionResult } from '../domain/extraction.js';
import type { OcrPageOutcome } from '../extract/index.js';
import { EXTRACT_JOB } from '../ingest/index.js';
import type { Limits } from '../platform/config.js';

export { DOCUMENT_JOB_NAMES, JOB_NAMES, TASK_JOB_NAMES, type DocumentJob, type Job, type JobName, type JobOf, type JobProgress, type JobRecord, type JobState, type TaskJob, type TaskJobName } from '../domain/job.js';

/**
 * The job catalogue: every kind of job is one member of `Job` (domain/job.ts: `{name, data}`).
 * Document jobs (extract, ocr) are run in batches by run-jobs.ts (its `runners` map); the others
 * by a task runner (task-runner.ts) through a `TaskHandlers` map, typed so that a kind without
 * a handler is a compile error. Below, what travels to an extraction process (it has no database).
 */

/** What a task handler is given besides its job's data. */
export interface TaskContext {
  jobId: number;
  /** This claim's number (1 the first time; more after a worker died or stopped holding it). */
  attempts: number;
  /** What an earlier claim saved: a resumable job continues from its cursor. */
  previous: JobProgress | null;
  /** Report progress; saved with the job at a bounded rate (and the last report at the end). */
  report(progress: { done: number; total: number | null; note?: string | null; cursor?: number | null; result?: unknown }): void;
}

/** Runs one kind of task job; resolves with its result (saved with the job for whoever waits on it). */
export type TaskHandler<J extends TaskJob> = (data: J['data'], context: TaskContext) => Promise<unknown>;

/** A handler for every kind of task job: leaving one out does not compile. */
export type TaskHandlers = { [N in TaskJobName]: TaskHandler<JobOf<N>> };
export interface ExtractTask {
  documentId: number;
  sha256: string;
  size: number;
  /** The document's path, whose last segment names the content of a bare .gz. */
  path: string;
  depth: number;
  limits: Limits;
  /** The collection's boilerplate lines (keys) as known now: the analysis puts them in the low-weight column. */
  boilerplate?: string[];
}

/** What an extraction process sends back: the outcome and, for text, its index analysis. */
export interface ExtractReply {
  result: ExtractionResult;
  analysis: DocumentAnalysis | null;
}

/** Names editors added to the workspace dictionary, sent to each extraction process at start. */
export interface DictionaryEntry {
  han: string;
  aliases: string[];
  type: string;
}

/** An `ocr` job reads the pages of a scan or an image that have no usable text. */
export interface OcrTask {
  documentId: number;
  sha256: string;
  mime: string;
  /** Pages to read (null: all), and how many the document has when known. */
  pages: number[] | null;
  pageCount: number | null;
  langs: string;
  timeoutMs: number;
  /** The rest of the document, so the extraction process can analyse it whole for the index. */
  title: string | null;
  path: string;
  metadata: Record<string, unknown>;
  otherPages: Page[];
}

/** What an extraction process sends back for an `ocr` job. */
export interface OcrReply {
  outcomes: OcrPageOutcome[];
  analysis: DocumentAnalysis | null;
}

/** Options an `ocr` job may carry (from `dossier ocr`). */
export interface OcrJobOptions {
  pages?: number[];
  langs?: string;
}

export const JOB_KINDS = {
  // Named by ingest, which queues it when it registers a document.
  extract: EXTRACT_JOB,
  ocr: 'ocr',
} as const;
