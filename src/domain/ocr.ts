/** One recognised word: its text, its box in page pixels, and the engine's confidence (0–100). */
export interface OcrWord {
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
  conf: number;
}

/** What an OCR engine read on one page image. */
export interface OcrResult {
  text: string;
  words: OcrWord[];
  /** Mean word confidence, 0–100 (0 when nothing was read). */
  meanConfidence: number;
  width: number;
  height: number;
}

/** What Dossier keeps per OCR'd page, besides its text. */
export interface OcrPageRecord {
  engine: string;
  engineVersion: string;
  langs: string;
  meanConfidence: number;
  /** Degrees the page image was turned (clockwise) before recognition: 0, 90, 180, 270. */
  rotation: number;
  width: number;
  height: number;
  /** Words as [text, x, y, w, h, conf] in the coordinates of the rotated image, compact for storage. */
  words: Array<[string, number, number, number, number, number]>;
  /** Content addresses of the page image (full) and its thumbnail in the blob store. */
  image: string | null;
  thumbnail: string | null;
}

/** Tesseract language codes Dossier installs and defaults to. */
export const DEFAULT_OCR_LANGS = 'chi_sim+eng';
