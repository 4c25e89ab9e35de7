import fs from 'node:fs';
import CFB from 'cfb';
import type { ExtractionResult } from '../../domain/extraction.js';
import type { ExtractContext } from '../context.js';

export const OLE_PACKAGE_MIME = 'application/x-ole-package';
/** OLE packages are small wrappers; past this the file is not read into memory. */
const MAX_PACKAGE_BYTES = 512 * 1024 * 1024;

/** A NUL-terminated ANSI string at `at`: its text and where the next field starts. */
function cString(bytes: Buffer, at: number): [string, number] {
  const end = bytes.indexOf(0, at);
  if (end < 0) throw new Error('unterminated string');
  return [bytes.subarray(at, end).toString('latin1'), end + 1];
}

/**
 * The `\x01Ole10Native` stream of an OLE "Package" object: total size, type, label, original path,
 * two reserved words, the temporary path it was dropped from, then the file's size and bytes.
 */
function parseOle10Native(stream: Buffer): { label: string; path: string; data: Buffer } {
  let at = 6; // total size (4), type (2)
  const [label, afterLabel] = cString(stream, at);
  const [original, afterPath] = cString(stream, afterLabel);
  at = afterPath + 4; // two reserved words
  const tempLength = stream.readUInt32LE(at);
  at += 4 + tempLength;
  const size = stream.readUInt32LE(at);
  at += 4;
  if (at + size > stream.length) throw new Error(`the packaged file claims ${size} bytes, the stream holds ${stream.length - at}`);
  return { label, path: original, data: stream.subarray(at, at + size) };
}

/**
 * An OLE Package object (what Office embeds when a file is dropped into a document): the file it
 * wraps becomes the child, named by its original name; the label is the text.
 */
export function extractOlePackage(ctx: ExtractContext): Promise<ExtractionResult> | ExtractionResult {
  const mime = OLE_PACKAGE_MIME;
  if (ctx.size > MAX_PACKAGE_BYTES) return { ok: false, mime, reason: 'too_large', message: `OLE packages over ${MAX_PACKAGE_BYTES} bytes are not read` };
  let parsed: { label: string; path: string; data: Buffer };
  try {
    const container = CFB.read(fs.readFileSync(ctx.file), { type: 'buffer' });
    const entry = container.FileIndex.find((e) => e.name.endsWith('Ole10Native'));
    if (!entry?.content) return { ok: false, mime, reason: 'corrupt', message: 'the OLE package has no Ole10Native stream' };
    parsed = parseOle10Native(Buffer.from(entry.content as Uint8Array));
  } catch (error) {
    return { ok: false, mime, reason: 'corrupt', message: `the OLE package could not be read: ${(error as Error).message}` };
  }
  const name = parsed.path.split(/[\\/]/).pop() || parsed.label || 'packaged-file';
  return ctx.storeChild(name, parsed.data, { originalName: parsed.path }).then((child) => ({
    ok: true,
    extraction: { mime, title: parsed.label || null, pages: [{ page: 1, text: parsed.label }], metadata: { packagedFile: parsed.path }, children: [child], needsOcr: false },
  }));
}
