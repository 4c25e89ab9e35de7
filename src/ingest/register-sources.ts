import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { FailureReason } from '../domain/document.js';
import type { Database } from '../platform/db/schema.js';
import type { BlobStore, JobEnqueuer } from './ports.js';
import type { SourceEntry } from './walk-sources.js';

/** Job kind that reads a registered document; the job catalogue defines what it does. */
export const EXTRACT_JOB = 'extract';

const now = () => new Date().toISOString();

/** The id of a collection, created on first use. */
export async function ensureCollection(db: Kysely<Database>, name: string): Promise<number> {
  const found = await db.selectFrom('collections').select('id').where('name', '=', name).executeTakeFirst();
  if (found) return found.id;
  const inserted = await db.insertInto('collections').values({ name, created_at: now() }).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

async function hashFile(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface RegisterDeps {
  db: Kysely<Database>;
  blobs: BlobStore;
  queue: JobEnqueuer;
  maxFileBytes: number;
}

export type Registration = 'new' | 'seen' | 'new_path';

/**
 * Register one file from disk: store its bytes by hash (unless a previous run already did, known by
 * path, size and mtime), then record the document and the path, and queue it for extraction. The
 * same content in a collection is one document with several paths. Re-running adds nothing.
 */
export async function registerFile(deps: RegisterDeps, collectionId: number, entry: Extract<SourceEntry, { kind: 'file' }>): Promise<Registration> {
  const { db, blobs } = deps;
  const cached = await db
    .selectFrom('source_files')
    .select('sha256')
    .where('path', '=', entry.absolute)
    .where('size', '=', entry.size)
    .where('mtime_ms', '=', entry.mtimeMs)
    .executeTakeFirst();
  let sha256: string;
  let tooLarge = false;
  try {
    if (entry.size > deps.maxFileBytes) {
      tooLarge = true;
      sha256 = cached?.sha256 ?? (await hashFile(entry.absolute));
    } else if (cached && blobs.has(cached.sha256)) {
      sha256 = cached.sha256;
    } else {
      sha256 = (await blobs.putFile(entry.absolute)).sha256;
    }
  } catch (error) {
    return registerUnreadable(db, collectionId, entry.path, 'unreadable', `the file could not be read: ${(error as Error).message}`);
  }
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('source_files')
      .values({ path: entry.absolute, size: entry.size, mtime_ms: entry.mtimeMs, sha256 })
      .onConflict((oc) => oc.column('path').doUpdateSet({ size: entry.size, mtime_ms: entry.mtimeMs, sha256 }))
      .execute();
    const existing = await trx.selectFrom('documents').select('id').where('collection_id', '=', collectionId).where('sha256', '=', sha256).executeTakeFirst();
    if (existing) {
      const added = await addPath(trx, existing.id, entry.path, null);
      return added ? 'new_path' : 'seen';
    }
    const failed = tooLarge ? { status: 'failed' as const, reason: 'too_large', message: `the file is ${entry.size} bytes; the limit is ${deps.maxFileBytes}` } : { status: 'pending' as const, reason: null, message: null };
    const { id } = await trx
      .insertInto('documents')
      .values({ collection_id: collectionId, sha256, size: entry.size, mime: null, ...failed, title: null, parent_id: null, path: entry.path, depth: 0, needs_ocr: 0, metadata: '{}', created_at: now(), extracted_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addPath(trx, id, entry.path, null);
    if (!tooLarge) await deps.queue.enqueue(trx, EXTRACT_JOB, id);
    return 'new';
  });
}

/** Record a place that yielded no bytes (an unreadable folder, a symlink) as a failed document. */
export async function registerUnreadable(db: Kysely<Database>, collectionId: number, path: string, reason: FailureReason, message: string): Promise<Registration> {
  const existing = await db.selectFrom('documents').select('id').where('collection_id', '=', collectionId).where('path', '=', path).where('sha256', 'is', null).executeTakeFirst();
  if (existing) return 'seen';
  await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('documents')
      .values({ collection_id: collectionId, sha256: null, size: 0, mime: null, status: 'failed', reason, message, title: null, parent_id: null, path, depth: 0, needs_ocr: 0, metadata: '{}', created_at: now(), extracted_at: now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addPath(trx, id, path, null);
  });
  return 'new';
}

/** Remember another path a document was seen at; false when it was already known. */
export async function addPath(db: Kysely<Database>, documentId: number, path: string, parentId: number | null): Promise<boolean> {
  const result = await db.insertInto('document_paths').values({ document_id: documentId, path, parent_id: parentId }).onConflict((oc) => oc.columns(['document_id', 'path']).doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
