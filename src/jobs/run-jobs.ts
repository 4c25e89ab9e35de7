import type { FailureReason } from '../domain/document.js';
import type { ExtractionResult } from '../domain/extraction.js';
import type { DocumentJobName, JobProgress, TaskJob, TaskJobName } from '../domain/job.js';
import { pageNeedsOcr } from '../extract/index.js';
import { storeDocumentIndex, type SearchIndexWriter } from '../index/index.js';
import { recordOcr, recordOutcome, type BlobStore, type JobEnqueuer } from '../ingest/index.js';
import type { Limits } from '../platform/config.js';
import type { DbHandle, Records } from '../platform/db/records.js';
import type { ClaimedJob, ClaimedTask } from '../platform/queue/sql-job-queue.js';
import { LeaseLost, MAX_BATCH, OutcomeBatcher } from './outcome-batcher.js';
import type { BoilerplateLearner } from './boilerplate-learner.js';
import { JOB_KINDS, type ExtractReply, type ExtractTask, type OcrReply, type OcrTask } from './catalogue.js';

/** The queue operations the job graph uses. */
export interface JobQueue extends JobEnqueuer {
  /** Who this process is in the jobs table (host:pid:nonce). */
  readonly owner: string;
  readonly renewEveryMs: number;
  claim(db: DbHandle, kind: DocumentJobName, limit: number, documentIds?: number[]): Promise<ClaimedJob[]>;
  /** Jobs about no one document (an upload, a reindex …): queue one, claim some (only `ids`, when given). */
  enqueueJob(db: DbHandle, job: TaskJob): Promise<number>;
  /** `rejected`: rows claimed that were no job this version can run (failed at once, with why). */
  claimTasks(db: DbHandle, names: readonly TaskJobName[], limit: number, ids?: number[]): Promise<{ tasks: ClaimedTask[]; rejected: number }>;
  /** Save a running job's progress while this process holds it. */
  saveProgress(db: DbHandle, id: number, progress: JobProgress): Promise<boolean>;
  /** Wait until a job may have been queued (a notification), `ms` at most (polling), or `signal` aborts. */
  waitForWork(ms: number, signal?: AbortSignal): Promise<void>;
  /** End this process's waits now. */
  wake(): void;
  /** Extend the leases held; returns the ids still held. */
  renew(db: DbHandle, ids: number[]): Promise<number[]>;
  /** Done, if the lease is still ours (false: another worker took the job; roll back). */
  complete(db: DbHandle, id: number, progress?: JobProgress): Promise<boolean>;
  /** Failed with this message, if the lease is still ours. */
  fail(db: DbHandle, id: number, error: string): Promise<boolean>;
  /** Put this process's jobs back on the queue. */
  release(db: DbHandle): Promise<number>;
  /** Free the jobs of dead processes on this machine; how many interrupted jobs are claimable. */
  reclaimDead(db: DbHandle): Promise<number>;
  countQueued(db: DbHandle, kind: string): Promise<number>;
}

/** Runs extraction and OCR somewhere with limits (the worker pool). */
export interface Extractor {
  run(task: ExtractTask): Promise<ExtractReply>;
  runOcr(task: OcrTask): Promise<OcrReply | { reason: FailureReason; message: string }>;
}

export interface OcrSettings {
  /** Read queued OCR jobs in this run (false: leave them queued for `dossier ocr --pending`). */
  enabled: boolean;
  /** Default tesseract languages, e.g. chi_sim+eng. */
  langs: string;
  /** Time limit per page. */
  pageTimeoutMs: number;
}

export interface JobDeps {
  db: DbHandle;
  /** Documents as the runners read them (records.read.jobDocuments); entities resolved after an ingest. */
  records: Pick<Records, 'read' | 'transact'>;
  blobs: BlobStore;
  queue: JobQueue;
  index: SearchIndexWriter;
  extractor: Extractor;
  limits: Limits;
  ocr: OcrSettings;
  /** How many documents to have in flight at once: the number of extraction processes. */
  parallel: number;
  /** The boilerplate lines to analyse each document with (an ingest learns them as it reads); none without it. */
  boilerplate?: BoilerplateLearner;
}

