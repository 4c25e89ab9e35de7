import type { Records } from '../platform/db/records.js';
import { GENESIS_HASH, hashAuditRow } from '../domain/audit-chain.js';

export interface AuditBreak {
  /** The first row that does not chain (for a deleted row: the row after the gap). */
  id: number;
  problem: 'edited' | 'gap' | 'broken_link';
  message: string;
}

export interface AuditVerification {
  intact: boolean;
  entries: number;
  firstBad: AuditBreak | null;
}

/**
 * Walk the chain by id and report the first row that breaks it: its content no longer matches
 * its hash (edited), an id is missing (deleted), or its prev_hash is not the previous row's hash
 * (deleted, reordered or re-chained). Reads in batches, so memory stays flat on a long log.
 * Deleting the newest rows leaves a shorter, valid chain: that needs an anchor kept elsewhere
 * (the last hash, printed by `dossier audit verify`).
 */
export async function verifyAudit(records: Pick<Records, 'read'>, batch = 2000): Promise<AuditVerification> {
  let expectedId = 1;
  let prev = GENESIS_HASH;
  let entries = 0;
  for (;;) {
    const rows = await records.read.audit.chainFrom(expectedId, batch);
    for (const row of rows) {
      const bad = (problem: AuditBreak['problem'], message: string): AuditVerification => ({ intact: false, entries, firstBad: { id: row.id, problem, message } });
      if (row.id !== expectedId) return bad('gap', `row ${row.id} follows row ${expectedId - 1}: row${row.id - expectedId > 1 ? 's' : ''} ${expectedId}${row.id - expectedId > 1 ? `–${row.id - 1}` : ''} ${row.id - expectedId > 1 ? 'are' : 'is'} missing`);
      if (hashAuditRow(row) !== row.hash) return bad('edited', `row ${row.id}'s content does not match its hash: it was edited`);
      if (row.prev_hash !== prev) return bad('broken_link', `row ${row.id} does not chain onto ${row.id === 1 ? 'the start of the log' : `row ${row.id - 1}`}: rows were deleted, reordered or replaced`);
      prev = row.hash;
      expectedId = row.id + 1;
      entries += 1;
    }
    if (rows.length < batch) return { intact: true, entries, firstBad: null };
  }
}

/** The newest row's hash: kept outside the database, it proves later that no row was cut off the end. */
export async function lastAuditHash(records: Pick<Records, 'read'>): Promise<string> {
  return (await records.read.audit.lastHash()) ?? GENESIS_HASH;
}
