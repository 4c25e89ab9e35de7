import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FailureReason } from '../../domain/document.js';
import type { OcrPageRecord, OcrResult } from '../../domain/ocr.js';
import { imagePage, imagePageCount, isBlank, PageImageError, renderPdfPage, rotateImage, thumbnail } from './page-images.js';
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

/** Confidence below which a page that OSD could not orient is tried at the other rotations. */
const DOUBTFUL = 60;

/** How much confidently read text a result holds: the sum of confidences of words read at 50 or more. */
function strength(result: OcrResult): number {
  return result.words.reduce((sum, w) => sum + (w.conf >= 50 ? w.conf * Math.max(1, Array.from(w.text).length) : 0), 0);
}

/**
 * Read one page image: turn it upright (tesseract's orientation detection when it is sure, else
 * the rotation that reads best), recognise it, and keep its image and thumbnail.
 */
async function readPage(image: string, dir: string, engine: OcrEngine, langs: string, store: ImageStore): Promise<{ text: string; record: OcrPageRecord }> {
  let rotation = 0;
  let upright = image;
  const osd = await engine.detectOrientation(image).catch(() => null);
  const sure = osd !== null && osd.confidence >= 2;
  if (sure && osd.rotate % 360 !== 0) {
    rotation = osd.rotate % 360;
    upright = await rotateImage(image, rotation, dir);
  }
  let result = await engine.recognise(upright, langs);
  if (!sure && (result.meanConfidence < DOUBTFUL || result.words.length < 3)) {
    for (const degrees of [90, 180, 270]) {
      const turned = await rotateImage(image, degrees, dir).catch(() => null);
      if (!turned) break; // a format only tesseract reads: no rotation possible
      const attempt = await engine.recognise(turned, langs);
      if (strength(attempt) > strength(result) * 1.2) {
        result = attempt;
        rotation = degrees;
        upright = turned;
      }
    }
  }
  const full = upright === image && path.extname(image) !== '.png' ? null : upright;
  const imageSha = full ? (await store.putFile(full)).sha256 : null;
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
  const isPdf = request.mime === 'application/pdf';
  const count = request.pageCount ?? (isPdf ? 1 : await imagePageCount(request.file));
  const wanted = (request.pages ?? Array.from({ length: count }, (_, i) => i + 1)).filter((p) => p >= 1 && p <= count);
  const outcomes: OcrPageOutcome[] = [];
  for (const [index, page] of wanted.entries()) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-ocr-'));
    try {
      const image = isPdf ? await renderPdfPage(request.file, page, dir, request.timeoutMs) : await imagePage(request.file, page, dir);
      if (image !== request.file && (await isBlank(image))) {
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
