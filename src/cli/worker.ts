import { DossierError } from '../domain/errors.js';
import { drainQueue, TASK_JOB_NAMES, taskHandlers, TaskRunner, type JobCounters } from '../jobs/index.js';
import type { App } from './app.js';
import { printJson } from './output.js';
import { taskDepsOf } from './task-job.js';

export interface WorkerOptions {
  /** Extraction processes (jobs in flight are twice this); default: $DOSSIER_WORKERS or the cores. */
  concurrency?: string;
  /** Stop when the queue is empty instead of waiting for more work. */
  exit?: boolean;
  /** Leave OCR jobs for other workers. */
  ocr?: boolean;
  /** How often an idle worker looks for work, in ms (default 500). */
  poll?: string;
  json?: boolean;
  quiet?: boolean;
}

/**
 * `dossier worker`: claim and run every kind of job from the shared queue until stopped: extraction
 * and OCR, and the task jobs (uploads, reindexes, watch-list runs, entity resolution). Any machine
 * that reaches the database and the blob folder can run one; a claim is a lease the worker renews
 * while it works, so a killed worker's jobs go back to the queue when it runs out.
 * SIGINT/SIGTERM stop claiming at once (an abort signal ends any idle wait, even one begun while
 * the stop arrived), finish the jobs in flight, put back what it still holds, and return, after
 * which main closes the LISTEN connection and the pool and the process exits 0.
 */
export async function workerCommand(app: App, options: WorkerOptions): Promise<JobCounters> {
  const parallel = options.concurrency === undefined ? app.config.workers : Number(options.concurrency);
  if (!Number.isInteger(parallel) || parallel < 1) {
    throw new DossierError('invalid_argument', `--concurrency must be a positive whole number, got "${options.concurrency}"`);
  }
  const pollMs = options.poll === undefined ? 500 : Number(options.poll);
  if (!Number.isInteger(pollMs) || pollMs < 10) throw new DossierError('invalid_argument', `--poll must be a whole number of milliseconds (10 or more), got "${options.poll}"`);
  if (app.backend === 'sqlite' && !options.quiet) console.error('dossier worker: the workspace is SQLite; workers on other machines need DOSSIER_DATABASE_URL (PostgreSQL).');
  let stop = false;
  const stopping = new AbortController();
  const onSignal = () => {
    if (stop) process.exit(130);
    stop = true;
    stopping.abort();
    app.queue.wake();
    if (!options.quiet) console.error('dossier worker: finishing the jobs in flight (again to quit now) …');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const counters: JobCounters = { extracted: 0, failed: 0, added: 0, queued: 0, ocrPages: 0, ocrDocuments: 0, ocrQueued: 0, lost: 0, retries: 0 };
  const resumed = await app.queue.reclaimDead(app.db);
  if (!options.quiet) console.error(`dossier worker ${app.queue.owner}: ${parallel} extraction process${parallel === 1 ? '' : 'es'} on ${app.backend}${resumed ? `; ${resumed} interrupted jobs to pick up` : ''}; waiting for jobs …`);
  const extractors = app.startExtractors(parallel);
  const ocr = { enabled: options.ocr !== false, langs: app.config.ocr.langs, pageTimeoutMs: app.config.ocr.pageTimeoutMs };
  // Uploads received by any `dossier serve`, reindexes and watch-lists queued anywhere: a worker runs them like a server would.
  const tasks = new TaskRunner(app.db, app.queue, taskHandlers({ ...taskDepsOf(app, parallel), ocr }), TASK_JOB_NAMES, pollMs);
  if (!options.exit) tasks.start();
  const started = Date.now();
  try {
    await drainQueue(
      {
        db: app.db, records: app.records, blobs: app.blobs, queue: app.queue, index: app.searchIndex, extractor: extractors, limits: app.config.limits, parallel,
        ocr,
      },
      counters,
      () => false,
      undefined,
      { forever: !options.exit, stopping: () => stop, pollMs, signal: stopping.signal },
    );
    // --exit: the task jobs queued now are worked too, one after the other.
    if (options.exit) while (!stop && (await tasks.runOnce()));
  } finally {
    stopping.abort();
    await tasks.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await app.queue.release(app.db).catch(() => 0);
    await extractors.close();
  }
  const summary = { worker: app.queue.owner, extracted: counters.extracted, failed: counters.failed, added: counters.added, ocrDocuments: counters.ocrDocuments, ocrPages: counters.ocrPages, lost: counters.lost ?? 0, retries: counters.retries ?? 0, seconds: (Date.now() - started) / 1000 };
  if (options.json) printJson(summary);
  else if (!options.quiet) console.log(`Worker read ${summary.extracted} documents (${summary.failed} failed), OCR'd ${summary.ocrPages} pages of ${summary.ocrDocuments}; ${summary.lost} lost to expired leases, ${summary.retries} retried transactions.`);
  return counters;
}
