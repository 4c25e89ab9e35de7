import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export interface TagRecord {
  tag: string;
  author: string;
  createdAt: string;
}

/** Tags on documents (names already normalised by the domain rule, domain/tag.ts). */
export interface TagsRepository {
  forDocument(documentId: number): Promise<TagRecord[]>;
  /** Tag a document; false when it already had the tag. */
  add(documentId: number, tag: string, userId: number): Promise<boolean>;
  /** Remove a tag; false when the document did not have it. */
  remove(documentId: number, tag: string): Promise<boolean>;
  /** A collection's tags with the number of documents carrying each, most used first. */
  countsInCollection(collectionId: number): Promise<Array<{ tag: string; documents: number }>>;
}

export const tagsRepository = (db: Kysely<Database>): TagsRepository => ({
  async forDocument(documentId) {
    const rows = await db
      .selectFrom('tags')
      .innerJoin('users', 'users.id', 'tags.user_id')
      .select(['tags.tag', 'users.name as author', 'tags.created_at'])
      .where('tags.document_id', '=', documentId)
      .orderBy('tags.tag')
      .execute();
    return rows.map((r) => ({ tag: r.tag, author: r.author, createdAt: r.created_at }));
  },
  async add(documentId, tag, userId) {
    const result = await db
      .insertInto('tags')
      .values({ document_id: documentId, tag, user_id: userId, created_at: new Date().toISOString() })
      .onConflict((oc) => oc.columns(['document_id', 'tag']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  },
  async remove(documentId, tag) {
    const result = await db.deleteFrom('tags').where('document_id', '=', documentId).where('tag', '=', tag).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },
  async countsInCollection(collectionId) {
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
  },
});
