import os from 'node:os';
import crypto from 'node:crypto';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { JOB_NAMES, type DocumentJob, type JobProgress, type TaskJob, type TaskJobName } from '../../domain/job.js';
import { isPostgres } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import { decodeJobRow, decodeProgress, encodeJob, encodeProgress } from './job-codec.js';
import { JOBS_CHANNEL } from './pg-job-waker.js';

/** A claimed job about one document, decoded. */
export interface ClaimedJob {
  id: number;
  kind: DocumentJob['name'];
  documentId: number;
  attempts: number;
  job: DocumentJob;
}

/** A claimed job that is not about one document (an upload, a reindex …): all it needs is in `job`. */
export interface ClaimedTask {
  id: number;
  attempts: number;
  job: TaskJob;
  /** What an earlier claim of it reported (a resumable job continues from its cursor). */
  progress: JobProgress | null;
}

/** A claimed row that is no job this version can run: it is failed with this message at once. */
export interface RejectedJob {
  id: number;
  kind: string;
  error: string;
}

const now = () => new Date().toISOString();

/** The database's clock in ms since 1970: one clock for every machine sharing the queue. */
function clockMs(db: Kysely<Database>): RawBuilder<number> {
  return isPostgres(db) ? sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint` : sql<number>`CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)`;
}

export interface QueueOptions {
  /** How long a claim holds without renewal; a worker renews every third of it. */
  leaseMs?: number;
  /** Who claims: host:pid:nonce (the default) identifies this process across machines. */
  owner?: string;
  /** Ends an idle wait when a job is queued (PostgreSQL LISTEN); without it, waits just poll. */
  waker?: { wait(ms: number, signal?: AbortSignal): Promise<void>; wakeAll(): void; close(): Promise<void> };
  /** Told of every claimed row that fails to decode (it is failed, not run). */
  onRejected?: (job: RejectedJob) => void;
}

/**
 * The job queue as a table in the workspace database, shared by any number of processes on any
 * number of machines. One job per (document, kind); queueing it again re-opens it.
 *
 * A claim is one statement that marks jobs running under this process's lease (`locked_by`,
 * `locked_until`): on PostgreSQL the candidates are picked `FOR UPDATE SKIP LOCKED`, so
 * concurrent claimers never take the same row; on SQLite the statement runs under the single
 * writer lock. Queued jobs and running jobs whose lease expired are both claimable, so a killed
 * worker's job comes back after its lease, never at the start of some other process. A job is
 * completed only while its lease is still ours (another worker may have taken it over).
 */
export class SqlJobQueue {
  readonly owner: string;
  readonly leaseMs: number;
  private readonly waker: QueueOptions['waker'];

  constructor(options: QueueOptions = {}) {
    this.owner = options.owner ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.waker = options.waker;
    this.onRejected = options.onRejected ?? ((job) => console.error(`dossier: job ${job.id} failed: ${job.error}`));
  }

  private readonly onRejected: (job: RejectedJob) => void;

  private readonly sleepers = new Set<() => void>();

  /**
   * Wait for a notification that a job was queued, or `ms` at most, or until `signal` aborts
   * (at once if it already has: a stop that came while the caller was claiming is not lost).
   */
  waitForWork(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.resolve();
    if (this.waker) return this.waker.wait(ms, signal);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  /** End every wait of this process now (a worker told to stop must not sleep out its poll interval). */
  wake(): void {
    this.waker?.wakeAll();
    for (const done of [...this.sleepers]) done();
  }

  /** Stop listening (the process is closing). */
  async close(): Promise<void> {
    await this.waker?.close();
  }

  /** On PostgreSQL, wake idle workers (LISTEN dossier_jobs); delivered when the transaction commits. */
  private async notify(db: Kysely<Database>, kind: string): Promise<void> {
    if (isPostgres(db)) await sql`SELECT pg_notify(${JOBS_CHANNEL}, ${kind})`.execute(db);
  }

  /** How often a worker should renew the leases it holds. */
  get renewEveryMs(): number {
    return Math.max(100, Math.floor(this.leaseMs / 3));
  }

  async enqueue(db: Kysely<Database>, kind: string, documentId: number, payload: unknown = null): Promise<void> {
    const json = payload === null ? null : JSON.stringify(payload);
    const open = { state: 'queued' as const, attempts: 0, error: null, updated_at: now(), payload: json, locked_by: null, locked_until: null, progress: null };
    await db
      .insertInto('jobs')
      .values({ kind, document_id: documentId, ...open })
      .onConflict((oc) => oc.columns(['document_id', 'kind']).doUpdateSet(open))
      .execute();
    await this.notify(db, kind);
  }

  /** Take up to `limit` claimable jobs of a kind, oldest first, under this process's lease. */
  async claim(db: Kysely<Database>, kind: string, limit: number, documentIds?: number[]): Promise<ClaimedJob[]> {
    const only = documentIds === undefined ? sql`` : sql`AND document_id IN (${sql.join(documentIds.length ? documentIds : [-1])})`;
    const rows = await this.claimRows(db, sql`kind = ${kind}`, limit, only);
    const claimed: ClaimedJob[] = [];
    for (const row of rows) {
      const decoded = decodeJobRow(row);
      if (decoded.ok && (decoded.job.name === 'extract' || decoded.job.name === 'ocr')) claimed.push({ id: row.id, kind: decoded.job.name, documentId: decoded.job.data.documentId, attempts: row.attempts, job: decoded.job });
      else await this.reject(db, row, decoded.ok ? `a ${row.kind} job is not about a document` : decoded.error);
    }
    return claimed;
  }

  /** Queue a job that is not about one document (its data says what to do); each call adds one. */
  async enqueueJob(db: Kysely<Database>, job: TaskJob): Promise<number> {
    const row = await db
      .insertInto('jobs')
      .values({ ...encodeJob(job), state: 'queued', attempts: 0, error: null, updated_at: now(), locked_by: null, locked_until: null, progress: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.notify(db, job.name);
    return row.id;
  }

  /**
   * Take up to `limit` claimable jobs of these kinds (only those of `ids`, when given). Rows of a
   * kind this version does not know are claimed too, and failed with a message saying so: a job
   * nobody can run must show as failed, not wait forever.
   */
  async claimTasks(db: Kysely<Database>, names: readonly TaskJobName[], limit: number, ids?: number[]): Promise<{ tasks: ClaimedTask[]; rejected: number }> {
    const only = ids === undefined ? sql`` : sql`AND id IN (${sql.join(ids.length ? ids : [-1])})`;
    const kinds = sql`(kind IN (${sql.join(names.length ? [...names] : ['-'])}) OR kind NOT IN (${sql.join(JOB_NAMES)}))`;
    const rows = await this.claimRows(db, kinds, limit, only);
    const claimed: ClaimedTask[] = [];
    for (const row of rows) {
      const decoded = decodeJobRow(row);
      if (decoded.ok && decoded.job.name !== 'extract' && decoded.job.name !== 'ocr') claimed.push({ id: row.id, attempts: row.attempts, job: decoded.job, progress: decodeProgress(row.progress) });
      else await this.reject(db, row, decoded.ok ? `a ${row.kind} job is about a document; it is run by an ingest or a worker's extraction` : decoded.error);
    }
    return { tasks: claimed, rejected: rows.length - claimed.length };
  }

  private async reject(db: Kysely<Database>, row: { id: number; kind: string }, error: string): Promise<void> {
    await this.fail(db, row.id, error);
    this.onRejected({ id: row.id, kind: row.kind, error });
  }

  private async claimRows(db: Kysely<Database>, kinds: RawBuilder<unknown>, limit: number, only: RawBuilder<unknown>) {
    if (limit < 1) return [];
    const clock = clockMs(db);
    const lock = isPostgres(db) ? sql`FOR UPDATE SKIP LOCKED` : sql``;
    const rows = await sql<{ id: number; kind: string; document_id: number | null; attempts: number; payload: string | null; progress: string | null }>`
      UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_by = ${this.owner}, locked_until = ${clock} + ${this.leaseMs}, updated_at = ${now()}
      WHERE id IN (
        SELECT id FROM jobs
        WHERE ${kinds} AND (state = 'queued' OR (state = 'running' AND (locked_until IS NULL OR locked_until < ${clock}))) ${only}
        ORDER BY id LIMIT ${limit} ${lock})
      RETURNING id, kind, document_id, attempts, payload, progress`.execute(db);
    return rows.rows.sort((a, b) => a.id - b.id);
  }

  /** Save what a job reports, while this process holds it (false: the lease was lost). */
  async saveProgress(db: Kysely<Database>, id: number, progress: JobProgress): Promise<boolean> {
    const result = await db
      .updateTable('jobs')
      .set({ progress: encodeProgress(progress), updated_at: now() })
      .where('id', '=', id)
      .where('state', '=', 'running')
      .where('locked_by', '=', this.owner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Extend the leases of jobs this process holds; returns the ids still ours (the others were lost). */
  async renew(db: Kysely<Database>, ids: number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows = await db
      .updateTable('jobs')
      .set({ locked_until: sql<number>`${clockMs(db)} + ${this.leaseMs}` })
      .where('id', 'in', ids)
      .where('state', '=', 'running')
      .where('locked_by', '=', this.owner)
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }

  /**
   * Mark a job done if this process still holds it; false when the lease was lost (the caller
   * must then roll back what it wrote). Call it first in the transaction recording the outcome:
   * on PostgreSQL the row stays locked until commit, so nobody can take the job over meanwhile.
   */
  async complete(db: Kysely<Database>, id: number, progress?: JobProgress): Promise<boolean> {
    return this.finish(db, id, { state: 'done', error: null, ...(progress ? { progress: encodeProgress(progress) } : {}) });
  }

  async fail(db: Kysely<Database>, id: number, error: string): Promise<boolean> {
    return this.finish(db, id, { state: 'failed', error });
  }

  private async finish(db: Kysely<Database>, id: number, set: { state: 'done' | 'failed'; error: string | null; progress?: string }): Promise<boolean> {
    const result = await db
      .updateTable('jobs')
      .set({ ...set, locked_until: null, updated_at: now() })
      .where('id', '=', id)
      .where('state', '=', 'running')
      .where('locked_by', '=', this.owner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Put the jobs this process holds back on the queue (a worker stopping cleanly). */
  async release(db: Kysely<Database>): Promise<number> {
    const result = await db
      .updateTable('jobs')
      .set((eb) => ({ state: 'queued', attempts: eb('attempts', '-', 1), locked_until: null, updated_at: now() }))
      .where('state', '=', 'running')
      .where('locked_by', '=', this.owner)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) > 0) await this.notify(db, 'released');
    return Number(result.numUpdatedRows);
  }

  /**
   * Expire at once the leases of processes on this machine that no longer run (a killed ingest),
   * so their jobs need not wait out the lease; jobs held by other machines wait for their lease.
   * Returns how many jobs interrupted earlier are claimable again.
   */
  async reclaimDead(db: Kysely<Database>): Promise<number> {
    const holders = await db.selectFrom('jobs').select('locked_by').distinct().where('state', '=', 'running').execute();
    const host = os.hostname();
    const dead = holders
      .map((h) => h.locked_by)
      .filter((owner): owner is string => owner !== null && owner !== this.owner)
      .filter((owner) => {
        const [ownerHost, pid] = owner.split(':');
        return ownerHost === host && !processAlive(Number(pid));
      });
    if (dead.length) await db.updateTable('jobs').set({ locked_until: 0 }).where('state', '=', 'running').where('locked_by', 'in', dead).execute();
    const row = await db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('state', '=', 'running')
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', clockMs(db))]))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Jobs of a kind not finished: queued, or running somewhere. */
  async countQueued(db: Kysely<Database>, kind: string): Promise<number> {
    const row = await db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('state', 'in', ['queued', 'running']).where('kind', '=', kind).executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid < 1) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
