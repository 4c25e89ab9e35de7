import type { CustodyAuditEntry, ManifestDocument } from '../../platform/db/repositories/verification-repository.js';

/** One step in a file's chain of custody. */
export interface CustodyEvent {
  event: 'received' | 'ingested' | 'viewed' | 'exported' | 'redacted' | 'published';
  at: string;
  /** Who: the audit log's user name; for received and ingested, the ingest. */
  by: string | null;
  /** The audit entry it comes from, to check against the log. */
  auditId?: number;
  detail?: Record<string, unknown>;
}

/** Audit actions and the custody event each one is. */
export const CUSTODY_ACTIONS: Record<string, CustodyEvent['event']> = {
  view: 'viewed',
  download: 'exported',
  export: 'exported',
  'manifest.export': 'exported',
  'redact.apply': 'redacted',
  publish: 'published',
  'story.publish': 'published',
};

/**
 * A file's custody: received (when it was stored, at which paths) and ingested (when read,
 * with what outcome) from its document's record; then every audit entry naming it, and the
 * collection-wide exports, in the log's order.
 */
export function custodyOf(doc: ManifestDocument, entries: CustodyAuditEntry[]): CustodyEvent[] {
  const events: CustodyEvent[] = [{ event: 'received', at: doc.receivedAt, by: null, detail: { paths: doc.paths } }];
  if (doc.extractedAt) events.push({ event: 'ingested', at: doc.extractedAt, by: null, detail: { status: doc.status, mime: doc.mime } });
  for (const entry of entries) {
    if (entry.documentId !== null && entry.documentId !== doc.id) continue;
    const event = CUSTODY_ACTIONS[entry.action];
    if (!event) continue;
    events.push({ event, at: entry.at, by: entry.username, auditId: entry.id, detail: { action: entry.action, ...entry.detail } });
  }
  return events;
}
