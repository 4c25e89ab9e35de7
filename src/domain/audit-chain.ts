import crypto from 'node:crypto';

/** The prev_hash of the first row of the chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The columns a row's hash covers, in the order they are serialised. */
export interface AuditContent {
  id: number;
  at: string;
  user_id: number | null;
  username: string;
  action: string;
  collection_id: number | null;
  document_id: number | null;
  detail: string;
  prev_hash: string;
}

/**
 * SHA-256 over a canonical serialisation of the row: a JSON array of its columns in a fixed
 * order (no key order to disagree about, every string escaped the same way), so the hash covers
 * the content and, through prev_hash, every row before it.
 */
export function hashAuditRow(row: AuditContent): string {
  const canonical = JSON.stringify([row.id, row.at, row.user_id, row.username, row.action, row.collection_id, row.document_id, row.detail, row.prev_hash]);
  return crypto.createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** What an appended entry says, before it is placed in the chain. */
export interface AuditEntryInput {
  user: { id: number; name: string } | null;
  username?: string;
  action: string;
  collectionId?: number | null;
  documentId?: number | null;
  detail?: Record<string, unknown>;
}

/** The row that follows `last` in the chain (null: the first row), with its hash. */
export function nextAuditRow(last: { id: number; hash: string } | undefined, event: AuditEntryInput, at = new Date()): AuditContent & { hash: string } {
  const row: AuditContent = {
    id: (last?.id ?? 0) + 1,
    at: at.toISOString(),
    user_id: event.user?.id ?? null,
    username: event.user?.name ?? event.username ?? '',
    action: event.action,
    collection_id: event.collectionId ?? null,
    document_id: event.documentId ?? null,
    detail: JSON.stringify(event.detail ?? {}),
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  return { ...row, hash: hashAuditRow(row) };
}
