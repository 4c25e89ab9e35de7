import type { ExtractionResult } from '../domain/extraction.js';
import { splitMbox } from './split-mbox.js';
import { unpack7z } from './unpack-7z.js';
import { unpackPst } from './unpack-pst.js';
import { unpackRar } from './unpack-rar.js';
import type { UnpackContext } from './unpack-context.js';
import { unpackGzip, unpackTar } from './unpack-tar.js';
import { unpackZip } from './unpack-zip.js';

const UNPACKERS: Record<string, (ctx: UnpackContext) => Promise<ExtractionResult>> = {
  'application/zip': unpackZip,
  'application/x-tar': unpackTar,
  'application/gzip': unpackGzip,
  'application/mbox': splitMbox,
  'application/x-7z-compressed': unpack7z,
  'application/x-rar-compressed': unpackRar,
  'application/vnd.rar': unpackRar,
  'application/vnd.ms-outlook-pst': unpackPst,
};

/** Whether files of this media type are containers whose members become child documents. */
export function isContainer(mime: string): boolean {
  return mime in UNPACKERS;
}

/** Unpack a container's members into the blob store and list them as children. */
export function unpackContainer(ctx: UnpackContext): Promise<ExtractionResult> {
  const unpack = UNPACKERS[ctx.mime];
  if (!unpack) return Promise.resolve({ ok: false, mime: ctx.mime, reason: 'unsupported', message: `${ctx.mime} is not a container` });
  return unpack(ctx);
}
