import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export interface ClaimedJob {
  id: number;
  kind: string;
  documentId: number;
  attempts: number;
  payload: unknown;
}

const now = () => new Date().toISOString();

/**
 * The job queue as a table in the workspace database. One job per (document, kind); queueing it
 * again re-opens it. On SQLite one process claims at a time; the PostgreSQL adapter will claim
 * with FOR UPDATE SKIP LOCKED so workers on many machines can share it.
 */
export class SqlJobQueue {
  async enqueue(db: Kysely<Database>, kind: string, documentId: number, payload: unknown = null): Promise<void> {
    const json = payload === null ? null : JSON.stringify(payload);
    await db
      .insertInto('jobs')
      .values({ kind, document_id: documentId, state: 'queued', attempts: 0, error: null, updated_at: now(), payload: json })
      .onConflict((oc) => oc.columns(['document_id', 'kind']).doUpdateSet({ state: 'queued', attempts: 0, error: null, updated_at: now(), payload: json }))
      .execute();
  }

  /** Take up to `limit` queued jobs of a kind, oldest first, and mark them running. */
  async claim(db: Kysely<Database>, kind: string, limit: number, documentIds?: number[]): Promise<ClaimedJob[]> {
    return db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('jobs')
        .select(['id', 'kind', 'document_id', 'attempts', 'payload'])
        .where('state', '=', 'queued')
        .where('kind', '=', kind)
        .$if(documentIds !== undefined, (q) => q.where('document_id', 'in', documentIds!.length ? documentIds! : [-1]))
        .orderBy('id')
        .limit(limit)
        .execute();
      if (rows.length === 0) return [];
      await trx
        .updateTable('jobs')
        .set((eb) => ({ state: 'running', attempts: eb('attempts', '+', 1), updated_at: now() }))
        .where('id', 'in', rows.map((r) => r.id))
        .execute();
      return rows.map((r) => ({ id: r.id, kind: r.kind, documentId: r.document_id, attempts: r.attempts + 1, payload: r.payload === null ? null : (JSON.parse(r.payload) as unknown) }));
    });
  }

  async complete(db: Kysely<Database>, id: number): Promise<void> {
    await db.updateTable('jobs').set({ state: 'done', error: null, updated_at: now() }).where('id', '=', id).execute();
  }

  async fail(db: Kysely<Database>, id: number, error: string): Promise<void> {
    await db.updateTable('jobs').set({ state: 'failed', error, updated_at: now() }).where('id', '=', id).execute();
  }

  /** Put back jobs a killed process left running; returns how many. Call before claiming. */
  async recoverInterrupted(db: Kysely<Database>): Promise<number> {
    const result = await db.updateTable('jobs').set({ state: 'queued', updated_at: now() }).where('state', '=', 'running').executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async countQueued(db: Kysely<Database>, kind: string): Promise<number> {
    const row = await db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('state', 'in', ['queued', 'running']).where('kind', '=', kind).executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}
