import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import { auditUser, mayEdit, type Actor } from '../../domain/actor.js';
import { DossierError } from '../../domain/errors.js';
import type { Records } from '../../platform/db/records.js';
import { CUSTODY_ACTIONS, custodyOf } from './custody-events.js';
import { sha256OfFile } from './hash-file.js';
import type { BlobReader } from './ports.js';

export interface ManifestSummary {
  collection: string;
  out: string;
  files: number;
  bytes: number;
  auditId: number;
}

/** A payload name for a document: its id, then the last part of its path made safe. */
function payloadName(id: number, docPath: string): string {
  const base = [...(docPath.split(/[\\/!]/).pop() ?? '')].map((ch) => (ch < ' ' || '<>:"|?*'.includes(ch) ? '_' : ch)).join('').slice(0, 150) || 'file';
  return `data/${id}/${base === '.' || base === '..' ? 'file' : base}`;
}

const sha256Of = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

/**
 * `dossier manifest COLLECTION --out DIR`: a BagIt bag (RFC 8493) of the collection's stored
 * files: data/ID/NAME, manifest-sha256.txt, bag-info.txt (who, when, what), custody.jsonl (each
 * file's custody events) and tagmanifest-sha256.txt. Written to a temporary folder beside DIR
 * and renamed into place in the transaction that appends `manifest.export`: a failure (a
 * missing or changed blob) leaves no folder and no audit entry.
 */
export async function exportManifest(
  records: Pick<Records, 'read' | 'transact'>,
  input: { actor: Actor; blobs: BlobReader; collection: string; out: string; software: string },
): Promise<ManifestSummary> {
  if (!mayEdit(input.actor)) throw new DossierError('invalid_argument', 'only an editor or admin may export a manifest');
  const collection = await records.read.verification.collectionByName(input.collection);
  if (!collection) throw new DossierError('not_found', `no collection "${input.collection}"`);
  const out = path.resolve(input.out);
  if (fs.existsSync(out) && (!fs.statSync(out).isDirectory() || fs.readdirSync(out).length > 0)) throw new DossierError('conflict', `${input.out} already exists and is not an empty folder`);
  const docs = await records.read.verification.manifestDocuments(collection.id);
  const entries = await records.read.verification.custodyEntries(collection.id, Object.keys(CUSTODY_ACTIONS));
  const temp = `${out}.partial-${process.pid}-${Date.now()}`;
  fs.mkdirSync(temp, { recursive: true });
  try {
    const manifest: string[] = [];
    const custody: string[] = [];
    let bytes = 0;
    for (const doc of docs) {
      if (!input.blobs.has(doc.sha256)) throw new DossierError('conflict', `the stored file of document ${doc.id} (${doc.path}) is missing; run dossier verify`);
      const name = payloadName(doc.id, doc.path);
      const target = path.join(temp, name);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      await pipeline(input.blobs.open(doc.sha256), fs.createWriteStream(target));
      const actual = await sha256OfFile(target);
      if (actual !== doc.sha256) throw new DossierError('conflict', `the stored file of document ${doc.id} (${doc.path}) no longer matches its SHA-256; run dossier verify`);
      bytes += fs.statSync(target).size;
      manifest.push(`${actual}  ${name}`);
      custody.push(JSON.stringify({ file: name, document: doc.id, sha256: actual, size: doc.size, paths: doc.paths, events: custodyOf(doc, entries) }));
    }
    const tagFiles: Record<string, string> = {
      'bagit.txt': 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n',
      'manifest-sha256.txt': manifest.map((l) => `${l}\n`).join(''),
      'custody.jsonl': custody.map((l) => `${l}\n`).join(''),
    };
    for (const [name, text] of Object.entries(tagFiles)) fs.writeFileSync(path.join(temp, name), text);
    return await records.transact(async (tx) => {
      const at = new Date().toISOString();
      const entry = await tx.audit.append({ ...auditUser(input.actor), action: 'manifest.export', collectionId: collection.id, detail: { out, files: docs.length, bytes, manifestSha256: sha256Of(tagFiles['manifest-sha256.txt'] ?? '') } });
      const info = [
        `Source-Organization: Dossier`, `Bag-Software-Agent: ${input.software}`, `Bagging-Date: ${at.slice(0, 10)}`, `Bagging-Time: ${at}`,
        `External-Identifier: ${collection.name}`, `External-Description: Collection ${collection.name}: ${docs.length} stored files with their chain of custody (custody.jsonl)`,
        `Contact-Name: ${input.actor.name}`, `Payload-Oxum: ${bytes}.${docs.length}`, `Dossier-Audit-Entry: ${entry.id} ${entry.hash}`,
      ].join('\n');
      fs.writeFileSync(path.join(temp, 'bag-info.txt'), `${info}\n`);
      const tags = ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'custody.jsonl'].map((name) => `${sha256Of(fs.readFileSync(path.join(temp, name)))}  ${name}\n`);
      fs.writeFileSync(path.join(temp, 'tagmanifest-sha256.txt'), tags.join(''));
      if (fs.existsSync(out)) fs.rmdirSync(out);
      fs.renameSync(temp, out);
      return { collection: collection.name, out, files: docs.length, bytes, auditId: entry.id };
    });
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}
