import { lastAuditHash, listAudit, verifyAudit } from '../audit/index.js';
import { DossierError } from '../domain/errors.js';
import type { App } from './app.js';
import { printJson } from './output.js';

/** `dossier audit verify`: walk the hash chain; exit 0 when intact, 3 naming the first bad row when not. */
export async function auditVerifyCommand(app: App, options: { json?: boolean }): Promise<void> {
  const result = await verifyAudit(app.records);
  if (options.json) printJson({ ...result, lastHash: result.intact ? await lastAuditHash(app.records) : null });
  if (result.firstBad) {
    if (!options.json) {
      console.error(`dossier: the audit log's chain is broken at row ${result.firstBad.id}: ${result.firstBad.message}`);
      console.error(`(${result.entries} entries before it are intact)`);
    }
    process.exitCode = 3;
    return;
  }
  if (!options.json) {
    console.log(`the audit log's chain of ${result.entries} entries is intact`);
    console.log(`last hash ${await lastAuditHash(app.records)} (keep it elsewhere to prove later that no entry was cut off the end)`);
  }
}

/** `dossier audit ls`: newest entries first, filtered. */
export async function auditListCommand(app: App, options: { json?: boolean; user?: string; action?: string; document?: string; from?: string; to?: string; limit?: string; offset?: string }): Promise<void> {
  const limit = Number(options.limit ?? 50);
  const offset = Number(options.offset ?? 0);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new DossierError('invalid_argument', `--limit is a whole number from 1 to 1000, got "${options.limit}"`);
  if (!Number.isInteger(offset) || offset < 0) throw new DossierError('invalid_argument', `--offset is a whole number of 0 or more, got "${options.offset}"`);
  const documentId = options.document === undefined ? undefined : Number(options.document);
  if (documentId !== undefined && !Number.isInteger(documentId)) throw new DossierError('invalid_argument', `--document is a document id, got "${options.document}"`);
  const { total, entries } = await listAudit(app.records, { user: options.user, action: options.action, documentId, from: options.from, to: options.to, limit, offset });
  if (options.json) {
    for (const e of entries) printJson(e);
    return;
  }
  console.log(`${total} entr${total === 1 ? 'y' : 'ies'}${entries.length < total ? `, showing ${offset + 1}–${offset + entries.length}` : ''}`);
  for (const e of entries) {
    const what = [e.documentId !== null ? `document ${e.documentId}` : '', e.collection ? `in ${e.collection}` : '', Object.keys(e.detail).length ? JSON.stringify(e.detail) : ''].filter(Boolean).join(' ');
    console.log(`${String(e.id).padStart(6)}  ${e.at}  ${(e.username || '-').padEnd(16)} ${e.action.padEnd(13)} ${what}`);
  }
}
