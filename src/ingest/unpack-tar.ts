import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import tar from 'tar-stream';
import type { Metadata } from '../domain/document.js';
import type { ExtractionResult } from '../domain/extraction.js';
import { safeMemberName } from './safe-member-name.js';
import { ExpansionBudget, type UnpackContext } from './unpack-context.js';

/** Whether gzip-compressed content is a tar archive (ustar magic at offset 257 once inflated). */
async function gzipHoldsTar(file: string): Promise<boolean> {
  return new Promise((resolve) => {
    const head: Buffer[] = [];
    let size = 0;
    const source = fs.createReadStream(file);
    const gunzip = zlib.createGunzip();
    const finish = (result: boolean) => {
      source.destroy();
      gunzip.destroy();
      resolve(result);
    };
    gunzip.on('data', (chunk: Buffer) => {
      head.push(chunk);
      size += chunk.length;
      if (size >= 512) finish(Buffer.concat(head).subarray(257, 262).toString('latin1') === 'ustar');
    });
    gunzip.on('error', () => finish(false));
    gunzip.on('end', () => finish(size >= 262 && Buffer.concat(head).subarray(257, 262).toString('latin1') === 'ustar'));
    source.pipe(gunzip);
  });
}

/** Unpack a TAR stream (plain or already inflated) member by member into the blob store. */
async function unpackTarStream(ctx: UnpackContext, source: Readable, mime: string): Promise<ExtractionResult> {
  const budget = new ExpansionBudget(ctx.limits, ctx.size);
  const extract = tar.extract();
  const metadata: Metadata = {};
  let damage: string | null = null;
  const done = new Promise<void>((resolve) => {
    extract.on('entry', (header, stream, next) => {
      const finish = () => {
        stream.resume();
        next();
      };
      if (header.type === 'directory' || !header.type) return finish();
      if (!budget.admit()) {
        stream.resume();
        return next();
      }
      const { name, changed } = safeMemberName(header.name);
      const extra: Metadata = changed ? { originalName: header.name, warning: 'unsafe_path: the member name tried to leave the archive; it was made safe' } : {};
      if (header.mtime) extra.modified = header.mtime.toISOString();
      if (header.type === 'symlink' || header.type === 'link') {
        budget.fail(name, 'unsafe_member', `a ${header.type === 'link' ? 'hard' : 'symbolic'} link to ${header.linkname ?? '?'} is not followed`, extra);
        return finish();
      }
      if (header.type !== 'file' && header.type !== 'contiguous-file') {
        budget.fail(name, 'unsafe_member', `a ${header.type} entry is not content`, extra);
        return finish();
      }
      const allowance = Math.min(budget.remainingBytes(), ctx.limits.maxFileBytes);
      if ((header.size ?? 0) > allowance) {
        const reason = (header.size ?? 0) > ctx.limits.maxFileBytes ? 'too_large' : 'archive_bomb';
        budget.fail(name, reason, `the member is ${header.size} bytes, past the limit of ${allowance}`, extra);
        return finish();
      }
      ctx.blobs.putStream(stream as unknown as Readable, allowance).then(
        (stored) => {
          budget.add({ name, sha256: stored.sha256, size: stored.size, ...(Object.keys(extra).length ? { metadata: extra } : {}) });
          next();
        },
        (error: Error) => {
          budget.fail(name, 'corrupt', `the member could not be read: ${error.message}`, extra);
          finish();
        },
      );
    });
    extract.on('finish', resolve);
    extract.on('error', (error: Error) => {
      damage = error.message;
      resolve();
    });
  });
  source.on('error', (error: Error) => {
    damage = error.message;
    extract.destroy();
  });
  source.pipe(extract);
  await done;
  if (budget.stopped) metadata.warning = budget.stopped.message;
  metadata.members = budget.children.length;
  if (damage) return { ok: false, mime, reason: 'corrupt', message: `the archive is damaged after ${budget.children.length} members (those were kept): ${damage}`, metadata, children: budget.children };
  return { ok: true, extraction: { mime, title: null, pages: [], metadata, children: budget.children, needsOcr: false } };
}

/** Unpack a TAR archive. */
export function unpackTar(ctx: UnpackContext): Promise<ExtractionResult> {
  return unpackTarStream(ctx, fs.createReadStream(ctx.file), 'application/x-tar');
}

/**
 * Unpack gzip: a .tar.gz/.tgz is unpacked as TAR; any other gzip holds one file, kept as the
 * only child under the container's name without its .gz suffix.
 */
export async function unpackGzip(ctx: UnpackContext): Promise<ExtractionResult> {
  const mime = 'application/gzip';
  if (await gzipHoldsTar(ctx.file)) {
    const gunzip = zlib.createGunzip();
    fs.createReadStream(ctx.file).on('error', (e) => gunzip.destroy(e)).pipe(gunzip);
    return unpackTarStream(ctx, gunzip, mime);
  }
  const base = path.posix.basename(ctx.name).replace(/\.(gz|tgz|gzip)$/i, '') || 'content';
  const budget = new ExpansionBudget(ctx.limits, ctx.size);
  const allowance = Math.min(budget.remainingBytes(), ctx.limits.maxFileBytes);
  const inflated = new PassThrough();
  try {
    const storing = ctx.blobs.putStream(inflated, allowance);
    await Promise.all([pipeline(fs.createReadStream(ctx.file), zlib.createGunzip(), inflated), storing]);
    const stored = await storing;
    return { ok: true, extraction: { mime, title: null, pages: [], metadata: {}, children: [{ name: base, sha256: stored.sha256, size: stored.size }], needsOcr: false } };
  } catch (error) {
    const message = (error as Error).message;
    if (/larger than/.test(message)) {
      return { ok: false, mime, reason: 'archive_bomb', message: `the compressed file expands past ${allowance} bytes` };
    }
    return { ok: false, mime, reason: 'corrupt', message: `the gzip stream could not be inflated: ${message}` };
  }
}
