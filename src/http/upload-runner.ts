/**
 * The workbench's side of uploads: where they are received, and the `upload` jobs this server
 * process claims (jobs/upload-jobs.ts runs them; `dossier worker` and other servers claim them
 * too). Nothing about an upload lives in this process's memory: its row and its job are in the
 * database, its files in the shared blob folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TASK_JOB_NAMES, taskHandlers, TaskRunner, uploadDir as uploadFolder, uploadsRoot as uploadsFolder, type UploadProgress } from '../jobs/index.js';
import type { HttpDeps } from './context.js';

export type { UploadProgress };

export type UploadDeps = Pick<HttpDeps, 'config' | 'db' | 'records' | 'blobs' | 'queue' | 'searchIndex' | 'startExtractors' | 'analyser'>;

/** The folder uploads are received into: in the shared blob folder, so any machine can read them. */
export const uploadsRoot = (deps: Pick<HttpDeps, 'config'>) => uploadsFolder(deps.config.blobs);
export const uploadDir = (deps: Pick<HttpDeps, 'config'>, id: number) => uploadFolder(deps.config.blobs, id);

/** A half-received upload older than this was abandoned by a server that stopped. */
const ABANDONED_MS = 24 * 3600_000;

/** Claims and runs task jobs (uploads, and reindexes, watch-list runs, entity resolution queued anywhere) for this server process. */
export class UploadRunner {
  private readonly jobs: TaskRunner;

  constructor(private readonly deps: UploadDeps) {
    const { config } = deps;
    const handlers = taskHandlers({
      db: deps.db, records: deps.records, blobs: deps.blobs, queue: deps.queue, index: deps.searchIndex, startExtractors: () => deps.startExtractors(), analyser: deps.analyser,
      blobRoot: config.blobs, limits: config.limits, parallel: config.workers, ocr: { enabled: true, langs: config.ocr.langs, pageTimeoutMs: config.ocr.pageTimeoutMs },
    });
    this.jobs = new TaskRunner(deps.db, deps.queue, handlers, TASK_JOB_NAMES);
  }

  /**
   * Start claiming upload jobs (those a stopped server left are taken again once their lease
   * runs out), and drop half-received files abandoned long ago. Other servers share the folder,
   * so a recent `incoming-` folder may be one they are receiving right now.
   */
  async start(): Promise<void> {
    const root = uploadsRoot(this.deps);
    const names = fs.existsSync(root) ? await fs.promises.readdir(root) : [];
    for (const name of names.filter((n) => n.startsWith('incoming-'))) {
      const dir = path.join(root, name);
      const stat = await fs.promises.stat(dir).catch(() => null);
      if (stat && Date.now() - stat.mtimeMs > ABANDONED_MS) await fs.promises.rm(dir, { recursive: true, force: true });
    }
    this.jobs.start();
  }

  stop(): Promise<void> {
    return this.jobs.stop();
  }
}

/** How many of an upload's documents (members included) are ok, failed and pending. */
export function uploadDocumentCounts(deps: Pick<HttpDeps, 'records' | 'config'>, uploadId: number) {
  return deps.records.read.uploads.documentCounts(`${uploadDir(deps, uploadId)}${path.sep}`);
}

/** An upload's failed documents with the reason and message, as the path inside the upload. */
export function uploadFailures(deps: Pick<HttpDeps, 'records' | 'config'>, uploadId: number, limit = 500) {
  return deps.records.read.uploads.failures(`${uploadDir(deps, uploadId)}${path.sep}`, limit);
}
