import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** A role of the workbench (accounts/roles.ts ROLES); an unknown stored value reads as the least: viewer. */
export type UserRole = 'admin' | 'editor' | 'reporter' | 'viewer';

export interface UserRow {
  id: number;
  name: string;
  role: UserRole;
  disabled: boolean;
  createdAt: string;
}

export interface UserWithCollections extends UserRow {
  /** Names of the collections granted to the user, by name. */
  collections: string[];
}

/** Accounts: who may sign in, with which role; ending a user's sessions goes with a password change or a disable. */
export interface UsersRepository {
  byName(name: string): Promise<UserRow | null>;
  /** The user and the stored argon2id hash (for sign-in only). */
  credentials(name: string): Promise<(UserRow & { passwordHash: string }) | null>;
  create(user: { name: string; role: UserRole; passwordHash: string }): Promise<number>;
  /** Set the password hash and end every session of the user. */
  setPasswordHash(id: number, passwordHash: string): Promise<void>;
  /** Disable (ending every session) or enable again. */
  setDisabled(id: number, disabled: boolean): Promise<void>;
  /** Every account by name, with its granted collections. */
  list(): Promise<UserWithCollections[]>;
  count(): Promise<number>;
}

const ROLES: UserRole[] = ['admin', 'editor', 'reporter', 'viewer'];
export const asRole = (role: string): UserRole => (ROLES.includes(role as UserRole) ? (role as UserRole) : 'viewer');

const toUser = (r: { id: number; name: string; role: string; disabled: number; created_at: string }): UserRow => ({ id: r.id, name: r.name, role: asRole(r.role), disabled: r.disabled === 1, createdAt: r.created_at });

export const usersRepository = (db: Kysely<Database>): UsersRepository => ({
  async byName(name) {
    const row = await db.selectFrom('users').select(['id', 'name', 'role', 'disabled', 'created_at']).where('name', '=', name).executeTakeFirst();
    return row ? toUser(row) : null;
  },
  async credentials(name) {
    const row = await db.selectFrom('users').select(['id', 'name', 'role', 'disabled', 'created_at', 'password_hash']).where('name', '=', name).executeTakeFirst();
    return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
  },
  async create(user) {
    const row = await db
      .insertInto('users')
      .values({ name: user.name, role: user.role, password_hash: user.passwordHash, created_at: new Date().toISOString(), disabled: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },
  async setPasswordHash(id, passwordHash) {
    await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
    await db.deleteFrom('sessions').where('user_id', '=', id).execute();
  },
  async setDisabled(id, disabled) {
    await db.updateTable('users').set({ disabled: disabled ? 1 : 0 }).where('id', '=', id).execute();
    if (disabled) await db.deleteFrom('sessions').where('user_id', '=', id).execute();
  },
  async list() {
    const users = await db.selectFrom('users').select(['id', 'name', 'role', 'disabled', 'created_at']).orderBy('name').execute();
    const grants = await db.selectFrom('grants').innerJoin('collections', 'collections.id', 'grants.collection_id').select(['grants.user_id', 'collections.name']).orderBy('collections.name').execute();
    return users.map((u) => ({ ...toUser(u), collections: grants.filter((g) => g.user_id === u.id).map((g) => g.name) }));
  },
  async count() {
    const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  },
});