/** Counters the runners update as they go, for progress lines and summaries. */
export interface JobCounters {
  extracted: number;
  failed: number;
  added: number;
  queued: number;
  ocrPages: number;
  ocrDocuments: number;
  ocrQueued: number;
  /** Jobs whose lease was lost before they finished (another worker redid them), and retried transactions. */
  lost?: number;
  retries?: number;
}

export interface DrainOptions {
  /** Keep waiting for work when the queue is empty (a worker) instead of returning. */
  forever?: boolean;
  /** Stop claiming and return once the jobs in flight are done (a worker told to stop). */
  stopping?: () => boolean;
  /** How often an idle drain looks for work. */
  pollMs?: number;
  /** Aborted when told to stop: ends an idle wait at once (with `stopping`). */
  signal?: AbortSignal;
}

type Runner = (deps: JobDeps, job: ClaimedJob, counters: JobCounters, batcher: OutcomeBatcher, read: () => void) => Promise<void>;

/** The runner of each kind of document job: a kind missing here is a compile error. */
const runners: { [N in DocumentJobName]: Runner } = { extract: extractOne, ocr: ocrOne };

/**
 * Claim queued jobs and keep `parallel` of them in flight until none are left (and, while
 * `stillFeeding` says more may come, wait for them). Extraction comes before OCR: it is quick
 * and it is what finds the pages that need OCR. Other processes (`dossier worker`) may be
 * claiming from the same queue: an ingest returns only when no job is left queued or running
 * anywhere. Leases of the jobs in flight are renewed on a timer.
 */
export async function drainQueue(deps: JobDeps, counters: JobCounters, stillFeeding: () => boolean = () => false, documentIds?: number[], options: DrainOptions = {}): Promise<void> {
  const { db, queue } = deps;
  const retry = { retries: 0 };
  const batcher = new OutcomeBatcher(db, (trx, id) => queue.complete(trx, id), retry);
  // Jobs until their outcome is committed; `reading` counts those still in an extraction process.
  const inFlight = new Set<Promise<void>>();
  const held = new Set<number>();
  const state = { reading: 0 };
  let wake: () => void = () => {};
  const renewal = setInterval(() => {
    queue.renew(db, [...held]).catch(() => undefined);
  }, queue.renewEveryMs);
  try {
    for (;;) {
      const stopping = options.stopping?.() ?? false;
      // Processes are kept busy while earlier outcomes wait for their transaction, up to a bound.
      let room = stopping || batcher.size >= 2 * MAX_BATCH ? 0 : deps.parallel * 2 - state.reading;
      const jobs: ClaimedJob[] = [];
      if (room > 0) jobs.push(...(await queue.claim(db, JOB_KINDS.extract, room, documentIds)));
      room -= jobs.length;
      if (room > 0 && deps.ocr.enabled) jobs.push(...(await queue.claim(db, JOB_KINDS.ocr, Math.min(room, deps.parallel), documentIds)));
      for (const job of jobs) {
        held.add(job.id);
        state.reading++;
        const read = () => {
          state.reading--;
          wake();
        };
        const run = runners[job.job.name](deps, job, counters, batcher, read).catch((error: unknown) => {
          if (!(error instanceof LeaseLost)) throw error;
          counters.lost = (counters.lost ?? 0) + 1;
        });
        const p = run.finally(() => {
          inFlight.delete(p);
          held.delete(job.id);
          wake();
        });
        inFlight.add(p);
      }
      if (inFlight.size > 0) {
        // Wake when a process is free again or a job is done; a failed write rejects here.
        const woken = new Promise<void>((resolve) => (wake = resolve));
        await Promise.race([woken, ...inFlight]);
        continue;
      }
      if (jobs.length > 0) continue;
      if (stopping) return;
      if (!stillFeeding() && !options.forever) {
        // Jobs other processes hold (or will hold again when their lease expires) are waited for.
        if (documentIds !== undefined) return;
        const unfinished = (await queue.countQueued(db, JOB_KINDS.extract)) + (deps.ocr.enabled ? await queue.countQueued(db, JOB_KINDS.ocr) : 0);
        if (unfinished === 0) return;
      }
      if (options.stopping?.()) continue; // told to stop while claiming: do not fall asleep now
      if (stillFeeding()) await new Promise((r) => setTimeout(r, 50));
      else await queue.waitForWork(options.pollMs ?? 200, options.signal);
    }
  } finally {
    clearInterval(renewal);
    if (retry.retries) counters.retries = (counters.retries ?? 0) + retry.retries;
  }
}

