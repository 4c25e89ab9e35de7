import pg from 'pg';

/** The channel `SqlJobQueue` notifies on PostgreSQL when it queues a job. */
export const JOBS_CHANNEL = 'dossier_jobs';

/**
 * Wakes idle workers when a job is queued anywhere: one connection (outside the pool, opened at
 * the first wait) LISTENs on `dossier_jobs`, and `SqlJobQueue.enqueue` NOTIFYs it (delivered when
 * the queuing transaction commits). A wait still ends after its poll interval, so a missed
 * notification, a lost connection or an expired lease cost at most one interval.
 */
export class PgJobWaker {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private readonly waiters = new Set<() => void>();
  private closed = false;

  constructor(private readonly url: string) {}

  /**
   * Wait for a notification, `ms` at most, or until `signal` aborts. The abort is checked after
   * connecting too: a stop that arrived while LISTEN was being set up must not be slept through
   * (that lost wake-up kept an idle worker on PostgreSQL from exiting on SIGTERM).
   */
  async wait(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted || this.closed) return;
    await this.listen().catch(() => undefined);
    if (signal?.aborted || this.closed) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  /** End every wait now (a worker told to stop). */
  wakeAll(): void {
    for (const wake of [...this.waiters]) wake();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeAll();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private listen(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.url });
      client.on('notification', () => this.wakeAll());
      // A dropped connection is opened again at the next wait; until then, waits poll.
      client.on('error', () => {
        if (this.client === client) this.client = null;
      });
      client.on('end', () => {
        if (this.client === client) this.client = null;
      });
      await client.connect();
      await client.query(`LISTEN ${JOBS_CHANNEL}`);
      if (this.closed) await client.end();
      else this.client = client;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }
}
