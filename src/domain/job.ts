/**
 * The job catalogue (issue 14): every kind of background work as one union of `{name, data}`.
 * The queue stores a job as a row (`kind`, `document_id`, JSON `payload`); platform/queue/job-codec.ts
 * turns rows into these values and back, and `decodeJobData` below is the one check a row read
 * back must pass (a row written by another version, or by hand, becomes a failed job, not a crash).
 */

/** Jobs about one stored document: claimed in batches and run in extraction processes. */
export type DocumentJob =
  | { name: 'extract'; data: { documentId: number } }
  /** Pages to read (all without a usable text layer when absent) and tesseract languages. */
  | { name: 'ocr'; data: { documentId: number; pages?: number[]; langs?: string } };

/** Jobs about something else: claimed one at a time by a task runner (a worker or a server). */
export type TaskJob =
  /** Ingest a workbench upload's files (received into the shared blob folder). */
  | { name: 'upload'; data: { uploadId: number } }
  /** Rebuild the search index, the mentions and the entities from stored text. */
  | { name: 'reindex'; data: Record<string, never> }
  /** Search every name of a saved watch-list and store the results on the list. */
  | { name: 'watchlist'; data: { watchlistId: number; mode: string; limit: number; since: string | null; allowedCollections: string[] | null } }
  /** Resolve mentions into entities over the whole database (one machine at a time). */
  | { name: 'entity-resolution'; data: Record<string, never> };

export type Job = DocumentJob | TaskJob;
export type JobName = Job['name'];
export type TaskJobName = TaskJob['name'];
export type DocumentJobName = DocumentJob['name'];
export type JobOf<N extends JobName> = Extract<Job, { name: N }>;

export type JobState = 'queued' | 'running' | 'done' | 'failed';

/** What a running job last reported: saved with the job, so any machine can show or resume it. */
export interface JobProgress {
  done: number;
  total: number | null;
  /** Per second, over this claim of the job. */
  rate: number | null;
  note: string | null;
  /** Where a resumable job stands (reindex: the last document id written). */
  cursor: number | null;
  /** What a finished job produced, for whoever waits on it (a CLI on another machine). */
  result: unknown;
}

/** A job as `dossier jobs` lists it. */
export interface JobRecord {
  id: number;
  /** The kind as stored (a kind this version does not know is listed as it is). */
  name: string;
  state: JobState;
  documentId: number | null;
  attempts: number;
  error: string | null;
  updatedAt: string;
  lockedBy: string | null;
  /** When the lease of a running job ends (ms since 1970, the database's clock). */
  lockedUntil: number | null;
  progress: JobProgress | null;
}

type Decoded<T> = { ok: true; data: T } | { ok: false; error: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

/** One check per kind: a kind missing here is a compile error. */
const decoders: { [N in JobName]: (documentId: number | null, payload: unknown) => Decoded<JobOf<N>['data']> } = {
  extract: (documentId) => (isId(documentId) ? { ok: true, data: { documentId } } : { ok: false, error: 'an extract job needs a document' }),
  ocr: (documentId, payload) => {
    if (!isId(documentId)) return { ok: false, error: 'an ocr job needs a document' };
    if (payload === null) return { ok: true, data: { documentId } };
    if (!isObject(payload)) return { ok: false, error: 'ocr options must be an object' };
    const { pages, langs } = payload;
    if (pages !== undefined && !(Array.isArray(pages) && pages.every((p) => Number.isInteger(p) && (p as number) > 0))) return { ok: false, error: 'ocr pages must be page numbers' };
    if (langs !== undefined && (typeof langs !== 'string' || !/^[A-Za-z0-9_+]+$/.test(langs))) return { ok: false, error: 'ocr langs must be tesseract language names joined by +' };
    return { ok: true, data: { documentId, ...(pages === undefined ? {} : { pages: pages as number[] }), ...(langs === undefined ? {} : { langs }) } };
  },
  upload: (_documentId, payload) => (isObject(payload) && isId(payload.uploadId) ? { ok: true, data: { uploadId: payload.uploadId } } : { ok: false, error: 'an upload job needs {uploadId}' }),
  reindex: (_documentId, payload) => (payload === null || isObject(payload) ? { ok: true, data: {} } : { ok: false, error: 'a reindex job takes no options' }),
  'entity-resolution': (_documentId, payload) => (payload === null || isObject(payload) ? { ok: true, data: {} } : { ok: false, error: 'an entity-resolution job takes no options' }),
  watchlist: (_documentId, payload) => {
    if (!isObject(payload) || !isId(payload.watchlistId)) return { ok: false, error: 'a watchlist job needs {watchlistId}' };
    const { watchlistId, mode, limit, since, allowedCollections } = payload;
    if (typeof mode !== 'string' || !(typeof limit === 'number' && Number.isInteger(limit) && limit > 0)) return { ok: false, error: 'a watchlist job needs a mode and a positive limit' };
    if (since !== null && typeof since !== 'string') return { ok: false, error: 'a watchlist job\'s since must be a time or null' };
    if (allowedCollections !== null && !(Array.isArray(allowedCollections) && allowedCollections.every((c) => typeof c === 'string'))) return { ok: false, error: 'a watchlist job\'s collections must be names or null' };
    return { ok: true, data: { watchlistId, mode, limit, since, allowedCollections: allowedCollections as string[] | null } };
  },
};

export const JOB_NAMES = Object.keys(decoders) as JobName[];
export const TASK_JOB_NAMES: readonly TaskJobName[] = ['upload', 'reindex', 'watchlist', 'entity-resolution'];
export const DOCUMENT_JOB_NAMES: readonly DocumentJobName[] = ['extract', 'ocr'];

export const isJobName = (name: string): name is JobName => Object.hasOwn(decoders, name);

/** A stored row's kind, document and payload as a job, or why it is not one. */
export function decodeJob(kind: string, documentId: number | null, payload: unknown): { ok: true; job: Job } | { ok: false; error: string } {
  if (!isJobName(kind)) return { ok: false, error: `unknown job kind "${kind}" (this version runs: ${JOB_NAMES.join(', ')})` };
  const decoded = decoders[kind](documentId, payload) as Decoded<Job['data']>;
  return decoded.ok ? { ok: true, job: { name: kind, data: decoded.data } as Job } : { ok: false, error: `invalid ${kind} job: ${decoded.error}` };
}