async function extractOne(deps: JobDeps, job: ClaimedJob, counters: JobCounters, batcher: OutcomeBatcher, read: () => void): Promise<void> {
  const { queue } = deps;
  const doc = await deps.records.read.jobDocuments.extractSource(job.documentId);
  let reply: ExtractReply;
  const fail = (result: ExtractionResult): ExtractReply => ({ result, analysis: null });
  if (!doc || doc.sha256 === null) {
    reply = fail({ ok: false, mime: 'application/octet-stream', reason: 'unreadable', message: 'the document has no stored content' });
  } else if (job.attempts > 3) {
    reply = fail({ ok: false, mime: 'application/octet-stream', reason: 'crashed', message: 'reading this file was interrupted three times; it is set aside' });
  } else {
    const boilerplate = deps.boilerplate ? await deps.boilerplate.keysFor(doc.collectionId) : [];
    reply = await deps.extractor.run({ documentId: doc.id, sha256: doc.sha256, size: doc.size, path: doc.path, depth: doc.depth, limits: deps.limits, ...(boilerplate.length ? { boilerplate } : {}) });
  }
  read();
  const { result, analysis } = reply;
  if (doc && deps.boilerplate && result.ok && analysis) await deps.boilerplate.observe(doc.collectionId, result.extraction.pages.map((p) => p.text));
  const { added, queued, ocr } = await batcher.submit(job, async (trx) => {
    const outcome = await recordOutcome(trx, queue, deps.index.ingestWrites(trx), job.documentId, result);
    await storeDocumentIndex(trx, deps.index, job.documentId, result.ok ? analysis : null);
    const needsOcr = result.ok && result.extraction.needsOcr;
    if (needsOcr) await queue.enqueue(trx, JOB_KINDS.ocr, job.documentId);
    return { ...outcome, ocr: needsOcr };
  });
  counters.extracted++;
  counters.added += added;
  if (!result.ok) counters.failed++;
  counters.queued = Math.max(0, counters.queued + queued - 1);
  if (ocr) counters.ocrQueued++;
}

async function ocrOne(deps: JobDeps, job: ClaimedJob, counters: JobCounters, batcher: OutcomeBatcher, read: () => void): Promise<void> {
  const doc = await deps.records.read.jobDocuments.ocrSource(job.documentId);
  const options: { pages?: number[]; langs?: string } = job.job.name === 'ocr' ? job.job.data : {};
  let reply: OcrReply | { reason: FailureReason; message: string };
  if (!doc || doc.sha256 === null || !doc.mime) reply = { reason: 'unreadable', message: 'the document has no stored content' };
  else if (job.attempts > 3) reply = { reason: 'crashed', message: 'OCR of this document was interrupted three times; it is set aside' };
  else {
    const { pages, metadata } = doc;
    const isPdf = doc.mime === 'application/pdf' || doc.mime === 'image/vnd.djvu';
    // A PDF's pages without a usable text layer, and those OCR'd before (a re-run with other languages).
    const wanted = options.pages ?? (isPdf ? pages.filter((p) => p.ocr !== null || pageNeedsOcr(p.text)).map((p) => p.page) : null);
    reply = await deps.extractor.runOcr({
      documentId: doc.id, sha256: doc.sha256, mime: doc.mime, pages: wanted, pageCount: isPdf ? (typeof metadata.pages === 'number' ? metadata.pages : pages.length) : null,
      langs: options.langs ?? deps.ocr.langs, timeoutMs: deps.ocr.pageTimeoutMs, title: doc.title, path: doc.path, metadata,
      otherPages: pages.filter((p) => !pageNeedsOcr(p.text)).map((p) => ({ page: p.page, text: p.text })),
    });
  }
  read();
  const done = await batcher.submit(job, async (trx) => {
    const outcome = await recordOcr(trx, job.documentId, 'outcomes' in reply ? { outcomes: reply.outcomes } : reply);
    if ('outcomes' in reply && reply.analysis) await storeDocumentIndex(trx, deps.index, job.documentId, reply.analysis);
    return outcome;
  });
  counters.ocrPages += done.pages;
  counters.ocrDocuments++;
  counters.ocrQueued = Math.max(0, counters.ocrQueued - 1);
}

