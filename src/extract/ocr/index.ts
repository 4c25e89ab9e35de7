/** OCR: page images → text with word boxes and confidence, through an OcrEngine. */
export { ocrPages, type OcrPageOutcome, type OcrRequest } from './ocr-pages.js';
export type { ImageStore, OcrEngine } from './ports.js';
export { MAX_PAGE_PIXELS_SIDE } from './page-images.js';
