import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { DossierError } from '../domain/errors.js';
import type { Database } from '../platform/db/schema.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { isRole, ROLES, type Role, type SessionUser } from './roles.js';

export interface UserRecord extends SessionUser {
  disabled: boolean;
  createdAt: string;
  collections: string[];
}

const NAME = /^[\p{L}\p{N}._@-]{1,64}$/u;

/** Create an account; the name must be new and the role one of ROLES. */
export async function createUser(db: Kysely<Database>, input: { name: string; role: string; password: string }): Promise<SessionUser> {
  if (!NAME.test(input.name)) throw new DossierError('invalid_argument', `a user name is 1 to 64 letters, digits, '.', '_', '@' or '-', got "${input.name}"`);
  if (!isRole(input.role)) throw new DossierError('invalid_argument', `the role must be one of ${ROLES.join(', ')}, got "${input.role}"`);
  const existing = await db.selectFrom('users').select('id').where('name', '=', input.name).executeTakeFirst();
  if (existing) throw new DossierError('conflict', `a user named "${input.name}" already exists`);
  const passwordHash = await hashPassword(input.password);
  const row = await db
    .insertInto('users')
    .values({ name: input.name, role: input.role, password_hash: passwordHash, created_at: new Date().toISOString(), disabled: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, name: input.name, role: input.role };
}

/** The user of this name, or a not_found error that says so. */
export async function findUser(db: Kysely<Database>, name: string): Promise<SessionUser & { disabled: boolean }> {
  const row = await db.selectFrom('users').select(['id', 'name', 'role', 'disabled']).where('name', '=', name).executeTakeFirst();
  if (!row) throw new DossierError('not_found', `no user named "${name}"`);
  return { id: row.id, name: row.name, role: row.role as Role, disabled: row.disabled === 1 };
}

/** The user if the name and password match an enabled account, else null (which part was wrong is not told). */
export async function authenticateUser(db: Kysely<Database>, name: string, password: string): Promise<SessionUser | null> {
  const row = await db.selectFrom('users').select(['id', 'name', 'role', 'password_hash', 'disabled']).where('name', '=', name).executeTakeFirst();
  const ok = await verifyPassword(row?.password_hash ?? null, password);
  if (!row || !ok || row.disabled === 1) return null;
  return { id: row.id, name: row.name, role: row.role as Role };
}

/** Set a new password and end every session of the user (other devices must sign in again). */
export async function setPassword(db: Kysely<Database>, name: string, password: string): Promise<void> {
  const user = await findUser(db, name);
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', user.id).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
  });
}

/** Change one's own password: the old one must be right. Returns false when it is not. */
export async function changePassword(db: Kysely<Database>, name: string, oldPassword: string, newPassword: string): Promise<boolean> {
  if (!(await authenticateUser(db, name, oldPassword))) return false;
  await setPassword(db, name, newPassword);
  return true;
}

/** Disable (or enable again) an account; disabling ends its sessions. */
export async function setUserDisabled(db: Kysely<Database>, name: string, disabled: boolean): Promise<void> {
  const user = await findUser(db, name);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ disabled: disabled ? 1 : 0 }).where('id', '=', user.id).execute();
    if (disabled) await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
  });
}

/** Every account with its granted collections, by name. */
export async function listUsers(db: Kysely<Database>): Promise<UserRecord[]> {
  const users = await db.selectFrom('users').select(['id', 'name', 'role', 'disabled', 'created_at']).orderBy('name').execute();
  const grants = await db.selectFrom('grants').innerJoin('collections', 'collections.id', 'grants.collection_id').select(['grants.user_id', 'collections.name']).orderBy('collections.name').execute();
  return users.map((u) => ({
    id: u.id, name: u.name, role: u.role as Role, disabled: u.disabled === 1, createdAt: u.created_at,
    collections: grants.filter((g) => g.user_id === u.id).map((g) => g.name),
  }));
}

/** How many accounts exist (to tell a fresh install how to create the first). */
export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A strong random password for a new account: 20 characters from an unambiguous alphabet (~115 bits). */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from({ length: 20 }, () => alphabet[crypto.randomInt(alphabet.length)]).join('');
}
