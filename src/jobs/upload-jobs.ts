/**
 * Uploads from the workbench are `upload` jobs in the shared queue: the server that received the
 * files stores them in the blob folder (`<blobs>/uploads/ID/`, which every server and worker
 * mounts) and queues a job; any `dossier serve` or `dossier worker` claims it under a lease and
 * runs the ingest (task-handlers.ts), saving progress snapshots on the upload's row so every server shows them. A
 * process killed mid-upload loses its lease; another takes the job over and runIngest resumes.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SearchIndexWriter } from '../index/index.js';
import type { BlobStore } from '../ingest/index.js';
import type { JobOf } from '../domain/job.js';
import type { Limits } from '../platform/config.js';
import type { DbHandle, Records } from '../platform/db/records.js';
import type { IngestProgress } from './progress.js';
import { runIngest, type IngestSummary } from './run-ingest.js';
import type { Extractor, JobQueue, OcrSettings } from './run-jobs.js';

/** The data of an `upload` job (domain/job.ts). */
export type UploadTask = JobOf<'upload'>['data'];

/** What an upload's progress holds: the last snapshot, the rate, then the summary or the error. */
export interface UploadProgress extends Partial<IngestProgress> {
  /** Documents read per second so far. */
  rate?: number;
  summary?: IngestSummary;
  error?: string;
}

export interface UploadJobDeps {
  db: DbHandle;
  records: Pick<Records, 'read' | 'transact' | 'transactHandle'>;
  blobs: BlobStore;
  queue: JobQueue;
  index: SearchIndexWriter;
  startExtractors(): Extractor & { close(): Promise<void> };
  /** The shared blob folder; uploads wait in its `uploads/` folder. */
  blobRoot: string;
  limits: Limits;
  parallel: number;
  ocr: OcrSettings;
}

/** Where uploads are received (on the shared volume, so any machine can read them). */
export const uploadsRoot = (blobRoot: string) => path.join(blobRoot, 'uploads');
export const uploadDir = (blobRoot: string, id: number) => path.join(uploadsRoot(blobRoot), String(id));

/** Ingest one upload's files into its collection, recording progress and the outcome on the upload. */
export async function runUpload(deps: UploadJobDeps, uploadId: number, attempts = 1): Promise<void> {
  const uploads = deps.records.read.uploads;
  const upload = await uploads.get(uploadId);
  if (!upload || upload.state === 'done' || upload.state === 'failed') return;
  const dir = uploadDir(deps.blobRoot, uploadId);
  if (!fs.existsSync(dir)) {
    await uploads.finish(uploadId, 'failed', { error: 'the uploaded files are gone (the folder was cleaned while the upload waited)' });
    return;
  }
  if (attempts > 3) {
    await uploads.finish(uploadId, 'failed', { ...upload.progress, error: 'reading this upload was interrupted three times; it is set aside' });
    return;
  }
  await uploads.start(uploadId);
  const saver = progressSaver(deps, uploadId);
  const extractors = deps.startExtractors();
  let summary: IngestSummary;
  try {
    summary = await runIngest({ db: deps.db, records: deps.records, blobs: deps.blobs, queue: deps.queue, index: deps.index, extractor: extractors, limits: deps.limits, parallel: deps.parallel, ocr: deps.ocr }, [dir], upload.collection, saver.update);
  } catch (error) {
    await saver.flush();
    await uploads.finish(uploadId, 'failed', { ...saver.last(), error: (error as Error).message });
    return;
  } finally {
    await extractors.close();
  }
  await saver.flush();
  await uploads.finish(uploadId, 'done', { ...saver.last(), summary });
  // The files are in the blob store now; the documents keep the paths they were read at.
  await fs.promises.rm(dir, { recursive: true, force: true });
}

/** Write snapshots as they come, one write at a time; the newest wins. */
function progressSaver(deps: UploadJobDeps, uploadId: number) {
  let latest: UploadProgress = {};
  let writing: Promise<void> | null = null;
  let dirty = false;
  const write = async () => {
    while (dirty) {
      dirty = false;
      await deps.records.read.uploads.saveProgress(uploadId, { ...latest });
    }
    writing = null;
  };
  return {
    update(p: IngestProgress) {
      latest = { ...p, rate: p.elapsed > 0 ? p.extracted / p.elapsed : 0 };
      dirty = true;
      writing ??= write().catch((error: unknown) => console.error('dossier: could not save upload progress:', error));
    },
    last: () => latest,
    flush: async () => {
      await writing;
    },
  };
}
