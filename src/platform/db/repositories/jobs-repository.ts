import type { Kysely } from 'kysely';
import type { JobRecord, JobState } from '../../../domain/job.js';
import { decodeProgress } from '../../queue/job-codec.js';
import type { Database } from '../schema.js';

/**
 * The jobs table as `dossier jobs` and the commands that wait on a job read it (the queue adapter,
 * platform/queue/sql-job-queue.ts, claims and completes them). Progress is decoded in job-codec.ts.
 */
export interface JobsRepository {
  get(id: number): Promise<JobRecord | null>;
  /**
   * Jobs running anywhere and the newest jobs not about one document (uploads, reindexes …),
   * newest first; with `documentJobs`, the newest extract and OCR jobs too.
   */
  list(options: { limit: number; documentJobs?: boolean }): Promise<JobRecord[]>;
  /** How many jobs of each kind are in each state. */
  counts(): Promise<Array<{ name: string; state: JobState; count: number }>>;
}

const columns = ['id', 'kind', 'state', 'document_id', 'attempts', 'error', 'updated_at', 'locked_by', 'locked_until', 'progress'] as const;

type Row = Pick<Database['jobs'], 'kind' | 'state' | 'document_id' | 'attempts' | 'error' | 'updated_at' | 'locked_by' | 'locked_until' | 'progress'> & { id: number };

const toRecord = (r: Row): JobRecord => ({
  id: r.id,
  name: r.kind,
  state: r.state,
  documentId: r.document_id,
  attempts: r.attempts,
  error: r.error,
  updatedAt: r.updated_at,
  lockedBy: r.locked_by,
  lockedUntil: r.locked_until === null ? null : Number(r.locked_until),
  progress: decodeProgress(r.progress),
});

export function jobsRepository(db: Kysely<Database>): JobsRepository {
  return {
    async get(id) {
      const row = await db.selectFrom('jobs').select(columns).where('id', '=', id).executeTakeFirst();
      return row ? toRecord(row) : null;
    },
    async list({ limit, documentJobs }) {
      const rows = await db
        .selectFrom('jobs')
        .select(columns)
        .$if(!documentJobs, (q) => q.where((eb) => eb.or([eb('document_id', 'is', null), eb('state', '=', 'running')])))
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toRecord);
    },
    async counts() {
      const rows = await db
        .selectFrom('jobs')
        .select(['kind', 'state', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(['kind', 'state'])
        .orderBy('kind')
        .orderBy('state')
        .execute();
      return rows.map((r) => ({ name: r.kind, state: r.state, count: Number(r.n) }));
    },
  };
}
