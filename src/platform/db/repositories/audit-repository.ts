import { sql, type Kysely } from 'kysely';
import { nextAuditRow, type AuditEntryInput } from '../../../domain/audit-chain.js';
import { ADVISORY_LOCKS, isPostgres } from '../dialect.js';
import type { Database } from '../schema.js';

/** One entry of the audit log, as a command appends it. */
export type AuditAppend = AuditEntryInput;

/** The audit log as commands see it. */
export interface AuditRepository {
  /** Append one entry; inside `Records.transact` it commits with the command's records or not at all. */
  append(event: AuditAppend): Promise<{ id: number; hash: string }>;
}

export const auditRepository = (db: Kysely<Database>): AuditRepository => ({ append: (event) => appendAudit(db, event) });

/**
 * Append one row to the hash chain inside the caller's write transaction (see Transact): the
 * last hash is read and the row inserted under the same write lock as the command's records.
 * On PostgreSQL that lock is an advisory lock held to the end of the transaction (concurrent
 * READ COMMITTED transactions would otherwise both chain onto the same last row).
 */
export async function appendAudit(trx: Kysely<Database>, event: AuditAppend): Promise<{ id: number; hash: string }> {
  if (isPostgres(trx)) await sql`SELECT pg_advisory_xact_lock(${ADVISORY_LOCKS.audit})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  const row = nextAuditRow(last, event);
  await trx.insertInto('audit_log').values(row).execute();
  return { id: row.id, hash: row.hash };
}
