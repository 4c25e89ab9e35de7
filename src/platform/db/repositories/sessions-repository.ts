import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { asRole, type UserRole } from './users-repository.js';

/** A live session's user and anti-forgery token, as the session lookup finds it. */
export interface SessionRow {
  user: { id: number; name: string; role: UserRole; disabled: boolean };
  csrf: string;
  expiresAt: string;
}

/** Server-side sessions of the workbench, keyed by the SHA-256 of the cookie's token. */
export interface SessionsRepository {
  add(session: { tokenHash: string; userId: number; csrf: string; createdAt: string; expiresAt: string }): Promise<void>;
  /** Remove every session that expired before this time. */
  sweepExpired(before: string): Promise<void>;
  byTokenHash(tokenHash: string): Promise<SessionRow | null>;
  remove(tokenHash: string): Promise<void>;
}

export const sessionsRepository = (db: Kysely<Database>): SessionsRepository => ({
  async add(s) {
    await db.insertInto('sessions').values({ token_hash: s.tokenHash, user_id: s.userId, csrf: s.csrf, created_at: s.createdAt, expires_at: s.expiresAt }).execute();
  },
  async sweepExpired(before) {
    await db.deleteFrom('sessions').where('expires_at', '<', before).execute();
  },
  async byTokenHash(tokenHash) {
    const row = await db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['users.id', 'users.name', 'users.role', 'users.disabled', 'sessions.csrf', 'sessions.expires_at'])
      .where('sessions.token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ? { user: { id: row.id, name: row.name, role: asRole(row.role), disabled: row.disabled === 1 }, csrf: row.csrf, expiresAt: row.expires_at } : null;
  },
  async remove(tokenHash) {
    await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  },
});
