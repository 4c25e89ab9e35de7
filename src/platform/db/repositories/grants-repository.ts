import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

export interface CollectionRef {
  id: number;
  name: string;
}

/** A collection with its documents counted by status (the workbench's home page). */
export interface CollectionSummary {
  id: number;
  name: string;
  createdAt: string;
  documents: number;
  ok: number;
  failed: number;
  pending: number;
}

/** Which user may see which collection, and the collections themselves as access sees them. */
export interface GrantsRepository {
  collectionByName(name: string): Promise<CollectionRef | null>;
  /** Every collection, by name. */
  collections(): Promise<CollectionRef[]>;
  /** The collections granted to this user, by name. */
  grantedTo(userId: number): Promise<CollectionRef[]>;
  /** Grant; false when the grant already existed. */
  grant(userId: number, collectionId: number): Promise<boolean>;
  /** Revoke; false when there was no such grant. */
  revoke(userId: number, collectionId: number): Promise<boolean>;
  /** Collections with document counts, limited to these ids (undefined: all), by name. */
  summaries(collectionIds: number[] | undefined): Promise<CollectionSummary[]>;
}

export const grantsRepository = (db: Kysely<Database>): GrantsRepository => ({
  async collectionByName(name) {
    return (await db.selectFrom('collections').select(['id', 'name']).where('name', '=', name).executeTakeFirst()) ?? null;
  },
  collections: () => db.selectFrom('collections').select(['id', 'name']).orderBy('name').execute(),
  grantedTo: (userId) =>
    db.selectFrom('grants').innerJoin('collections', 'collections.id', 'grants.collection_id').select(['collections.id', 'collections.name']).where('grants.user_id', '=', userId).orderBy('collections.name').execute(),
  async grant(userId, collectionId) {
    const result = await db
      .insertInto('grants')
      .values({ user_id: userId, collection_id: collectionId, created_at: new Date().toISOString() })
      .onConflict((oc) => oc.columns(['user_id', 'collection_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  },
  async revoke(userId, collectionId) {
    const result = await db.deleteFrom('grants').where('user_id', '=', userId).where('collection_id', '=', collectionId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },
  async summaries(collectionIds) {
    if (collectionIds !== undefined && collectionIds.length === 0) return [];
    let query = db
      .selectFrom('collections')
      .leftJoin('documents', 'documents.collection_id', 'collections.id')
      .select([
        'collections.id', 'collections.name', 'collections.created_at',
        sql<number>`count(documents.id)`.as('documents'),
        sql<number>`count(documents.id) filter (where documents.status = 'ok')`.as('ok'),
        sql<number>`count(documents.id) filter (where documents.status = 'failed')`.as('failed'),
        sql<number>`count(documents.id) filter (where documents.status = 'pending')`.as('pending'),
      ])
      .groupBy('collections.id')
      .orderBy('collections.name');
    if (collectionIds !== undefined) query = query.where('collections.id', 'in', collectionIds);
    const rows = await query.execute();
    return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, documents: Number(r.documents), ok: Number(r.ok), failed: Number(r.failed), pending: Number(r.pending) }));
  },
});
