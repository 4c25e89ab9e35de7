import fs from 'node:fs';
import type { ExtractionResult } from '../../domain/extraction.js';

export const EMF_MIME = 'image/emf';
const MAX_EMF_BYTES = 64 * 1024 * 1024;
const EMR_EXTTEXTOUTA = 83;
const EMR_EXTTEXTOUTW = 84;

/** Whether the head is an Enhanced Metafile: an EMR_HEADER record whose signature is " EMF". */
export function isEmf(head: Buffer): boolean {
  return head.length >= 44 && head.readUInt32LE(0) === 1 && head.subarray(40, 44).toString('latin1') === ' EMF';
}

/**
 * A Windows Enhanced Metafile (the pictures and icons Office embeds): a vector drawing whose text
 * is kept as text-out records, read here in drawing order. Nothing renders EMF for OCR here, so a
 * metafile without text records is read as empty rather than queued for OCR.
 */
export function extractEmf(file: string, size: number): ExtractionResult {
  if (size > MAX_EMF_BYTES) return { ok: false, mime: EMF_MIME, reason: 'too_large', message: `metafiles over ${MAX_EMF_BYTES} bytes are not read` };
  const bytes = fs.readFileSync(file);
  const runs: string[] = [];
  let records = 0;
  for (let at = 0; at + 8 <= bytes.length; ) {
    const type = bytes.readUInt32LE(at);
    const length = bytes.readUInt32LE(at + 4);
    if (length < 8 || length % 4 !== 0 || at + length > bytes.length) {
      if (records === 0) return { ok: false, mime: EMF_MIME, reason: 'corrupt', message: 'the metafile has no readable records' };
      break; // a damaged tail: keep what was read
    }
    records++;
    // EMREXTTEXTOUT: type, size, bounds (16), graphics mode, x and y scale (12), then EMRTEXT:
    // reference point (8), character count, offset of the string from the record's start.
    if ((type === EMR_EXTTEXTOUTW || type === EMR_EXTTEXTOUTA) && length >= 52) {
      const count = bytes.readUInt32LE(at + 44);
      const offset = bytes.readUInt32LE(at + 48);
      const width = type === EMR_EXTTEXTOUTW ? 2 : 1;
      if (offset + count * width <= length) {
        const raw = bytes.subarray(at + offset, at + offset + count * width);
        runs.push(type === EMR_EXTTEXTOUTW ? raw.toString('utf16le') : raw.toString('latin1'));
      }
    }
    at += length;
  }
  const text = runs.join('\n').replace(/\0/g, '').trim();
  return { ok: true, extraction: { mime: EMF_MIME, title: null, pages: [{ page: 1, text }], metadata: { records, textRecords: runs.length }, children: [], needsOcr: false } };
}
