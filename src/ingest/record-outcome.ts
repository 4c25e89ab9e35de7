import { memberPath } from '../domain/document.js';
import type { ChildFile, ExtractionResult } from '../domain/extraction.js';
import type { DbHandle, Repositories } from '../platform/db/records.js';
import type { DocumentPlace, IngestRecordsRepository } from '../platform/db/repositories/ingest-records-repository.js';
import type { IngestWritesRepository } from '../platform/db/repositories/ingest-writes-repository.js';
import { ingestRecordsOfHandle } from './handle-callers.js';
import type { JobEnqueuer } from './ports.js';
import { EXTRACT_JOB } from './register-sources.js';

/** The repositories of the caller's transaction that recording an outcome writes through. */
export type OutcomeRepositories = Pick<Repositories, 'ingestRecords' | 'ingestWrites'>;

/**
 * Store what extraction produced for one document: its type, status, text by page, metadata, and
 * its children (archive members, attachments, messages of a mailbox) as new documents queued for
 * extraction in turn. Call inside a transaction, so a crash leaves all of it or none: `tx` holds
 * that transaction's repositories and `trx` is its handle, passed on to the queue only.
 * (Transitional: `tx` may still be the bare ingest writes of `trx`; see handle-callers.ts.)
 */
export async function recordOutcome(trx: DbHandle, queue: JobEnqueuer, tx: OutcomeRepositories | IngestWritesRepository, documentId: number, result: ExtractionResult): Promise<{ children: number; added: number; queued: number }> {
  const { ingestRecords: register, ingestWrites: writes } = 'ingestRecords' in tx ? tx : { ingestRecords: ingestRecordsOfHandle(trx), ingestWrites: tx };
  const place = await register.place(documentId);
  if (result.ok) {
    const { extraction } = result;
    await register.markExtracted(documentId, { mime: extraction.mime, title: extraction.title, needsOcr: extraction.needsOcr, metadata: extraction.metadata });
    await writes.replacePages(documentId, extraction.pages);
  } else {
    await writes.replacePages(documentId, []);
    await register.markFailed(documentId, { mime: result.mime, reason: result.reason, message: result.message, metadata: result.metadata ?? {} });
  }
  const children = result.ok ? result.extraction.children : (result.children ?? []);
  let added = 0;
  let queued = 0;
  for (const child of children) {
    const outcome = await recordChild(register, (kind, id) => queue.enqueue(trx, kind, id), { id: documentId, ...place }, child);
    if (outcome !== 'seen') added++;
    if (outcome === 'queued') queued++;
  }
  return { children: children.length, added, queued };
}

/** Record one child: 'seen' when its content was already a document, else new ('queued' for reading, or 'failed'). */
async function recordChild(register: IngestRecordsRepository, enqueue: (kind: string, documentId: number) => Promise<void>, parent: DocumentPlace & { id: number }, child: ChildFile): Promise<'seen' | 'queued' | 'failed'> {
  const path = memberPath(parent.path, child.name);
  if (child.sha256 !== null) {
    const existing = await register.withContent(parent.collectionId, child.sha256);
    if (existing !== null) {
      await register.addPath(existing, path, parent.id);
      return 'seen';
    }
  } else if ((await register.memberAt(parent.id, path)) !== null) {
    return 'seen';
  }
  const failure = child.failure ?? (child.sha256 === null ? { reason: 'unreadable' as const, message: 'the member has no readable content' } : null);
  const place = { collectionId: parent.collectionId, sha256: child.sha256, size: child.size, parentId: parent.id, path, depth: parent.depth + 1, metadata: child.metadata ?? {} };
  const id = await register.add(failure ? { ...place, status: 'failed', reason: failure.reason, message: failure.message, settled: true } : { ...place, status: 'pending' });
  await register.addPath(id, path, parent.id);
  if (failure) return 'failed';
  await enqueue(EXTRACT_JOB, id);
  return 'queued';
}
