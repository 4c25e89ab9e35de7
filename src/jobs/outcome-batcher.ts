import type { DbHandle } from '../platform/db/records.js';
import type { ClaimedJob } from '../platform/queue/sql-job-queue.js';
import { withRetry, type RetryCounter } from './retry-transaction.js';

/** Thrown to the waiter of an outcome whose job's lease was lost: nothing of it was written. */
export class LeaseLost extends Error {}

interface Pending {
  job: ClaimedJob;
  write: (trx: DbHandle) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Most outcomes written in one transaction: bounds the transaction's size and the memory waiting for it. */
export const MAX_BATCH = 64;

/**
 * Writes the outcomes of finished jobs, many per transaction. One transaction per document made
 * the main process the bottleneck of an ingest: every commit flushes FTS5's pending terms into a
 * new segment (and merges them), and pays the transaction's own cost. Outcomes that arrive while
 * a batch is being written wait and go together in the next one, so the batch grows with the
 * load and a lone document is not delayed. Each job is completed first in the transaction, if
 * its lease is still ours; a lost one is left out (its waiter gets LeaseLost) and the others commit.
 */
export class OutcomeBatcher {
  private readonly pending: Pending[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly db: DbHandle,
    private readonly complete: (trx: DbHandle, id: number) => Promise<boolean>,
    private readonly retry: RetryCounter,
  ) {}

  /** Outcomes waiting for their transaction, or in it. */
  get size(): number {
    return this.pending.length;
  }

  /** Write a job's outcome in a coming transaction; resolves with what `write` returned, once committed. */
  submit<T>(job: ClaimedJob, write: (trx: DbHandle) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ job, write, resolve: resolve as (value: unknown) => void, reject });
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    // Let outcomes that are ready in this turn of the event loop join the batch.
    await new Promise((r) => setImmediate(r));
    while (this.pending.length > 0) {
      const batch = this.pending.slice(0, MAX_BATCH);
      try {
        const results = await withRetry(
          () =>
            this.db.transaction().execute(async (trx) => {
              const out: Array<{ lost: true } | { value: unknown }> = [];
              for (const item of batch) {
                if (!(await this.complete(trx, item.job.id))) out.push({ lost: true });
                else out.push({ value: await item.write(trx) });
              }
              return out;
            }),
          this.retry,
        );
        this.pending.splice(0, batch.length);
        batch.forEach((item, i) => {
          const r = results[i]!;
          if ('lost' in r) item.reject(new LeaseLost(`job ${item.job.id}: lease lost`));
          else item.resolve(r.value);
        });
      } catch (error) {
        this.pending.splice(0, batch.length);
        for (const item of batch) item.reject(error);
      }
    }
    this.flushing = null;
  }
}
