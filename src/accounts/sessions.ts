import crypto from 'node:crypto';
import type { Records } from '../platform/db/records.js';
import type { SessionUser } from './roles.js';

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
export async function createSession(records: Pick<Records, 'read'>, userId: number, now = new Date()): Promise<NewSession> {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrf = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  await records.read.sessions.add({ tokenHash: sha256(token), userId, csrf, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() });
  // Expired sessions are swept whenever someone signs in.
  await records.read.sessions.sweepExpired(now.toISOString());
  return { token, csrf, expiresAt };
}

/** The user and anti-forgery token of a live session, or null (unknown, expired, or the account disabled). */
export async function sessionFor(records: Pick<Records, 'read'>, token: string, now = new Date()): Promise<{ user: SessionUser; csrf: string } | null> {
  if (!token || token.length > 128) return null;
  const session = await records.read.sessions.byTokenHash(sha256(token));
  if (!session || session.user.disabled || session.expiresAt <= now.toISOString()) return null;
  return { user: { id: session.user.id, name: session.user.name, role: session.user.role }, csrf: session.csrf };
}

/** End a session (logout): its token no longer works anywhere. */
export async function deleteSession(records: Pick<Records, 'read'>, token: string): Promise<void> {
  await records.read.sessions.remove(sha256(token));
}
