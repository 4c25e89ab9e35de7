import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FailureReason } from '../../domain/document.js';
import type { OcrPageRecord, OcrResult } from '../../domain/ocr.js';
import { imagePage, imagePageCount, isBlank, PageImageError, renderDjvuPage, renderPdfPage, rotateImage, smallCopy, thumbnail } from './page-images.js';
import type { ImageStore, OcrEngine } from './ports.js';

export interface OcrRequest {
  file: string;
  mime: string;
  /** Pages to read; null for every page of the document. */
  pages: number[] | null;
  /** Page count when known (PDFs); images are counted here. */
  pageCount: number | null;
  langs: string;
  timeoutMs: number;
}

export type OcrPageOutcome =
  | { page: number; ok: true; text: string; record: OcrPageRecord }
  | { page: number; ok: false; reason: FailureReason; message: string };

/** A reading this sure is taken as upright without asking about orientation (it costs a second). */
const CONFIDENT = 70;
const ENOUGH_WORDS = 10;

/** How much confidently read text a result holds: the sum of confidences of words read at 50 or more. */
function strength(result: OcrResult): number {
  return result.words.reduce((sum, w) => sum + (w.conf >= 50 ? w.conf * Math.max(1, Array.from(w.text).length) : 0), 0);
}

/**
 * True when a reading looks sideways: tesseract can read a page turned by a quarter, but then its
 * words of several letters stand taller than they are wide.
 */
function looksSideways(result: OcrResult): boolean {
  const long = result.words.filter((w) => Array.from(w.text).length >= 3);
  return long.length >= 3 && long.filter((w) => w.h > w.w * 1.5).length > long.length / 2;
}

/** Whether a reading is sure enough to be taken as upright without asking about orientation. */
function confident(result: OcrResult): boolean {
  return result.meanConfidence >= CONFIDENT && result.words.length >= ENOUGH_WORDS && !looksSideways(result);
}

/**
 * Read one page image: recognise it as it is; when the reading is doubtful, find its orientation
 * (tesseract's OSD on a small copy when it is sure, else the rotation that reads best) and read
 * it again turned. Keep the page image and a thumbnail.
 */
async function readPage(image: string, dir: string, engine: OcrEngine, langs: string, store: ImageStore): Promise<{ text: string; record: OcrPageRecord }> {
  let rotation = 0;
  let upright = image;
  let result = await engine.recognise(image, langs);
  if (!confident(result)) {
    const small = await smallCopy(image, dir);
    const osd = small ? await engine.detectOrientation(small).catch(() => null) : null;
    if (osd && osd.confidence >= 2) {
      if (osd.rotate % 360 !== 0) {
        rotation = osd.rotate % 360;
        upright = await rotateImage(image, rotation, dir);
        result = await engine.recognise(upright, langs);
      }
    } else if (small) {
      for (const degrees of [90, 180, 270]) {
        const turned = await rotateImage(image, degrees, dir).catch(() => null);
        if (!turned) break;
        const attempt = await engine.recognise(turned, langs);
        if (strength(attempt) > strength(result) * 1.2) {
          result = attempt;
          rotation = degrees;
          upright = turned;
        }
      }
    }
  }
  // The page image as read (content-addressed: an image file read as it is stores nothing new).
  const imageSha = (await store.putFile(upright)).sha256;
  const thumb = await thumbnail(upright, dir);
  const thumbSha = thumb ? (await store.putFile(thumb)).sha256 : null;
  return {
    text: result.text,
    record: {
      engine: engine.name,
      engineVersion: await engine.version(),
      langs,
      meanConfidence: Math.round(result.meanConfidence * 10) / 10,
      rotation,
      width: result.width,
      height: result.height,
      words: result.words.map((w) => [w.text, w.x, w.y, w.w, w.h, Math.round(w.conf)]),
      image: imageSha,
      thumbnail: thumbSha,
    },
  };
}

/**
 * OCR the pages of a scanned PDF or an image, one page at a time (only one page image is on disk
 * at once, so a 500-page scan stays in bounded memory). A page that cannot be read fails with a
 * reason; the others go on.
 */
export async function ocrPages(request: OcrRequest, engine: OcrEngine, store: ImageStore, onPage: (done: number, total: number) => void = () => {}): Promise<OcrPageOutcome[]> {
  // DjVu documents are paged like PDFs: their page count comes with the request.
  const isDjvu = request.mime === 'image/vnd.djvu';
  const isPdf = request.mime === 'application/pdf' || isDjvu;
  const count = request.pageCount ?? (isPdf ? 1 : await imagePageCount(request.file));
  const wanted = (request.pages ?? Array.from({ length: count }, (_, i) => i + 1)).filter((p) => p >= 1 && p <= count);
  const outcomes: OcrPageOutcome[] = [];
  for (const [index, page] of wanted.entries()) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-ocr-'));
    try {
      const image = isDjvu ? await renderDjvuPage(request.file, page, dir, request.timeoutMs) : isPdf ? await renderPdfPage(request.file, page, dir, request.timeoutMs) : await imagePage(request.file, page, dir);
      if (await isBlank(image)) {
        outcomes.push({ page, ok: false, reason: 'empty', message: `page ${page} is blank` });
        continue;
      }
      const { text, record } = await readPage(image, dir, engine, request.langs, store);
      outcomes.push({ page, ok: true, text, record });
    } catch (error) {
      const reason = error instanceof PageImageError ? error.reason : /ran past/.test((error as Error).message) ? 'timeout' : 'corrupt';
      outcomes.push({ page, ok: false, reason, message: (error as Error).message });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      onPage(index + 1, wanted.length);
    }
  }
  return outcomes;
}
