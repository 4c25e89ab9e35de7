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
