import { operator } from '../domain/actor.js';
import { DossierError } from '../domain/errors.js';
import { exportManifest, verifyManifest } from '../publish/index.js';
import type { App } from './app.js';
import { printJson } from './output.js';

/** `dossier manifest COLLECTION --out DIR`: a BagIt export of the collection's files with their custody events. */
export async function manifestCommand(app: App, collection: string, options: { out?: string; json?: boolean }, software: string): Promise<void> {
  if (!options.out) throw new DossierError('invalid_argument', 'give the folder to write the manifest to: --out DIR');
  const summary = await exportManifest(app.records, { actor: operator(), blobs: app.blobs, collection, out: options.out, software });
  if (options.json) return printJson(summary);
  console.log(`wrote ${summary.files} files (${summary.bytes} bytes) of ${summary.collection} to ${summary.out}`);
  console.log(`  manifest-sha256.txt, bag-info.txt, custody.jsonl, tagmanifest-sha256.txt; audit entry ${summary.auditId}`);
}

/** `dossier manifest verify DIR`: name every changed, added or missing file; exit 3 when there is one. */
export async function manifestVerifyCommand(dir: string, options: { json?: boolean }): Promise<void> {
  const check = await verifyManifest(dir);
  if (!check.ok) process.exitCode = 3;
  if (options.json) return printJson(check);
  if (check.ok) return console.log(`${check.dir}: all ${check.files} files match the manifest`);
  console.log(`${check.dir}: the folder differs from its manifest`);
  for (const f of check.changed) console.log(`  changed  ${f}`);
  for (const f of check.added) console.log(`  added    ${f}`);
  for (const f of check.missing) console.log(`  missing  ${f}`);
  for (const f of check.malformed) console.log(`  malformed line in ${f}`);
}
