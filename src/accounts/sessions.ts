import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { Role, SessionUser } from './roles.js';

/** A session lasts this long from sign-in, then the user signs in again. */
export const SESSION_HOURS = 12;

const sha256 = (text: string): string => crypto.createHash('sha256').update(text).digest('hex');

export interface NewSession {
  /** The secret for the cookie; only its SHA-256 is stored, so a copy of the database cannot sign in. */
  token: string;
  csrf: string;
  expiresAt: Date;
}

/** Start a session for a user: a random 32-byte token and its anti-forgery token. */
export async function createSession(db: Kysely<Database>, userId: number, now = new Date()): Promise<NewSession> {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrf = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  await db.insertInto('sessions').values({ token_hash: sha256(token), user_id: userId, csrf, created_at: now.toISOString(), expires_at: expiresAt.toISOString() }).execute();
  // Expired sessions are swept whenever someone signs in.
  await db.deleteFrom('sessions').where('expires_at', '<', now.toISOString()).execute();
  return { token, csrf, expiresAt };
}

/** The user and anti-forgery token of a live session, or null (unknown, expired, or the account disabled). */
export async function sessionFor(db: Kysely<Database>, token: string, now = new Date()): Promise<{ user: SessionUser; csrf: string } | null> {
  if (!token || token.length > 128) return null;
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.name', 'users.role', 'users.disabled', 'sessions.csrf', 'sessions.expires_at'])
    .where('sessions.token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.disabled === 1 || row.expires_at <= now.toISOString()) return null;
  return { user: { id: row.id, name: row.name, role: row.role as Role }, csrf: row.csrf };
}

/** End a session (logout): its token no longer works anywhere. */
export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', sha256(token)).execute();
}
