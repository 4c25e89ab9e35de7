import fs from 'node:fs';
import path from 'node:path';
import { DossierError } from '../../domain/errors.js';
import { sha256OfFile } from './hash-file.js';

/** What `dossier manifest verify DIR` reports: every file named that differs from the bag's manifests. */
export interface ManifestCheck {
  dir: string;
  ok: boolean;
  /** Files listed in manifest-sha256.txt or tagmanifest-sha256.txt. */
  files: number;
  changed: string[];
  added: string[];
  missing: string[];
  /** Lines of a manifest that are not `SHA256  path`. */
  malformed: string[];
}

function readManifest(file: string, malformed: string[]): Map<string, string> {
  const entries = new Map<string, string>();
  if (!fs.existsSync(file)) return entries;
  for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const m = /^([0-9a-f]{64})\s+\*?(.+)$/i.exec(line);
    if (m?.[1] && m[2]) entries.set(m[2], m[1].toLowerCase());
    else malformed.push(`${path.basename(file)}: ${line.slice(0, 120)}`);
  }
  return entries;
}

function walk(dir: string, root: string, out: string[]): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, root, out);
    else out.push(path.relative(root, full).split(path.sep).join('/'));
  }
}

/**
 * Check a bag made by `dossier manifest`: every payload file against manifest-sha256.txt, the
 * tag files (bag-info.txt, custody.jsonl, the manifest itself) against tagmanifest-sha256.txt;
 * files on disk that no manifest lists are "added". A folder that is not a bag is an error.
 */
export async function verifyManifest(dir: string): Promise<ManifestCheck> {
  const root = path.resolve(dir);
  if (!fs.existsSync(path.join(root, 'manifest-sha256.txt')) || !fs.existsSync(path.join(root, 'bagit.txt'))) {
    throw new DossierError('invalid_argument', `${dir} is not a manifest folder: it has no bagit.txt and manifest-sha256.txt`);
  }
  const malformed: string[] = [];
  const expected = new Map([...readManifest(path.join(root, 'manifest-sha256.txt'), malformed), ...readManifest(path.join(root, 'tagmanifest-sha256.txt'), malformed)]);
  const onDisk: string[] = [];
  walk(root, root, onDisk);
  const present = new Set(onDisk);
  const check: ManifestCheck = { dir: root, ok: false, files: expected.size, changed: [], added: [], missing: [], malformed };
  for (const [name, sha] of expected) {
    if (!present.has(name)) check.missing.push(name);
    else if ((await sha256OfFile(path.join(root, name))) !== sha) check.changed.push(name);
  }
  for (const name of onDisk.sort()) if (!expected.has(name) && name !== 'tagmanifest-sha256.txt') check.added.push(name);
  if (!fs.existsSync(path.join(root, 'tagmanifest-sha256.txt'))) check.missing.push('tagmanifest-sha256.txt');
  check.ok = check.changed.length + check.added.length + check.missing.length + malformed.length === 0;
  return check;
}
