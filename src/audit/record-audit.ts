import { sql, type Kysely } from 'kysely';
import type { Records } from '../platform/db/records.js';
import type { Database } from '../platform/db/schema.js';
import { nextAuditRow } from '../domain/audit-chain.js';

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
 *
 * Given a raw database handle (the one remaining caller, http/upload-receive.ts, until its owner
 * moves it to `records`), the last hash is read and the row inserted in one immediate
 * (write-locking) transaction, so concurrent requests, or a CLI command next to the server,
 * cannot both chain onto the same row and fork the chain.
 */
export async function recordAudit(target: Pick<Records, 'transact'> | Kysely<Database>, event: AuditEvent): Promise<{ id: number; hash: string }> {
  if ('transact' in target) return target.transact((tx) => tx.audit.append(event));
  const db = target;
  // PostgreSQL (the team server): many processes; an advisory lock held to commit serialises the
  // append instead (the key is ADVISORY_LOCKS.audit in platform/db/dialect.ts).
  if (db.getExecutor().adapter.constructor.name.startsWith('Postgres')) {
    return db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${0x0d055101})`.execute(trx);
      return appendRow(trx, event);
    });
  }
  return db.connection().execute(async (conn) => {
    await sql`BEGIN IMMEDIATE`.execute(conn);
    try {
      const result = await appendRow(conn, event);
      await sql`COMMIT`.execute(conn);
      return result;
    } catch (error) {
      await sql`ROLLBACK`.execute(conn).catch(() => undefined);
      throw error;
    }
  });
}

async function appendRow(conn: Kysely<Database>, event: AuditEvent): Promise<{ id: number; hash: string }> {
  const last = await conn.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  const row = nextAuditRow(last, event);
  await conn.insertInto('audit_log').values(row).execute();
  return { id: row.id, hash: row.hash };
}
