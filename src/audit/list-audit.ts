import type { Records } from '../platform/db/records.js';
import type { AuditEntry } from '../platform/db/repositories/audit-repository.js';

export type { AuditEntry } from '../platform/db/repositories/audit-repository.js';

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

/** Audit rows, newest first, filtered; with the total for paging. */
export async function listAudit(records: Pick<Records, 'read'>, filters: AuditFilters = {}): Promise<{ total: number; entries: AuditEntry[] }> {
  return records.read.audit.list({
    user: filters.user,
    action: filters.action,
    documentId: filters.documentId,
    from: filters.from,
    before: filters.to ? (/^\d{4}-\d{2}-\d{2}$/.test(filters.to) ? nextDay(filters.to) : filters.to) : undefined,
    limit: Math.min(Math.max(filters.limit ?? 50, 1), 1000),
    offset: Math.max(filters.offset ?? 0, 0),
  });
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
