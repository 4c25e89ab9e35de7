import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';

export interface AuditFilters {
  user?: string;
  action?: string;
  documentId?: number;
  /** ISO date or date-time, inclusive. */
  from?: string;
  /** ISO date or date-time; a bare date includes that whole day. */
  to?: string;
  limit?: number;
  offset?: number;
}

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

/** Audit rows, newest first, filtered; with the total for paging. */
export async function listAudit(db: Kysely<Database>, filters: AuditFilters = {}): Promise<{ total: number; entries: AuditEntry[] }> {
  let query = db.selectFrom('audit_log').leftJoin('collections', 'collections.id', 'audit_log.collection_id');
  if (filters.user) query = query.where('audit_log.username', '=', filters.user);
  if (filters.action) query = query.where('audit_log.action', '=', filters.action);
  if (filters.documentId !== undefined) query = query.where('audit_log.document_id', '=', filters.documentId);
  if (filters.from) query = query.where('audit_log.at', '>=', filters.from);
  if (filters.to) query = query.where('audit_log.at', '<', /^\d{4}-\d{2}-\d{2}$/.test(filters.to) ? nextDay(filters.to) : filters.to);
  const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .select(['audit_log.id', 'audit_log.at', 'audit_log.user_id', 'audit_log.username', 'audit_log.action', 'audit_log.collection_id', 'collections.name as collection', 'audit_log.document_id', 'audit_log.detail', 'audit_log.hash'])
    .orderBy('audit_log.id', 'desc')
    .limit(Math.min(Math.max(filters.limit ?? 50, 1), 1000))
    .offset(Math.max(filters.offset ?? 0, 0))
    .execute();
  return {
    total: Number(count.n),
    entries: rows.map((r) => ({
      id: r.id, at: r.at, userId: r.user_id, username: r.username, action: r.action, collectionId: r.collection_id, collection: r.collection,
      documentId: r.document_id, detail: parseDetail(r.detail), hash: r.hash,
    })),
  };
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function parseDetail(detail: string): Record<string, unknown> {
  try {
    return JSON.parse(detail) as Record<string, unknown>;
  } catch {
    return { unreadable: detail }; // an edited row: verification names it
  }
}
