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

type GrantInput = { actor: Actor; user: string; collection: string };

/** Grant or revoke in one transaction with its audit entry, written only when something changed. */
async function changeGrant(records: Write, input: GrantInput, action: 'grant' | 'revoke'): Promise<{ userId: number; collectionId: number; changed: boolean }> {
  requireAccountManager(input.actor);
  const user = await findUser(records, input.user);
  const collection = await collectionNamed(records, input.collection);
  const changed = await records.transact(async (tx) => {
    const changed = action === 'grant' ? await tx.grants.grant(user.id, collection.id) : await tx.grants.revoke(user.id, collection.id);
    if (changed) await tx.audit.append({ ...auditUser(input.actor), action, collectionId: collection.id, detail: { user: input.user, collection: input.collection } });
    return changed;
  });
  return { userId: user.id, collectionId: collection.id, changed };
}

/** Let a user see a collection (audited `grant` when it is new). `added` is false when the grant already existed. */
export async function grantCollection(records: Write, input: GrantInput): Promise<{ userId: number; collectionId: number; added: boolean }> {
  const { changed, ...ids } = await changeGrant(records, input, 'grant');
  return { ...ids, added: changed };
}

/** Take a collection away from a user (audited `revoke` when there was a grant). `removed` is false when there was none. */
export async function revokeCollection(records: Write, input: GrantInput): Promise<{ userId: number; collectionId: number; removed: boolean }> {
  const { changed, ...ids } = await changeGrant(records, input, 'revoke');
  return { ...ids, removed: changed };
}
