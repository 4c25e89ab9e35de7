import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createWorker, type Worker } from 'tesseract.js';
import type { OcrResult, OcrWord } from '../../domain/ocr.js';

const require = createRequire(import.meta.url);

/** Languages whose trained data ships as @tesseract.js-data/<code> packages. */
const PACKAGED = ['chi_sim', 'chi_tra', 'eng'];

/**
 * A folder holding every packaged language's trained data, for tesseract.js wants one langPath.
 * Links (or copies) the files from the @tesseract.js-data packages: nothing is downloaded.
 */
function languageFolder(): string {
  const dir = path.join(os.tmpdir(), `dossier-tessdata-${process.getuid?.() ?? 0}`);
  fs.mkdirSync(dir, { recursive: true });
  for (const code of PACKAGED) {
    const target = path.join(dir, `${code}.traineddata.gz`);
    if (fs.existsSync(target)) continue;
    const info = require(`@tesseract.js-data/${code}`) as { langPath: string };
    fs.copyFileSync(path.join(info.langPath, `${code}.traineddata.gz`), target);
  }
  return dir;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
interface JsWord {
  text: string;
  confidence: number;
  bbox: Box;
}
interface JsLine {
  words: JsWord[];
}
interface JsParagraph {
  lines: JsLine[];
}
interface JsBlock {
  paragraphs: JsParagraph[];
}

const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

/** tesseract.js (WebAssembly) with the packaged language data, fully offline; for machines without the tesseract program. */
export class TesseractJsOcrEngine {
  readonly name = 'tesseract.js';
  private readonly workers = new Map<string, Promise<Worker>>();

  async version(): Promise<string> {
    return (require('tesseract.js/package.json') as { version: string }).version;
  }

  async languages(): Promise<string[]> {
    return PACKAGED;
  }

  private worker(langs: string): Promise<Worker> {
    let worker = this.workers.get(langs);
    if (!worker) {
      const unknown = langs.split('+').filter((l) => !PACKAGED.includes(l));
      if (unknown.length) return Promise.reject(new Error(`no packaged data for ${unknown.join(', ')}; available: ${PACKAGED.join(', ')}`));
      // Errors come back as rejections; without a handler tesseract.js also throws them uncaught.
      worker = createWorker(langs.split('+'), 1, { langPath: languageFolder(), gzip: true, cacheMethod: 'none', errorHandler: () => {} }).then(async (w) => {
        // Automatic page segmentation, as the tesseract program does (--psm 3): columns read as columns.
        await w.setParameters({ tessedit_pageseg_mode: '3' as never });
        return w;
      });
      this.workers.set(langs, worker);
    }
    return worker;
  }

  async recognise(image: string, langs: string): Promise<OcrResult> {
    const worker = await this.worker(langs);
    let data: Awaited<ReturnType<Worker['recognize']>>['data'];
    try {
      ({ data } = await worker.recognize(image, {}, { blocks: true, text: true }));
    } catch (error) {
      // A failed page can leave the worker unusable: start a fresh one for the next page.
      this.workers.delete(langs);
      void worker.terminate().catch(() => {});
      throw error instanceof Error ? error : new Error(`tesseract.js could not read the image: ${String(error)}`);
    }
    const words: OcrWord[] = [];
    const lines: string[] = [];
    for (const block of (data.blocks ?? []) as unknown as JsBlock[]) {
      for (const paragraph of block.paragraphs) {
        for (const line of paragraph.lines) {
          let text = '';
          for (const w of line.words) {
            const t = w.text.trim();
            if (!t) continue;
            text += text && !CJK.test(text.slice(-1)) && !CJK.test(t[0]!) ? ` ${t}` : t;
            words.push({ text: t, x: w.bbox.x0, y: w.bbox.y0, w: w.bbox.x1 - w.bbox.x0, h: w.bbox.y1 - w.bbox.y0, conf: Math.max(0, w.confidence) });
          }
          if (text) lines.push(text);
        }
        lines.push('');
      }
    }
    const meanConfidence = words.length ? words.reduce((s, w) => s + w.conf, 0) / words.length : 0;
    const size = await sharp(image).metadata().catch(() => null);
    const width = size?.width ?? Math.max(0, ...words.map((w) => w.x + w.w));
    const height = size?.height ?? Math.max(0, ...words.map((w) => w.y + w.h));
    return { text: lines.join('\n').replace(/\n{3,}/g, '\n\n').trim(), words, meanConfidence, width, height };
  }

  /** tesseract.js has no orientation model packaged: orientation falls back to trying rotations. */
  async detectOrientation(): Promise<null> {
    return null;
  }

  async close(): Promise<void> {
    for (const worker of this.workers.values()) await (await worker).terminate();
    this.workers.clear();
  }
}
