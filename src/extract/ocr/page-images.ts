import fs from 'node:fs';
import path from 'node:path';
import sharp, { type Metadata } from 'sharp';
import { runTool } from '../run-tool.js';

/** Images wider or taller than this are not read: tesseract's memory grows with the pixel count. */
export const MAX_PAGE_PIXELS_SIDE = 15_000;

export class PageImageError extends Error {
  constructor(readonly reason: 'corrupt' | 'too_large' | 'timeout', message: string) {
    super(message);
  }
}

/** Render one PDF page at 300 dpi to a PNG (poppler's pdftoppm). */
export async function renderPdfPage(file: string, page: number, dir: string, timeoutMs: number): Promise<string> {
  const prefix = path.join(dir, `page-${page}`);
  // Greyscale: OCR needs no colour, and tesseract reads a grey page faster than an RGB one.
  const out = await runTool('pdftoppm', ['-r', '300', '-gray', '-f', String(page), '-l', String(page), '-png', '-singlefile', file, prefix], timeoutMs);
  if (out.timedOut) throw new PageImageError('timeout', `rendering page ${page} ran past the time limit`);
  if (out.code !== 0 || !fs.existsSync(`${prefix}.png`)) throw new PageImageError('corrupt', `page ${page} could not be rendered: ${out.stderr.trim().split('\n')[0] ?? `exit ${out.code}`}`);
  return `${prefix}.png`;
}

/** Render one DjVu page at 300 dpi to a TIFF (DjVuLibre's ddjvu); tesseract reads it as it is. */
export async function renderDjvuPage(file: string, page: number, dir: string, timeoutMs: number): Promise<string> {
  const out = path.join(dir, `page-${page}.tif`);
  const run = await runTool('ddjvu', ['-format=tiff', `-page=${page}`, '-mode=color', '-scale=300', file, out], timeoutMs);
  if (run.timedOut) throw new PageImageError('timeout', `rendering page ${page} ran past the time limit`);
  if (run.code !== 0 || !fs.existsSync(out)) throw new PageImageError('corrupt', `page ${page} could not be rendered: ${run.stderr.trim().split('\n')[0] ?? `exit ${run.code}`}`);
  return out;
}

/** How many pages (frames) an image file has; 1 for formats sharp cannot open (tesseract reads them). */
export async function imagePageCount(file: string): Promise<number> {
  try {
    const meta = await sharp(file, { limitInputPixels: false }).metadata();
    return meta.pages ?? 1;
  } catch {
    return 1;
  }
}

/**
 * One page of an image file fit for OCR: the file itself when it is a single page tesseract reads
 * (re-encoding costs time and changes nothing), else a PNG of that page (TIFF pages, GIF/WebP
 * frames, oriented JPEGs); oversized images refused. Formats sharp cannot open (BMP, PBM/PPM) are
 * handed to tesseract as they are.
 */
export async function imagePage(file: string, page: number, dir: string): Promise<string> {
  let meta: Metadata;
  try {
    meta = await sharp(file, { limitInputPixels: false, page: page - 1 }).metadata();
  } catch (error) {
    if (page === 1 && /unsupported image format/i.test((error as Error).message)) return file;
    throw new PageImageError('corrupt', `the image could not be read: ${(error as Error).message}`);
  }
  const width = meta.width ?? 0;
  const height = meta.pageHeight ?? meta.height ?? 0;
  if (width === 0 || height === 0) throw new PageImageError('corrupt', 'the image has no pixels');
  if (width > MAX_PAGE_PIXELS_SIDE || height > MAX_PAGE_PIXELS_SIDE) {
    throw new PageImageError('too_large', `the image is ${width}×${height} pixels; pages over ${MAX_PAGE_PIXELS_SIDE} pixels on a side are not read`);
  }
  const direct = ['png', 'jpeg', 'tiff'].includes(meta.format ?? '') && (meta.pages ?? 1) === 1 && (meta.orientation ?? 1) === 1;
  if (direct) return file;
  const out = path.join(dir, `image-${page}.png`);
  try {
    const image = sharp(file, { limitInputPixels: false, page: page - 1 }).rotate();
    await (meta.channels === 1 || meta.space === 'b-w' ? image.greyscale() : image).png().toFile(out);
  } catch (error) {
    throw new PageImageError('corrupt', `the image could not be decoded: ${(error as Error).message}`);
  }
  return out;
}

/** Turn a page image clockwise by 90, 180 or 270 degrees. */
export async function rotateImage(file: string, degrees: number, dir: string): Promise<string> {
  const out = path.join(dir, `${path.basename(file, path.extname(file))}-r${degrees}.png`);
  await sharp(file, { limitInputPixels: false }).rotate(degrees).png().toFile(out);
  return out;
}

/** A small JPEG of a page for lists and viewers. */
export async function thumbnail(file: string, dir: string): Promise<string | null> {
  const out = path.join(dir, `${path.basename(file, path.extname(file))}-thumb.jpg`);
  try {
    await sharp(file, { limitInputPixels: false }).resize({ width: 320, withoutEnlargement: true }).jpeg({ quality: 70 }).toFile(out);
    return out;
  } catch {
    return null;
  }
}

/** A small greyscale copy of a page, for quick looks (orientation, blankness). */
export async function smallCopy(file: string, dir: string): Promise<string | null> {
  const out = path.join(dir, `${path.basename(file, path.extname(file))}-small.png`);
  try {
    await sharp(file, { limitInputPixels: false }).resize({ width: 1240, height: 1754, fit: 'inside', withoutEnlargement: true }).greyscale().png().toFile(out);
    return out;
  } catch {
    return null;
  }
}

/** True when an image is (nearly) one colour: a blank page. */
export async function isBlank(file: string): Promise<boolean> {
  try {
    const stats = await sharp(file, { limitInputPixels: false }).resize({ width: 400, withoutEnlargement: true }).stats();
    return stats.channels.every((c) => c.stdev < 2);
  } catch {
    return false;
  }
}
