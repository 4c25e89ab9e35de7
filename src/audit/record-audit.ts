import type { Records } from '../platform/db/records.js';

/** What the audit log records: reading, exporting and the accounts around them. */
export type AuditAction = 'search' | 'view' | 'download' | 'export' | 'login' | 'login_failed' | 'logout' | 'password' | 'grant' | 'revoke' | 'user_add' | (string & {});

export interface AuditEvent {
  /** The actor; null for an anonymous attempt (a failed sign-in) or the command line's operator. */
  user: { id: number; name: string } | null;
  /** Who it was when there is no user row (the name tried at a failed sign-in, "cli"). */
  username?: string;
  action: AuditAction;
  collectionId?: number | null;
  documentId?: number | null;
  /** What was searched, which page, which grant …: stored as JSON. */
  detail?: Record<string, unknown>;
}

/**
 * Append one entry on its own, for events that change no other record (a search, a view, a
 * sign-in): one write transaction whose only write is the entry. A command that changes records
 * appends with `tx.audit.append` inside its own transaction instead.
 * The append reads the last hash and inserts the row under the audit lock (BEGIN IMMEDIATE on
 * SQLite, an advisory lock on PostgreSQL), so concurrent writers never fork the chain.
 */
export async function recordAudit(records: Pick<Records, 'transact'>, event: AuditEvent): Promise<{ id: number; hash: string }> {
  return records.transact((tx) => tx.audit.append(event));
}
