/**
 * Tags on documents: add, remove, list per document and per collection with counts. Names are
 * normalised by the domain rule (the same the `tag:` search filter applies), so "To Verify"
 * tagged in the browser is found by `tag:to-verify`.
 */
import type { Kysely } from 'kysely';
import { normaliseTag } from '../domain/tag.js';
import type { Database } from '../platform/db/schema.js';
import type { SessionUser } from './context.js';

export interface TagView {
  tag: string;
  author: string;
  createdAt: string;
}

export async function listDocumentTags(db: Kysely<Database>, documentId: number): Promise<TagView[]> {
  const rows = await db
    .selectFrom('tags')
    .innerJoin('users', 'users.id', 'tags.user_id')
    .select(['tags.tag', 'users.name as author', 'tags.created_at'])
    .where('tags.document_id', '=', documentId)
    .orderBy('tags.tag')
    .execute();
  return rows.map((r) => ({ tag: r.tag, author: r.author, createdAt: r.created_at }));
}

/** Tag a document; the stored name, and false when the document already had it. */
export async function addTag(db: Kysely<Database>, documentId: number, user: SessionUser, name: string): Promise<{ tag: string; added: boolean }> {
  const tag = normaliseTag(name);
  const result = await db
    .insertInto('tags')
    .values({ document_id: documentId, tag, user_id: user.id, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.columns(['document_id', 'tag']).doNothing())
    .executeTakeFirst();
  return { tag, added: Number(result.numInsertedOrUpdatedRows ?? 0) > 0 };
}

/** Remove a tag; false when the document did not have it. */
export async function removeTag(db: Kysely<Database>, documentId: number, name: string): Promise<{ tag: string; removed: boolean }> {
  let tag: string;
  try {
    tag = normaliseTag(name);
  } catch {
    // A name that cannot be a tag is not on the document.
    return { tag: name, removed: false };
  }
  const result = await db.deleteFrom('tags').where('document_id', '=', documentId).where('tag', '=', tag).executeTakeFirst();
  return { tag, removed: Number(result.numDeletedRows) > 0 };
}

/** A collection's tags with the number of documents carrying each, most used first. */
export async function collectionTagCounts(db: Kysely<Database>, collectionId: number): Promise<Array<{ tag: string; documents: number }>> {
  const rows = await db
    .selectFrom('tags')
    .innerJoin('documents', 'documents.id', 'tags.document_id')
    .select(['tags.tag', (eb) => eb.fn.countAll<number>().as('n')])
    .where('documents.collection_id', '=', collectionId)
    .groupBy('tags.tag')
    .orderBy('n', 'desc')
    .orderBy('tags.tag')
    .execute();
  return rows.map((r) => ({ tag: r.tag, documents: Number(r.n) }));
}

/** The search that lists a collection's documents with this tag. */
export function tagSearchUrl(tag: string, collection: string): string {
  const quoted = /^[\p{L}\p{N}._-]+$/u.test(collection) ? collection : `"${collection.replace(/"/g, '')}"`;
  return `/search?q=${encodeURIComponent(`tag:${tag} collection:${quoted}`)}`;
}
