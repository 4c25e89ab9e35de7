import { auditUser, type Actor } from '../domain/actor.js';
import { DossierError } from '../domain/errors.js';
import type { Records } from '../platform/db/records.js';
import { findUser, requireAccountManager } from './users.js';

type Write = Pick<Records, 'read' | 'transact'>;

async function collectionNamed(records: Pick<Records, 'read'>, name: string): Promise<{ id: number; name: string }> {
  const collection = await records.read.grants.collectionByName(name);
  if (!collection) throw new DossierError('not_found', `no collection named "${name}"`);
  return collection;
}

/** Let a user see a collection (audited `grant` when it is new). `added` is false when the grant already existed. */
export async function grantCollection(records: Write, input: { actor: Actor; user: string; collection: string }): Promise<{ userId: number; collectionId: number; added: boolean }> {
  requireAccountManager(input.actor);
  const user = await findUser(records, input.user);
  const collection = await collectionNamed(records, input.collection);
  const added = await records.transact(async (tx) => {
    const added = await tx.grants.grant(user.id, collection.id);
    if (added) await tx.audit.append({ ...auditUser(input.actor), action: 'grant', collectionId: collection.id, detail: { user: input.user, collection: input.collection } });
    return added;
  });
  return { userId: user.id, collectionId: collection.id, added };
}

/** Take a collection away from a user (audited `revoke` when there was a grant). `removed` is false when there was none. */
export async function revokeCollection(records: Write, input: { actor: Actor; user: string; collection: string }): Promise<{ userId: number; collectionId: number; removed: boolean }> {
  requireAccountManager(input.actor);
  const user = await findUser(records, input.user);
  const collection = await collectionNamed(records, input.collection);
  const removed = await records.transact(async (tx) => {
    const removed = await tx.grants.revoke(user.id, collection.id);
    if (removed) await tx.audit.append({ ...auditUser(input.actor), action: 'revoke', collectionId: collection.id, detail: { user: input.user, collection: input.collection } });
    return removed;
  });
  return { userId: user.id, collectionId: collection.id, removed };
}
