/**
 * What the CLI commands that became jobs (reindex, watch-list runs, entity resolution) share:
 * queue the job, then — unless `--no-work` — work it here, or follow whoever claimed it (a
 * `dossier worker`, a server), printing its progress from the jobs table, until it is finished.
 * If the process holding it dies, its lease runs out and this command takes the job over.
 */
import { DossierError } from '../domain/errors.js';
import { TASK_JOB_NAMES, taskHandlers, TaskRunner, type JobRecord, type TaskDeps, type TaskJob } from '../jobs/index.js';
import type { App } from './app.js';
import { formatDuration } from './output.js';

export interface TaskJobOptions {
  /** false: queue only; a worker or a server runs it (this command still waits, unless `wait` is false). */
  work?: boolean;
  wait?: boolean;
  json?: boolean;
  quiet?: boolean;
}

/** The dependencies of every task handler, from the app. */
export function taskDepsOf(app: App, parallel = app.config.workers): TaskDeps {
  return {
    db: app.db, records: app.records, blobs: app.blobs, queue: app.queue, index: app.searchIndex, analyser: app.analyser, startExtractors: () => app.startExtractors(parallel),
    blobRoot: app.config.blobs, limits: app.config.limits, parallel, ocr: { enabled: true, langs: app.config.ocr.langs, pageTimeoutMs: app.config.ocr.pageTimeoutMs },
  };
}

/** "names 12/40 · 3.1/s · ETA 9 s · worker host:123:ab12cd" */
export function formatJobProgress(job: JobRecord): string {
  const p = job.progress;
  const parts = [`${job.name} #${job.id} ${job.state}`];
  if (p) {
    parts.push(`${p.note ? `${p.note} ` : ''}${p.done}${p.total === null ? '' : `/${p.total}`}`);
    if (p.rate !== null && job.state === 'running') parts.push(`${p.rate.toFixed(1)}/s`);
    if (p.rate && p.total !== null && job.state === 'running') parts.push(`ETA ${formatDuration(Math.max(0, p.total - p.done) / p.rate)}`);
  }
  if (job.lockedBy && job.state === 'running') parts.push(`by ${job.lockedBy}`);
  return parts.join(' · ');
}

/**
 * Queue `job`, work or follow it to its end and return its result. Throws (exit 1) when it
 * failed; with `wait: false`, returns null as soon as it is queued.
 */
export async function runTaskJob(app: App, job: TaskJob, options: TaskJobOptions): Promise<{ id: number; result: unknown } | null> {
  const id = await app.queue.enqueueJob(app.db, job);
  if (options.work === false && options.wait === false) return null;
  const runner = options.work === false ? null : new TaskRunner(app.db, app.queue, taskHandlers(taskDepsOf(app)), TASK_JOB_NAMES);
  const show = !options.quiet && !(options.json && !process.stderr.isTTY);
  let printedAt = 0;
  const print = (record: JobRecord, final = false) => {
    if (!show) return;
    if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${formatJobProgress(record).slice(0, (process.stderr.columns || 120) - 1)}${final ? '\n' : ''}`);
    else if (final || Date.now() - printedAt > 10_000) {
      printedAt = Date.now();
      process.stderr.write(`${formatJobProgress(record)}\n`);
    }
  };
  const ticker = setInterval(() => {
    void app.records.read.jobs.get(id).then((r) => r && r.state === 'running' && print(r), () => undefined);
  }, 500);
  try {
    for (;;) {
      // Work it here if nobody holds it (or its holder's lease ran out); else follow it.
      if (runner) await runner.runOnce([id]);
      const record = await app.records.read.jobs.get(id);
      if (!record) throw new DossierError('not_found', `job ${id} is gone from the queue`);
      if (record.state === 'done' || record.state === 'failed') {
        print(record, true);
        if (record.state === 'failed') throw new Error(`${job.name} job ${id} failed: ${record.error ?? 'no reason given'}`);
        return { id, result: record.progress?.result ?? null };
      }
      await app.queue.waitForWork(250);
    }
  } finally {
    clearInterval(ticker);
  }
}
