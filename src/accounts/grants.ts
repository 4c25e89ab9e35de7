import type { Kysely } from 'kysely';
import { DossierError } from '../domain/errors.js';
import type { Database } from '../platform/db/schema.js';
import { findUser } from './users.js';

async function collectionNamed(db: Kysely<Database>, name: string): Promise<{ id: number; name: string }> {
  const row = await db.selectFrom('collections').select(['id', 'name']).where('name', '=', name).executeTakeFirst();
  if (!row) throw new DossierError('not_found', `no collection named "${name}"`);
  return row;
}

/** Let a user see a collection. Returns false when the grant already existed. */
export async function grantCollection(db: Kysely<Database>, userName: string, collectionName: string): Promise<{ userId: number; collectionId: number; added: boolean }> {
  const user = await findUser(db, userName);
  const collection = await collectionNamed(db, collectionName);
  const existing = await db.selectFrom('grants').select('user_id').where('user_id', '=', user.id).where('collection_id', '=', collection.id).executeTakeFirst();
  if (!existing) await db.insertInto('grants').values({ user_id: user.id, collection_id: collection.id, created_at: new Date().toISOString() }).execute();
  return { userId: user.id, collectionId: collection.id, added: !existing };
}

/** Take a collection away from a user. Returns false when there was no such grant. */
export async function revokeCollection(db: Kysely<Database>, userName: string, collectionName: string): Promise<{ userId: number; collectionId: number; removed: boolean }> {
  const user = await findUser(db, userName);
  const collection = await collectionNamed(db, collectionName);
  const result = await db.deleteFrom('grants').where('user_id', '=', user.id).where('collection_id', '=', collection.id).executeTakeFirst();
  return { userId: user.id, collectionId: collection.id, removed: Number(result.numDeletedRows) > 0 };
}
