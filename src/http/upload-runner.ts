/**
 * Ingests uploads inside the server process, one at a time, in the order they arrived. Each
 * upload's files wait in `uploads/ID/` inside the workspace; runIngest reads them like the CLI
 * does, and its progress snapshots go to `uploads.progress` a few times a second so the progress
 * page and the API can show them. The folder is removed once its files are in the blob store.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { runIngest, type IngestProgress, type IngestSummary } from '../jobs/index.js';
import type { HttpDeps } from './context.js';

/** What `uploads.progress` holds: the last snapshot, the rate, then the summary or the error. */
export interface UploadProgress extends Partial<IngestProgress> {
  /** Documents read per second so far. */
  rate?: number;
  summary?: IngestSummary;
  error?: string;
}

export type UploadDeps = Pick<HttpDeps, 'config' | 'db' | 'blobs' | 'queue' | 'searchIndex' | 'startExtractors'>;

/** The folder an upload's files are received into (inside the workspace, so renames stay on one disk). */
export const uploadsRoot = (deps: Pick<HttpDeps, 'config'>) => path.join(deps.config.workspace, 'uploads');
export const uploadDir = (deps: Pick<HttpDeps, 'config'>, id: number) => path.join(uploadsRoot(deps), String(id));

const now = () => new Date().toISOString();

export class UploadRunner {
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly deps: UploadDeps) {}

  /** Queue an upload; it starts when the ones before it are done. */
  enqueue(uploadId: number): void {
    this.tail = this.tail.then(() => this.run(uploadId)).catch((error: unknown) => console.error(`dossier: upload ${uploadId}:`, error));
  }

  /**
   * Pick up uploads a stopped server left queued or running (runIngest resumes them), and drop
   * the half-received files of uploads it was still receiving.
   */
  async resumeUnfinished(): Promise<number> {
    const root = uploadsRoot(this.deps);
    const names = fs.existsSync(root) ? await fs.promises.readdir(root) : [];
    for (const name of names.filter((n) => n.startsWith('incoming-'))) await fs.promises.rm(path.join(root, name), { recursive: true, force: true });
    const rows = await this.deps.db.selectFrom('uploads').select('id').where('state', 'in', ['queued', 'running']).orderBy('id').execute();
    for (const row of rows) this.enqueue(row.id);
    return rows.length;
  }

  /** Resolves when every queued upload has been read (for shutdown and tests). */
  idle(): Promise<void> {
    return this.tail;
  }

  private async run(uploadId: number): Promise<void> {
    const { db } = this.deps;
    const upload = await db
      .selectFrom('uploads')
      .innerJoin('collections', 'collections.id', 'uploads.collection_id')
      .select(['uploads.id', 'uploads.state', 'collections.name as collection'])
      .where('uploads.id', '=', uploadId)
      .executeTakeFirst();
    if (!upload || upload.state === 'done' || upload.state === 'failed') return;
    const dir = uploadDir(this.deps, uploadId);
    if (!fs.existsSync(dir)) {
      await this.finish(uploadId, 'failed', { error: 'the uploaded files are gone (the workspace was cleaned while the upload waited)' });
      return;
    }
    await db.updateTable('uploads').set({ state: 'running' }).where('id', '=', uploadId).execute();
    const saver = progressSaver(this.deps, uploadId);
    const extractors = this.deps.startExtractors();
    let summary: IngestSummary;
    try {
      const { config } = this.deps;
      summary = await runIngest(
        {
          db,
          blobs: this.deps.blobs,
          queue: this.deps.queue,
          index: this.deps.searchIndex,
          extractor: extractors,
          limits: config.limits,
          parallel: config.workers,
          ocr: { enabled: true, langs: config.ocr.langs, pageTimeoutMs: config.ocr.pageTimeoutMs },
        },
        [dir],
        upload.collection,
        saver.update,
      );
    } catch (error) {
      await saver.flush();
      await this.finish(uploadId, 'failed', { ...saver.last(), error: (error as Error).message });
      return;
    } finally {
      await extractors.close();
    }
    await saver.flush();
    await this.finish(uploadId, 'done', { ...saver.last(), summary });
    // The files are in the blob store now; the documents keep the paths they were read at.
    await fs.promises.rm(dir, { recursive: true, force: true });
  }

  private async finish(uploadId: number, state: 'done' | 'failed', progress: UploadProgress): Promise<void> {
    await this.deps.db.updateTable('uploads').set({ state, progress: JSON.stringify(progress), finished_at: now() }).where('id', '=', uploadId).execute();
  }
}

/** Write snapshots as they come, one write at a time; the newest wins. */
function progressSaver(deps: UploadDeps, uploadId: number) {
  let latest: UploadProgress = {};
  let writing: Promise<void> | null = null;
  let dirty = false;
  const write = async () => {
    while (dirty) {
      dirty = false;
      await deps.db.updateTable('uploads').set({ progress: JSON.stringify(latest) }).where('id', '=', uploadId).where('state', '=', 'running').execute();
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

/** Only the paths an upload's files were read at (members included: `a.zip!/b.txt`). */
function inUpload(deps: Pick<HttpDeps, 'config'>, uploadId: number) {
  const prefix = `${uploadDir(deps, uploadId)}${path.sep}`;
  return { prefix, where: sql<boolean>`substr(document_paths.path, 1, ${prefix.length}) = ${prefix}` };
}

/** How many of an upload's documents (members included) are ok, failed and pending. */
export async function uploadDocumentCounts(deps: Pick<HttpDeps, 'db' | 'config'>, uploadId: number): Promise<{ ok: number; failed: number; pending: number }> {
  const rows = await deps.db
    .selectFrom('document_paths')
    .innerJoin('documents', 'documents.id', 'document_paths.document_id')
    .select(['documents.status', (eb) => eb.fn.count<number>('documents.id').distinct().as('n')])
    .where(inUpload(deps, uploadId).where)
    .groupBy('documents.status')
    .execute();
  const by = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { ok: by('ok'), failed: by('failed'), pending: by('pending') };
}

/** An upload's failed documents with the reason and message, as the path inside the upload. */
export async function uploadFailures(deps: Pick<HttpDeps, 'db' | 'config'>, uploadId: number, limit = 500) {
  const { prefix, where } = inUpload(deps, uploadId);
  const rows = await deps.db
    .selectFrom('document_paths')
    .innerJoin('documents', 'documents.id', 'document_paths.document_id')
    .select(['documents.id', 'document_paths.path', 'documents.reason', 'documents.message'])
    .where(where)
    .where('documents.status', '=', 'failed')
    .orderBy('documents.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, path: r.path.slice(prefix.length), reason: r.reason, message: r.message }));
}
