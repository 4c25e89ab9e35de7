import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FileHeader } from 'node-unrar-js';
import type { Metadata } from '../domain/document.js';
import type { ExtractionResult } from '../domain/extraction.js';
import { checkMember } from './member-checks.js';
import { safeMemberName } from './safe-member-name.js';
import { ExpansionBudget, type UnpackContext } from './unpack-context.js';

function openFailure(mime: string, error: unknown): ExtractionResult {
  const reason = (error as { reason?: string }).reason ?? '';
  const message = (error as Error).message ?? String(error);
  if (/PASSWORD/.test(reason)) return { ok: false, mime, reason: 'encrypted', message: 'the archive\'s list of members is encrypted and needs a password' };
  if (/UNKNOWN_FORMAT/.test(reason)) return { ok: false, mime, reason: 'unsupported', message: `this RAR variant is not read: ${message}` };
  return { ok: false, mime, reason: 'corrupt', message: `the RAR archive could not be opened: ${message}` };
}

/**
 * Unpack a RAR archive (v1.5 to v5) with RARLAB's unrar compiled to WebAssembly (node-unrar-js):
 * list the members, apply ZIP's limits to the listing (a solid archive's ratio counts as a whole),
 * then extract only the admitted members, each under a name we choose inside a private folder, so
 * no member name or link in the archive decides where bytes are written.
 */
export async function unpackRar(ctx: UnpackContext): Promise<ExtractionResult> {
  const mime = ctx.mime;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-rar-'));
  try {
    let created: string | null = null;
    let sequence = 0;
    // Loaded on the first RAR only: the WebAssembly build of unrar is not needed by most runs.
    const { createExtractorFromFile } = await import('node-unrar-js');
    const extractor = await createExtractorFromFile({
      filepath: ctx.file,
      targetPath: folder,
      filenameTransform: () => (created = `member-${sequence++}`),
    }).catch((error: unknown) => error as Error);
    if (extractor instanceof Error) return openFailure(mime, extractor);
    let headers: FileHeader[];
    let solid: boolean;
    try {
      const list = extractor.getFileList();
      solid = list.arcHeader.flags.solid;
      headers = [...list.fileHeaders];
    } catch (error) {
      return openFailure(mime, error);
    }
    const files = headers.filter((h) => !h.flags.directory);
    const packedTotal = files.reduce((sum, h) => sum + h.packSize, 0);
    const unpackedTotal = files.reduce((sum, h) => sum + h.unpSize, 0);
    const budget = new ExpansionBudget(ctx.limits, ctx.size);
    const metadata: Metadata = { members: files.length };
    if (solid) metadata.solid = true;
    const admitted = new Map<string, { name: string; extra: Metadata; allowance: number; size: number }>();
    let reserved = 0;
    for (const header of files) {
      if (budget.children.length + admitted.size >= ctx.limits.maxEntries) {
        budget.stopped = { reason: 'archive_bomb', message: `the archive holds more than ${ctx.limits.maxEntries} members; the rest were not unpacked` };
        break;
      }
      const { name, changed } = safeMemberName(header.name);
      const extra: Metadata = changed ? { originalName: header.name, warning: 'unsafe_path: the member name tried to leave the archive; it was made safe' } : {};
      if (header.time) extra.modified = header.time.replace(/\.\d+$/, '');
      // Members of a solid archive are compressed as one stream: their ratio is the archive's.
      const listed = { rawName: header.name, size: header.unpSize, packedSize: solid ? packedTotal : header.packSize, encrypted: header.flags.encrypted, symlink: false, ...(solid ? { blockSize: unpackedTotal } : {}) };
      const check = checkMember(listed, ctx.limits, budget, reserved);
      if ('reason' in check) budget.fail(name, check.reason, check.message, extra);
      else {
        // A later member of the same name replaces the earlier, as unrar would on disk.
        admitted.set(header.name, { name, extra, allowance: check.allowance, size: header.unpSize });
        reserved += header.unpSize;
      }
    }
    if (admitted.size) {
      try {
        const extraction = extractor.extract({ files: (h) => admitted.has(h.name) });
        for (const arcFile of extraction.files) {
          const member = admitted.get(arcFile.fileHeader.name);
          const file = created ? path.join(folder, created) : null;
          created = null;
          if (!member) continue;
          const stat = file ? fs.lstatSync(file, { throwIfNoEntry: false }) : undefined;
          if (!file || !stat?.isFile()) {
            // unrar writes links and devices through its own calls, never through our files.
            budget.fail(member.name, 'unsafe_member', 'a link or special file inside an archive is not followed', member.extra);
            continue;
          }
          try {
            const stored = await ctx.blobs.putStream(fs.createReadStream(file), member.allowance);
            budget.add({ name: member.name, sha256: stored.sha256, size: stored.size, ...(Object.keys(member.extra).length ? { metadata: member.extra } : {}) });
          } catch (error) {
            budget.fail(member.name, 'archive_bomb', `the member expanded past its limit: ${(error as Error).message}`, member.extra);
          } finally {
            fs.rmSync(file, { force: true });
          }
        }
      } catch (error) {
        metadata.warning = `the archive is damaged after ${budget.children.length} members (those were kept): ${(error as Error).message}`;
        return { ok: false, mime, reason: 'corrupt', message: metadata.warning, metadata, children: budget.children };
      }
    }
    if (budget.stopped) metadata.warning = budget.stopped.message;
    if (budget.children.length && budget.children.every((c) => c.failure?.reason === 'encrypted')) {
      return { ok: false, mime, reason: 'encrypted', message: 'every member of the archive is encrypted and needs a password', metadata, children: budget.children };
    }
    return { ok: true, extraction: { mime, title: null, pages: [], metadata, children: budget.children, needsOcr: false } };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
