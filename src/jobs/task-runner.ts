/**
 * Claims task jobs (uploads, reindexes, watch-list runs, entity resolution) from the shared queue,
 * one at a time, and runs each through its handler (task-handlers.ts). The lease is renewed while
 * the handler works; what it reports is saved with the job at most once a second (and once at the
 * end), so `dossier jobs` on any machine shows it and a process that takes the job over after a
 * crash can resume from it. A handler that throws fails its job; the runner carries on.
 */
import type { JobProgress, TaskJobName } from '../domain/job.js';
import type { DbHandle } from '../platform/db/records.js';
import type { ClaimedTask } from '../platform/queue/sql-job-queue.js';
import type { TaskContext, TaskHandler, TaskHandlers } from './catalogue.js';
import type { JobQueue } from './run-jobs.js';

/** How often a job's progress is written at most: bounded, so a fast handler costs no write storm. */
const SAVE_EVERY_MS = 1000;

export class TaskRunner {
  private readonly stopper = new AbortController();
  private loop: Promise<void> | null = null;

  constructor(
    private readonly db: DbHandle,
    private readonly queue: JobQueue,
    private readonly handlers: TaskHandlers,
    /** The kinds this runner takes (a CLI waiting on its own reindex takes only that). */
    private readonly names: readonly TaskJobName[],
    private readonly pollMs = 1000,
  ) {}

  /** Claim and run jobs until stopped. */
  start(): void {
    this.loop ??= this.run();
  }

  /** Stop claiming; resolves when the job in hand (if any) is done. */
  async stop(): Promise<void> {
    this.stopper.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    const signal = this.stopper.signal;
    while (!signal.aborted) {
      try {
        if (!(await this.runOnce())) await this.queue.waitForWork(this.pollMs, signal);
      } catch (error) {
        if (signal.aborted) return;
        console.error('dossier: task jobs:', error);
        await this.queue.waitForWork(this.pollMs, signal);
      }
    }
  }

  /** Claim one job (of `ids`, when given) and run it; false when there was none to claim. */
  async runOnce(ids?: number[]): Promise<boolean> {
    const { tasks, rejected } = await this.queue.claimTasks(this.db, this.names, 1, ids);
    const [task] = tasks;
    if (task) await this.runTask(task);
    return task !== undefined || rejected > 0;
  }

  private async runTask(task: ClaimedTask): Promise<void> {
    const { db, queue } = this;
    const renewal = setInterval(() => void queue.renew(db, [task.id]).catch(() => undefined), queue.renewEveryMs);
    const started = Date.now();
    const firstDone = task.progress?.done ?? 0;
    let latest: JobProgress = task.progress ?? { done: 0, total: null, rate: null, note: null, cursor: null, result: null };
    let savedAt = 0;
    let saving: Promise<unknown> = Promise.resolve();
    const context: TaskContext = {
      jobId: task.id,
      attempts: task.attempts,
      previous: task.progress,
      report: (p) => {
        const seconds = (Date.now() - started) / 1000;
        latest = { done: p.done, total: p.total, rate: seconds > 0 ? (p.done - firstDone) / seconds : null, note: p.note ?? latest.note, cursor: p.cursor ?? latest.cursor, result: p.result ?? latest.result };
        if (Date.now() - savedAt < SAVE_EVERY_MS) return;
        savedAt = Date.now();
        const snapshot = latest;
        saving = saving.then(() => queue.saveProgress(db, task.id, snapshot)).catch(() => undefined);
      },
    };
    try {
      // The map is indexed by the job's own name, so each handler gets its own kind's data.
      const handler = this.handlers[task.job.name] as TaskHandler<typeof task.job>;
      const result = await handler(task.job.data, context);
      await saving;
      await queue.complete(db, task.id, { ...latest, result: result ?? latest.result });
    } catch (error) {
      await saving;
      await queue.saveProgress(db, task.id, latest).catch(() => false);
      await queue.fail(db, task.id, error instanceof Error ? error.message : String(error));
    } finally {
      clearInterval(renewal);
    }
  }
}
