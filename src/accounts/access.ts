import type { Records } from '../platform/db/records.js';
import type { Access, SessionUser } from './roles.js';

/** Nothing at all: what an anonymous request may see. */
export const NO_ACCESS: Access = Object.freeze({ all: false, collectionIds: [], collectionNames: [] }) as Access;

/** What a user may see: admins every collection, everyone else the collections granted to them. */
export async function accessFor(records: Pick<Records, 'read'>, user: SessionUser | null): Promise<Access> {
  if (!user) return NO_ACCESS;
  const rows = user.role === 'admin' ? await records.read.grants.collections() : await records.read.grants.grantedTo(user.id);
  return { all: user.role === 'admin', collectionIds: rows.map((r) => r.id), collectionNames: rows.map((r) => r.name) };
}

/** True when the access covers this collection. */
export function mayAccessCollection(access: Access, collectionId: number): boolean {
  return access.all || access.collectionIds.includes(collectionId);
}

/** The collection ids a repository query is limited to: undefined for every collection (admins). */
export function scopeIds(access: Access): number[] | undefined {
  return access.all ? undefined : access.collectionIds;
}
