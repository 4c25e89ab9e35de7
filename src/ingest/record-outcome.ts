import type { Kysely } from 'kysely';
import { memberPath } from '../domain/document.js';
import type { ChildFile, ExtractionResult } from '../domain/extraction.js';
import type { IngestWritesRepository } from '../platform/db/repositories/ingest-writes-repository.js';
import type { Database } from '../platform/db/schema.js';
import type { JobEnqueuer } from './ports.js';
import { addPath, EXTRACT_JOB } from './register-sources.js';

const now = () => new Date().toISOString();

/**
 * Store what extraction produced for one document: its type, status, text by page, metadata, and
 * its children (archive members, attachments, messages of a mailbox) as new documents queued for
 * extraction in turn. Call inside a transaction, so a crash leaves all of it or none.
 */
export async function recordOutcome(db: Kysely<Database>, queue: JobEnqueuer, writes: IngestWritesRepository, documentId: number, result: ExtractionResult): Promise<{ children: number; added: number; queued: number }> {
  const doc = await db.selectFrom('documents').select(['collection_id', 'path', 'depth']).where('id', '=', documentId).executeTakeFirstOrThrow();
  if (result.ok) {
    const { extraction } = result;
    await db
      .updateTable('documents')
      .set({
        mime: extraction.mime,
        status: 'ok',
        reason: null,
        message: null,
        title: extraction.title,
        needs_ocr: extraction.needsOcr ? 1 : 0,
        metadata: JSON.stringify(extraction.metadata),
        extracted_at: now(),
      })
      .where('id', '=', documentId)
      .execute();
    await writes.replacePages(documentId, extraction.pages);
  } else {
    await writes.replacePages(documentId, []);
    await db
      .updateTable('documents')
      .set({ mime: result.mime, status: 'failed', reason: result.reason, message: result.message, metadata: JSON.stringify(result.metadata ?? {}), extracted_at: now() })
      .where('id', '=', documentId)
      .execute();
  }
  const children = result.ok ? result.extraction.children : (result.children ?? []);
  let added = 0;
  let queued = 0;
  for (const child of children) {
    const outcome = await recordChild(db, queue, { id: documentId, ...doc }, child);
    if (outcome !== 'seen') added++;
    if (outcome === 'queued') queued++;
  }
  return { children: children.length, added, queued };
}

interface Parent {
  id: number;
  collection_id: number;
  path: string;
  depth: number;
}

/** Record one child: 'seen' when its content was already a document, else new ('queued' for reading, or 'failed'). */
async function recordChild(db: Kysely<Database>, queue: JobEnqueuer, parent: Parent, child: ChildFile): Promise<'seen' | 'queued' | 'failed'> {
  const path = memberPath(parent.path, child.name);
  const metadata = JSON.stringify(child.metadata ?? {});
  if (child.sha256 !== null) {
    const existing = await db.selectFrom('documents').select('id').where('collection_id', '=', parent.collection_id).where('sha256', '=', child.sha256).executeTakeFirst();
    if (existing) {
      await addPath(db, existing.id, path, parent.id);
      return 'seen';
    }
  } else {
    const existing = await db.selectFrom('documents').select('id').where('parent_id', '=', parent.id).where('path', '=', path).executeTakeFirst();
    if (existing) return 'seen';
  }
  const failure = child.failure ?? (child.sha256 === null ? { reason: 'unreadable' as const, message: 'the member has no readable content' } : null);
  const { id } = await db
    .insertInto('documents')
    .values({
      collection_id: parent.collection_id,
      sha256: child.sha256,
      size: child.size,
      mime: null,
      status: failure ? 'failed' : 'pending',
      reason: failure?.reason ?? null,
      message: failure?.message ?? null,
      title: null,
      parent_id: parent.id,
      path,
      depth: parent.depth + 1,
      needs_ocr: 0,
      metadata,
      created_at: now(),
      extracted_at: failure ? now() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await addPath(db, id, path, parent.id);
  if (failure) return 'failed';
  await queue.enqueue(db, EXTRACT_JOB, id);
  return 'queued';
}
