import { spawnSync } from 'node:child_process';
import { TesseractCliOcrEngine } from './tesseract-cli-ocr-engine.js';
import { TesseractJsOcrEngine } from './tesseract-js-ocr-engine.js';

/** Whether the tesseract program is installed with the languages Dossier reads by default. */
export function hasTesseractProgram(): boolean {
  const out = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' });
  if (out.status !== 0) return false;
  const langs = `${out.stdout}${out.stderr}`;
  return ['chi_sim', 'eng'].every((l) => new RegExp(`^${l}$`, 'm').test(langs));
}

/**
 * The OCR engine: the tesseract program when installed with chi_sim and eng (faster, and it can
 * detect page orientation), else tesseract.js with its packaged language data, fully offline.
 * `preference` is auto, tesseract or tesseract.js (DOSSIER_OCR_ENGINE).
 */
export async function chooseOcrEngine(preference: string): Promise<TesseractCliOcrEngine | TesseractJsOcrEngine> {
  if (preference === 'tesseract.js') return new TesseractJsOcrEngine();
  if (preference === 'tesseract' || hasTesseractProgram()) return new TesseractCliOcrEngine();
  return new TesseractJsOcrEngine();
}
