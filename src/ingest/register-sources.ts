import crypto from 'node:crypto';
import fs from 'node:fs';
import type { FailureReason } from '../domain/document.js';
import type { DbHandle, Records } from '../platform/db/records.js';
import { registerRecordsOf, type RegisterSource } from './handle-callers.js';
import type { BlobStore, JobEnqueuer } from './ports.js';
import type { SourceEntry } from './walk-sources.js';

/** Job kind that reads a registered document; the job catalogue defines what it does. */
export const EXTRACT_JOB = 'extract';

/** The id of a collection, created on first use. */
export async function ensureCollection(source: RegisterSource, name: string): Promise<number> {
  return registerRecordsOf(source).read.ingestRecords.ensureCollection(name);
}

async function hashFile(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export type RegisterDeps = {
  blobs: BlobStore;
  queue: JobEnqueuer;
  maxFileBytes: number;
} & ({ records: Pick<Records, 'read' | 'transactHandle'> } | { /** Transitional (see handle-callers.ts). */ db: DbHandle });

export type Registration = 'new' | 'seen' | 'new_path';

/**
 * Register one file from disk: store its bytes by hash (unless a previous run already did, known by
 * path, size and mtime), then record the document and the path, and queue it for extraction. The
 * same content in a collection is one document with several paths. Re-running adds nothing.
 */
export async function registerFile(deps: RegisterDeps, collectionId: number, entry: Extract<SourceEntry, { kind: 'file' }>): Promise<Registration> {
  const { blobs } = deps;
  const records = registerRecordsOf('records' in deps ? deps.records : deps.db);
  const cached = await records.read.ingestRecords.cachedSource(entry.absolute, entry.size, entry.mtimeMs);
  let sha256: string;
  let tooLarge = false;
  try {
    if (entry.size > deps.maxFileBytes) {
      tooLarge = true;
      sha256 = cached ?? (await hashFile(entry.absolute));
    } else if (cached !== null && blobs.has(cached)) {
      sha256 = cached;
    } else {
      sha256 = (await blobs.putFile(entry.absolute)).sha256;
    }
  } catch (error) {
    return registerUnreadable(records, collectionId, entry.path, 'unreadable', `the file could not be read: ${(error as Error).message}`);
  }
  return records.transactHandle(async (trx, tx) => {
    const register = tx.ingestRecords;
    await register.rememberSource({ path: entry.absolute, size: entry.size, mtimeMs: entry.mtimeMs, sha256 });
    const existing = await register.withContent(collectionId, sha256);
    if (existing !== null) {
      const added = await register.addPath(existing, entry.path, null);
      return added ? 'new_path' : 'seen';
    }
    const place = { collectionId, sha256, size: entry.size, parentId: null, path: entry.path, depth: 0, metadata: {} };
    // Too large: set aside unread (no extraction job, not stamped as extracted).
    const id = await register.add(tooLarge ? { ...place, status: 'failed', reason: 'too_large', message: `the file is ${entry.size} bytes; the limit is ${deps.maxFileBytes}`, settled: false } : { ...place, status: 'pending' });
    await register.addPath(id, entry.path, null);
    if (!tooLarge) await deps.queue.enqueue(trx, EXTRACT_JOB, id);
    return 'new';
  });
}

/** Record a place that yielded no bytes (an unreadable folder, a symlink) as a failed document. */
export async function registerUnreadable(source: RegisterSource, collectionId: number, path: string, reason: FailureReason, message: string): Promise<Registration> {
  const records = registerRecordsOf(source);
  if ((await records.read.ingestRecords.unreadableAt(collectionId, path)) !== null) return 'seen';
  await records.transactHandle(async (_trx, tx) => {
    const id = await tx.ingestRecords.add({ collectionId, sha256: null, size: 0, parentId: null, path, depth: 0, metadata: {}, status: 'failed', reason, message, settled: true });
    await tx.ingestRecords.addPath(id, path, null);
  });
  return 'new';
}
