import type { OcrResult } from '../../domain/ocr.js';

/** What OCR needs from an engine; adapters in platform/ocr (tesseract program, tesseract.js). */
export interface OcrEngine {
  readonly name: string;
  version(): Promise<string>;
  recognise(image: string, langs: string): Promise<OcrResult>;
  /** Degrees to turn the image clockwise and how sure the engine is, or null when it cannot tell. */
  detectOrientation(image: string): Promise<{ rotate: number; confidence: number } | null>;
}

/** Where page images and thumbnails go (the blob store). */
export interface ImageStore {
  putFile(file: string): Promise<{ sha256: string }>;
}
