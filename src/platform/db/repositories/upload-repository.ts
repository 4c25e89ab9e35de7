import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

export type UploadState = 'queued' | 'running' | 'done' | 'failed';

/** An upload as stored: who sent how much where, its state, and its last progress snapshot (JSON decoded). */
export interface UploadRecord {
  id: number;
  state: UploadState;
  collectionId: number;
  collection: string;
  user: string;
  files: number;
  bytes: number;
  progress: Record<string, unknown>;
  createdAt: string;
  finishedAt: string | null;
}

/**
 * Uploads from the workbench. The state and progress live here (not in a server's memory), so
 * any server process behind a proxy shows them and any server or worker can finish the ingest.
 * Documents belong to an upload by the folder they were read from (`pathPrefix`).
 */
export interface UploadRepository {
  create(input: { userId: number; collectionId: number; files: number; bytes: number }): Promise<number>;
  get(id: number): Promise<UploadRecord | null>;
  /** The newest uploads into these collections ('all': every collection). */
  recent(collectionIds: number[] | 'all', limit: number): Promise<UploadRecord[]>;
  /** Mark running; false when the upload is gone or already finished. */
  start(id: number): Promise<boolean>;
  /** Save a progress snapshot while the upload runs. */
  saveProgress(id: number, progress: Record<string, unknown>): Promise<void>;
  finish(id: number, state: 'done' | 'failed', progress: Record<string, unknown>): Promise<void>;
  /** How many of the documents read under a folder (members included) are ok, failed and pending. */
  documentCounts(pathPrefix: string): Promise<{ ok: number; failed: number; pending: number }>;
  /** The failed documents read under a folder, with their path inside it. */
  failures(pathPrefix: string, limit: number): Promise<Array<{ id: number; path: string; reason: string | null; message: string | null }>>;
}

const underFolder = (prefix: string) => sql<boolean>`substr(document_paths.path, 1, ${prefix.length}) = ${prefix}`;

export const uploadRepository = (db: Kysely<Database>): UploadRepository => {
  const query = () =>
    db
      .selectFrom('uploads')
      .innerJoin('collections', 'collections.id', 'uploads.collection_id')
      .innerJoin('users', 'users.id', 'uploads.user_id')
      .select(['uploads.id', 'uploads.state', 'uploads.files', 'uploads.bytes', 'uploads.progress', 'uploads.created_at', 'uploads.finished_at', 'uploads.collection_id', 'collections.name as collection', 'users.name as user']);
  type Row = Awaited<ReturnType<ReturnType<typeof query>['executeTakeFirstOrThrow']>>;
  const decode = (r: Row): UploadRecord => ({
    id: r.id,
    state: r.state as UploadState,
    collectionId: r.collection_id,
    collection: r.collection,
    user: r.user,
    files: r.files,
    bytes: Number(r.bytes),
    progress: JSON.parse(r.progress || '{}') as Record<string, unknown>,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  });
  return {
    async create({ userId, collectionId, files, bytes }) {
      const row = await db
        .insertInto('uploads')
        .values({ user_id: userId, collection_id: collectionId, state: 'queued', files, bytes, progress: '{}', created_at: new Date().toISOString(), finished_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async get(id) {
      const row = await query().where('uploads.id', '=', id).executeTakeFirst();
      return row ? decode(row) : null;
    },
    async recent(collectionIds, limit) {
      if (collectionIds !== 'all' && collectionIds.length === 0) return [];
      let q = query().orderBy('uploads.id', 'desc').limit(limit);
      if (collectionIds !== 'all') q = q.where('uploads.collection_id', 'in', collectionIds);
      return (await q.execute()).map(decode);
    },
    async start(id) {
      const result = await db.updateTable('uploads').set({ state: 'running' }).where('id', '=', id).where('state', 'in', ['queued', 'running']).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async saveProgress(id, progress) {
      await db.updateTable('uploads').set({ progress: JSON.stringify(progress) }).where('id', '=', id).where('state', '=', 'running').execute();
    },
    async finish(id, state, progress) {
      await db.updateTable('uploads').set({ state, progress: JSON.stringify(progress), finished_at: new Date().toISOString() }).where('id', '=', id).execute();
    },
    async documentCounts(prefix) {
      const rows = await db
        .selectFrom('document_paths')
        .innerJoin('documents', 'documents.id', 'document_paths.document_id')
        .select(['documents.status', (eb) => eb.fn.count<number>('documents.id').distinct().as('n')])
        .where(underFolder(prefix))
        .groupBy('documents.status')
        .execute();
      const by = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
      return { ok: by('ok'), failed: by('failed'), pending: by('pending') };
    },
    async failures(prefix, limit) {
      const rows = await db
        .selectFrom('document_paths')
        .innerJoin('documents', 'documents.id', 'document_paths.document_id')
        .select(['documents.id', 'document_paths.path', 'documents.reason', 'documents.message'])
        .where(underFolder(prefix))
        .where('documents.status', '=', 'failed')
        .orderBy('documents.id')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ id: r.id, path: r.path.slice(prefix.length), reason: r.reason, message: r.message }));
    },
  };
};
