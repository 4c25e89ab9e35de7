import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { Metadata } from '../domain/document.js';
import type { ExtractionResult } from '../domain/extraction.js';
import { decodeZipName } from './decode-zip-name.js';
import { safeMemberName } from './safe-member-name.js';
import { ExpansionBudget, type UnpackContext } from './unpack-context.js';

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true, strictFileNames: false }, (error, zip) => {
      if (error || !zip) reject(error ?? new Error('cannot open zip'));
      else resolve(zip);
    });
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => (error || !stream ? reject(error ?? new Error('cannot read member')) : resolve(stream)));
  });
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const onEntry = (entry: yauzl.Entry) => done(() => resolve(entry));
    const onEnd = () => done(() => resolve(null));
    const onError = (error: Error) => done(() => reject(error));
    const done = (fn: () => void) => {
      zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
      fn();
    };
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zip.readEntry();
  });
}

/**
 * Unpack a ZIP into the blob store, member by member, with names decoded from raw bytes (UTF-8 or
 * GBK), unsafe names neutralised, symlinks and encrypted members recorded as failed, and the
 * expansion bounded by ratio, total size and member count.
 */
export async function unpackZip(ctx: UnpackContext): Promise<ExtractionResult> {
  const mime = 'application/zip';
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(ctx.file);
  } catch (error) {
    return { ok: false, mime, reason: 'corrupt', message: `the ZIP archive could not be opened: ${(error as Error).message}` };
  }
  const budget = new ExpansionBudget(ctx.limits, ctx.size);
  const metadata: Metadata = { members: zip.entryCount };
  let damage: string | null = null;
  try {
    for (;;) {
      let entry: yauzl.Entry | null;
      try {
        entry = await nextEntry(zip);
      } catch (error) {
        damage = (error as Error).message;
        break;
      }
      if (!entry) break;
      const rawName = decodeZipName(entry.fileName as unknown as Buffer, entry.generalPurposeBitFlag, entry.extraFields);
      if (rawName.endsWith('/') || rawName.endsWith('\\')) continue; // a folder
      if (!budget.admit()) break;
      const { name, changed } = safeMemberName(rawName);
      const extra: Metadata = changed ? { originalName: rawName, warning: 'unsafe_path: the member name tried to leave the archive; it was made safe' } : {};
      const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
      const modified = entry.getLastModDate();
      if (!Number.isNaN(modified.getTime())) extra.modified = modified.toISOString();
      if (mode === S_IFLNK) {
        budget.fail(name, 'unsafe_member', 'a symbolic link inside an archive is not followed', extra);
        continue;
      }
      if (mode !== 0 && mode !== S_IFREG && (entry.versionMadeBy >> 8) === 3) {
        budget.fail(name, 'unsafe_member', 'a device or special file inside an archive is not read', extra);
        continue;
      }
      if (entry.isEncrypted()) {
        budget.fail(name, 'encrypted', 'the archive member is encrypted and needs a password', extra);
        continue;
      }
      const ratio = entry.compressedSize > 0 ? entry.uncompressedSize / entry.compressedSize : 0;
      if (entry.uncompressedSize > 1024 * 1024 && ratio > ctx.limits.maxRatio) {
        budget.fail(name, 'archive_bomb', `the member expands ${Math.round(ratio)} times (to ${entry.uncompressedSize} bytes); the limit is ${ctx.limits.maxRatio}`, extra);
        continue;
      }
      if (entry.uncompressedSize > ctx.limits.maxFileBytes) {
        budget.fail(name, 'too_large', `the member is ${entry.uncompressedSize} bytes; the limit is ${ctx.limits.maxFileBytes}`, extra);
        continue;
      }
      const allowance = Math.min(budget.remainingBytes(), ctx.limits.maxFileBytes);
      if (entry.uncompressedSize > allowance) {
        budget.fail(name, 'archive_bomb', 'the archive expands past its total size limit; this member was not unpacked', extra);
        continue;
      }
      try {
        const stream = await openEntry(zip, entry);
        const stored = await ctx.blobs.putStream(stream, allowance);
        budget.add({ name, sha256: stored.sha256, size: stored.size, ...(Object.keys(extra).length ? { metadata: extra } : {}) });
      } catch (error) {
        const message = (error as Error).message;
        if (/too large|larger than/i.test(message)) budget.fail(name, 'archive_bomb', `the member expanded past its limit: ${message}`, extra);
        else budget.fail(name, 'corrupt', `the member could not be decompressed: ${message}`, extra);
      }
    }
  } finally {
    zip.close();
  }
  if (budget.stopped) metadata.warning = budget.stopped.message;
  if (damage) {
    return { ok: false, mime, reason: 'corrupt', message: `the ZIP archive is damaged after ${budget.children.length} members (those were kept): ${damage}`, metadata, children: budget.children };
  }
  return { ok: true, extraction: { mime, title: null, pages: [], metadata, children: budget.children, needsOcr: false } };
}
