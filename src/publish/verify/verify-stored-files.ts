import type { Actor } from '../../domain/actor.js';
import { auditUser } from '../../domain/actor.js';
import { DossierError } from '../../domain/errors.js';
import type { Records } from '../../platform/db/records.js';
import { sha256OfStream } from './hash-file.js';
import type { AuditCheck, BlobReader } from './ports.js';

export interface StoredFileProblem {
  id: number;
  path: string;
  expected: string;
  /** The SHA-256 the stored bytes have now (a mismatch); absent for a missing file. */
  actual?: string;
}

/** What `dossier verify` reports. */
export interface VerifyReport {
  collection: string | null;
  checked: number;
  ok: number;
  mismatched: StoredFileProblem[];
  missing: StoredFileProblem[];
  audit: { entries: number; intact: boolean; problem?: string };
}

/** Only admins (and the operator, who holds the files) re-hash the store: it reads every collection. */
export function mayVerify(actor: Actor): boolean {
  return actor.kind === 'operator' || actor.role === 'admin';
}

/**
 * Re-hash every stored file (of one collection, or all) against the SHA-256 it was stored
 * under, check the audit chain, and record the run (`verify.run`) in the audit log. A blob
 * shared by several documents is read once. A missing or changed file is data in the report.
 */
export async function verifyStoredFiles(
  records: Pick<Records, 'read' | 'transact'>,
  input: { actor: Actor; blobs: BlobReader; checkAudit: AuditCheck; collection?: string; onProgress?: (checked: number) => void },
): Promise<VerifyReport> {
  if (!mayVerify(input.actor)) throw new DossierError('invalid_argument', 'only an admin may verify the stored files');
  let collectionId: number | undefined;
  if (input.collection !== undefined) {
    const found = await records.read.verification.collectionByName(input.collection);
    if (!found) throw new DossierError('not_found', `no collection "${input.collection}"`);
    collectionId = found.id;
  }
  const report: VerifyReport = { collection: input.collection ?? null, checked: 0, ok: 0, mismatched: [], missing: [], audit: { entries: 0, intact: true } };
  const hashes = new Map<string, string | null>();
  for (let afterId = 0; ; ) {
    const batch = await records.read.verification.storedFiles({ collectionId, afterId, limit: 1000 });
    if (batch.length === 0) break;
    for (const file of batch) {
      afterId = file.id;
      let actual = hashes.get(file.sha256);
      if (actual === undefined) {
        actual = input.blobs.stat(file.sha256) ? await sha256OfStream(input.blobs.open(file.sha256)) : null;
        hashes.set(file.sha256, actual);
      }
      report.checked++;
      if (actual === null) report.missing.push({ id: file.id, path: file.path, expected: file.sha256 });
      else if (actual !== file.sha256) report.mismatched.push({ id: file.id, path: file.path, expected: file.sha256, actual });
      else report.ok++;
    }
    input.onProgress?.(report.checked);
  }
  const chain = await input.checkAudit();
  report.audit = { entries: chain.entries, intact: chain.intact, ...(chain.firstBad ? { problem: chain.firstBad.message } : {}) };
  await records.transact(async (tx) => {
    await tx.audit.append({
      ...auditUser(input.actor), action: 'verify.run', collectionId: collectionId ?? null,
      detail: { collection: report.collection, checked: report.checked, mismatched: report.mismatched.map((m) => m.id), missing: report.missing.map((m) => m.id), auditIntact: report.audit.intact },
    });
  });
  return report;
}
