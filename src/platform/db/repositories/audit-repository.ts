import { sql, type Kysely } from 'kysely';
import { nextAuditRow, type AuditContent, type AuditEntryInput } from '../../../domain/audit-chain.js';
import { ADVISORY_LOCKS, isPostgres } from '../dialect.js';
import type { Database } from '../schema.js';

/** One entry of the audit log, as a command appends it. */
export type AuditAppend = AuditEntryInput;

/** Which entries to list: all filters optional; `to` as a bare date includes that whole day. */
export interface AuditQuery {
  user?: string;
  action?: string;
  documentId?: number;
  from?: string;
  /** Exclusive upper bound, already turned into a time by the caller. */
  before?: string;
  limit: number;
  offset: number;
}

/** An entry as the log lists it, its detail decoded. */
export interface AuditEntry {
  id: number;
  at: string;
  userId: number | null;
  username: string;
  action: string;
  collectionId: number | null;
  collection: string | null;
  documentId: number | null;
  detail: Record<string, unknown>;
  hash: string;
}

/** The audit log as commands and its readers see it. */
export interface AuditRepository {
  /** Append one entry; inside `Records.transact` it commits with the command's records or not at all. */
  append(event: AuditAppend): Promise<{ id: number; hash: string }>;
  /** Entries newest first, filtered, with the total for paging. */
  list(query: AuditQuery): Promise<{ total: number; entries: AuditEntry[] }>;
  /** Raw rows with id >= fromId, by id (for the chain's verification, which rehashes them). */
  chainFrom(fromId: number, limit: number): Promise<Array<AuditContent & { hash: string }>>;
  /** The newest row's hash, or null on an empty log. */
  lastHash(): Promise<string | null>;
}

export const auditRepository = (db: Kysely<Database>): AuditRepository => ({
  append: (event) => appendAudit(db, event),
  list: (query) => listAudit(db, query),
  chainFrom: (fromId, limit) => db.selectFrom('audit_log').selectAll().where('id', '>=', fromId).orderBy('id').limit(limit).execute(),
  async lastHash() {
    const last = await db.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
    return last?.hash ?? null;
  },
});

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

async function listAudit(db: Kysely<Database>, filters: AuditQuery): Promise<{ total: number; entries: AuditEntry[] }> {
  let query = db.selectFrom('audit_log').leftJoin('collections', 'collections.id', 'audit_log.collection_id');
  if (filters.user) query = query.where('audit_log.username', '=', filters.user);
  if (filters.action) query = query.where('audit_log.action', '=', filters.action);
  if (filters.documentId !== undefined) query = query.where('audit_log.document_id', '=', filters.documentId);
  if (filters.from) query = query.where('audit_log.at', '>=', filters.from);
  if (filters.before) query = query.where('audit_log.at', '<', filters.before);
  const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .select(['audit_log.id', 'audit_log.at', 'audit_log.user_id', 'audit_log.username', 'audit_log.action', 'audit_log.collection_id', 'collections.name as collection', 'audit_log.document_id', 'audit_log.detail', 'audit_log.hash'])
    .orderBy('audit_log.id', 'desc')
    .limit(filters.limit)
    .offset(filters.offset)
    .execute();
  return {
    total: Number(count.n),
    entries: rows.map((r) => ({
      id: r.id, at: r.at, userId: r.user_id, username: r.username, action: r.action, collectionId: r.collection_id, collection: r.collection,
      documentId: r.document_id, detail: parseDetail(r.detail), hash: r.hash,
    })),
  };
}

function parseDetail(detail: string): Record<string, unknown> {
  try {
    return JSON.parse(detail) as Record<string, unknown>;
  } catch {
    return { unreadable: detail }; // an edited row: verification names it
  }
}
