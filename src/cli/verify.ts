import { verifyAudit } from '../audit/index.js';
import { operator } from '../domain/actor.js';
import { verifyStoredFiles } from '../publish/index.js';
import type { App } from './app.js';
import { printJson } from './output.js';

/** `dossier verify [--collection C] [--json]`: re-hash every stored file, check the audit chain; exit 3 on any problem. */
export async function verifyCommand(app: App, options: { collection?: string; json?: boolean }): Promise<void> {
  const report = await verifyStoredFiles(app.records, {
    actor: operator(), blobs: app.blobs, collection: options.collection, checkAudit: () => verifyAudit(app.records),
    onProgress: (n) => process.stderr.isTTY && process.stderr.write(`\r\x1b[2Kre-hashed ${n} files`),
  });
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
  const bad = report.mismatched.length > 0 || report.missing.length > 0 || !report.audit.intact;
  if (bad) process.exitCode = 3;
  if (options.json) return printJson(report);
  console.log(`${report.checked} stored files checked${report.collection ? ` in ${report.collection}` : ''}: ${report.ok} match their SHA-256`);
  for (const m of report.mismatched) console.log(`  CHANGED  [${m.id}] ${m.path}\n           expected ${m.expected}\n           actual   ${m.actual}`);
  for (const m of report.missing) console.log(`  MISSING  [${m.id}] ${m.path} (${m.expected})`);
  console.log(report.audit.intact ? `the audit log's chain of ${report.audit.entries} entries is intact` : `the audit log's chain is BROKEN: ${report.audit.problem ?? ''}`);
}
