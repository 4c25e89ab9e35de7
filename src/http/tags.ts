/**
 * Tags on documents: add, remove, list per document and per collection with counts. Names are
 * normalised by the domain rule (the same the `tag:` search filter applies), so "To Verify"
 * tagged in the browser is found by `tag:to-verify`.
 */
import { auditUser, type Actor } from '../domain/actor.js';
import { DossierError } from '../domain/errors.js';
import { normaliseTag } from '../domain/tag.js';
import type { Records } from '../platform/db/records.js';
import type { TagRecord as TagView } from '../platform/db/repositories/tags-repository.js';
import { mayWrite, WRITER_ROLES } from './notes.js';

export type { TagRecord as TagView } from '../platform/db/repositories/tags-repository.js';

export async function listDocumentTags(records: Pick<Records, 'read'>, documentId: number): Promise<TagView[]> {
  return records.read.tags.forDocument(documentId);
}

/** A document a tag command acts on (already checked visible to the actor by the caller). */
export interface TagTarget {
  id: number;
  collectionId: number;
}

/**
 * Tag a document (audited `tag` op add when it is new): the stored name, and false when the
 * document already had it. Viewers may not tag.
 */
export async function addTag(records: Pick<Records, 'transact'>, input: { actor: Actor & { kind: 'user' }; document: TagTarget; tag: string }): Promise<{ tag: string; added: boolean }> {
  requireWriter(input.actor);
  const tag = normaliseTag(input.tag);
  const added = await records.transact(async (tx) => {
    const added = await tx.tags.add(input.document.id, tag, input.actor.id);
    if (added) await tx.audit.append({ ...auditUser(input.actor), action: 'tag', collectionId: input.document.collectionId, documentId: input.document.id, detail: { op: 'add', tag } });
    return added;
  });
  return { tag, added };
}

/** Remove a tag (audited `tag` op remove when it was there); false when the document did not have it. */
export async function removeTag(records: Pick<Records, 'transact'>, input: { actor: Actor & { kind: 'user' }; document: TagTarget; tag: string }): Promise<{ tag: string; removed: boolean }> {
  requireWriter(input.actor);
  let tag: string;
  try {
    tag = normaliseTag(input.tag);
  } catch {
    // A name that cannot be a tag is not on the document.
    return { tag: input.tag, removed: false };
  }
  const removed = await records.transact(async (tx) => {
    const removed = await tx.tags.remove(input.document.id, tag);
    if (removed) await tx.audit.append({ ...auditUser(input.actor), action: 'tag', collectionId: input.document.collectionId, documentId: input.document.id, detail: { op: 'remove', tag } });
    return removed;
  });
  return { tag, removed };
}

function requireWriter(actor: Actor & { kind: 'user' }): void {
  if (!mayWrite(actor)) throw new DossierError('forbidden', `viewers may read but not write: this needs the role ${WRITER_ROLES.join(', ')}`);
}

/** A collection's tags with the number of documents carrying each, most used first. */
export async function collectionTagCounts(records: Pick<Records, 'read'>, collectionId: number): Promise<Array<{ tag: string; documents: number }>> {
  return records.read.tags.countsInCollection(collectionId);
}

/** The search that lists a collection's documents with this tag. */
export function tagSearchUrl(tag: string, collection: string): string {
  const quoted = /^[\p{L}\p{N}._-]+$/u.test(collection) ? collection : `"${collection.replace(/"/g, '')}"`;
  return `/search?q=${encodeURIComponent(`tag:${tag} collection:${quoted}`)}`;
}
