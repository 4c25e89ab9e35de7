import crypto from 'node:crypto';
import { auditUser, type Actor } from '../domain/actor.js';
import { DossierError } from '../domain/errors.js';
import type { Records } from '../platform/db/records.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { isRole, ROLES, type SessionUser } from './roles.js';

export interface UserRecord extends SessionUser {
  disabled: boolean;
  createdAt: string;
  collections: string[];
}

type Read = Pick<Records, 'read'>;
type Write = Pick<Records, 'read' | 'transact'>;

const NAME = /^[\p{L}\p{N}._@-]{1,64}$/u;

/** Accounts are the operator's and the admins' to manage. */
export function requireAccountManager(actor: Actor): void {
  if (actor.kind === 'user' && actor.role !== 'admin') throw new DossierError('forbidden', 'only an admin may manage accounts and grants');
}

/** Create an account (audited `user_add`); the name must be new and the role one of ROLES. */
export async function createUser(records: Write, input: { actor: Actor; name: string; role: string; password: string }): Promise<SessionUser> {
  requireAccountManager(input.actor);
  const { name, role } = input;
  if (!NAME.test(name)) throw new DossierError('invalid_argument', `a user name is 1 to 64 letters, digits, '.', '_', '@' or '-', got "${name}"`);
  if (!isRole(role)) throw new DossierError('invalid_argument', `the role must be one of ${ROLES.join(', ')}, got "${role}"`);
  const taken = () => new DossierError('conflict', `a user named "${name}" already exists`);
  if (await records.read.users.byName(name)) throw taken();
  // Hashed before the transaction: argon2 takes a while and must not hold the write lock.
  const passwordHash = await hashPassword(input.password);
  return records.transact(async (tx) => {
    if (await tx.users.byName(name)) throw taken();
    const id = await tx.users.create({ name, role, passwordHash });
    await tx.audit.append({ ...auditUser(input.actor), action: 'user_add', detail: { name, role } });
    return { id, name, role };
  });
}

/** The user of this name, or a not_found error that says so. */
export async function findUser(records: Read, name: string): Promise<SessionUser & { disabled: boolean }> {
  const user = await records.read.users.byName(name);
  if (!user) throw new DossierError('not_found', `no user named "${name}"`);
  return { id: user.id, name: user.name, role: user.role, disabled: user.disabled };
}

/** The user if the name and password match an enabled account, else null (which part was wrong is not told). */
export async function authenticateUser(records: Read, name: string, password: string): Promise<SessionUser | null> {
  const user = await records.read.users.credentials(name);
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !ok || user.disabled) return null;
  return { id: user.id, name: user.name, role: user.role };
}

/** Set a new password and end every session of the user (other devices must sign in again); audited `password`. */
export async function setPassword(records: Write, input: { actor: Actor; name: string; password: string }): Promise<void> {
  const self = input.actor.kind === 'user' && input.actor.name === input.name;
  if (!self) requireAccountManager(input.actor);
  const user = await findUser(records, input.name);
  const passwordHash = await hashPassword(input.password);
  await records.transact(async (tx) => {
    await tx.users.setPasswordHash(user.id, passwordHash);
    await tx.audit.append({ ...auditUser(input.actor), action: 'password', detail: { name: user.name } });
  });
}

/** Change one's own password: the old one must be right. Returns false when it is not (nothing changes). */
export async function changePassword(records: Write, input: { actor: Actor & { kind: 'user' }; oldPassword: string; newPassword: string }): Promise<boolean> {
  if (!(await authenticateUser(records, input.actor.name, input.oldPassword))) return false;
  await setPassword(records, { actor: input.actor, name: input.actor.name, password: input.newPassword });
  return true;
}

/** Disable (or enable again) an account; disabling ends its sessions. Audited `user_disable` / `user_enable`. */
export async function setUserDisabled(records: Write, input: { actor: Actor; name: string; disabled: boolean }): Promise<void> {
  requireAccountManager(input.actor);
  const user = await findUser(records, input.name);
  await records.transact(async (tx) => {
    await tx.users.setDisabled(user.id, input.disabled);
    await tx.audit.append({ ...auditUser(input.actor), action: input.disabled ? 'user_disable' : 'user_enable', detail: { name: user.name } });
  });
}

/** Every account with its granted collections, by name. */
export async function listUsers(records: Read): Promise<UserRecord[]> {
  return records.read.users.list();
}

/** How many accounts exist (to tell a fresh install how to create the first). */
export async function countUsers(records: Read): Promise<number> {
  return records.read.users.count();
}

/** A strong random password for a new account: 20 characters from an unambiguous alphabet (~115 bits). */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from({ length: 20 }, () => alphabet[crypto.randomInt(alphabet.length)]).join('');
}
