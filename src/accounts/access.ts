import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { Access, SessionUser } from './roles.js';

/** Nothing at all: what an anonymous request may see. */
export const NO_ACCESS: Access = Object.freeze({ all: false, collectionIds: [], collectionNames: [] }) as Access;

/** What a user may see: admins every collection, everyone else the collections granted to them. */
export async function accessFor(db: Kysely<Database>, user: SessionUser | null): Promise<Access> {
  if (!user) return NO_ACCESS;
  const rows = user.role === 'admin'
    ? await db.selectFrom('collections').select(['id', 'name']).orderBy('name').execute()
    : await db.selectFrom('grants').innerJoin('collections', 'collections.id', 'grants.collection_id').select(['collections.id', 'collections.name']).where('grants.user_id', '=', user.id).orderBy('collections.name').execute();
  return { all: user.role === 'admin', collectionIds: rows.map((r) => r.id), collectionNames: rows.map((r) => r.name) };
}

/** True when the access covers this collection. */
export function mayAccessCollection(access: Access, collectionId: number): boolean {
  return access.all || access.collectionIds.includes(collectionId);
}
