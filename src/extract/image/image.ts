import fs from 'node:fs';
import exifr from 'exifr';
import type { Metadata, MetadataValue } from '../../domain/document.js';
import type { ExtractionResult } from '../../domain/extraction.js';

const KEEP = [
  'Make', 'Model', 'Software', 'Artist', 'Copyright', 'ImageDescription', 'DateTimeOriginal', 'CreateDate', 'ModifyDate', 'OffsetTimeOriginal',
  'LensModel', 'SerialNumber', 'BodySerialNumber', 'OwnerName', 'CameraOwnerName', 'ExifImageWidth', 'ExifImageHeight', 'ImageWidth', 'ImageHeight',
  'Orientation', 'XResolution', 'YResolution', 'latitude', 'longitude', 'GPSAltitude', 'GPSDateStamp', 'UserComment', 'XPAuthor', 'XPComment', 'XPTitle',
  'title', 'description', 'creator', 'CreatorTool', 'HostComputer',
];

/** EXIF dates have no time zone: keep them as the camera wrote them (2017:11:14 22:41:07 → 2017-11-14T22:41:07). */
function exifDate(value: string): string | null {
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value.trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}` : null;
}

function toValue(value: unknown): MetadataValue | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value === 'string') return exifDate(value) ?? (value.replace(/\0+$/, '').trim() || null);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  if (value && typeof value === 'object' && 'value' in value) return toValue((value as { value: unknown }).value);
  return null;
}

/**
 * An image is stored with its EXIF/XMP metadata and marked as needing OCR; reading its text is
 * the OCR stage's work. A metadata block that cannot be parsed is noted, not fatal.
 */
export async function extractImage(file: string, mime: string): Promise<ExtractionResult> {
  const metadata: Metadata = {};
  try {
    const bytes = fs.readFileSync(file);
    const parsed = (await exifr.parse(bytes, { tiff: true, exif: true, gps: true, xmp: true, iptc: true, icc: false, mergeOutput: true, reviveValues: false })) as Record<string, unknown> | undefined;
    for (const key of KEEP) {
      const value = parsed ? toValue(parsed[key]) : null;
      if (value !== null) metadata[key.charAt(0).toLowerCase() + key.slice(1)] = value;
    }
  } catch (error) {
    metadata.metadataWarning = `EXIF could not be read: ${(error as Error).message}`;
  }
  return { ok: true, extraction: { mime, title: null, pages: [{ page: 1, text: '' }], metadata, children: [], needsOcr: true } };
}
