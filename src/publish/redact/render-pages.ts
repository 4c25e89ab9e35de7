import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { DerivativePage } from '../../domain/redaction.js';
import type { RedactBlobs } from './ports.js';
import { runProgram } from './run-program.js';

/**
 * Page images, thumbnails and texts of a derivative, rendered from the derivative itself (poppler,
 * 100 dpi) and stored as new blobs: nothing of the original's page images can be served for it.
 */
export async function renderDerivativePages(file: string, blobs: RedactBlobs): Promise<DerivativePage[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-derivative-'));
  try {
    await runProgram('pdftoppm', ['-r', '100', '-png', file, path.join(dir, 'p')]);
    const text = (await runProgram('pdftotext', ['-enc', 'UTF-8', '-layout', file, '-'])).toString('utf8').split('\f');
    const images = fs.readdirSync(dir).filter((f) => f.endsWith('.png')).sort((a, b) => Number(a.replace(/\D/g, '')) - Number(b.replace(/\D/g, '')));
    const pages: DerivativePage[] = [];
    for (const [i, name] of images.entries()) {
      const png = fs.readFileSync(path.join(dir, name));
      const meta = await sharp(png).metadata();
      const thumbnail = await sharp(png).resize({ width: 200 }).png().toBuffer();
      pages.push({
        page: i + 1,
        text: text[i] ?? '',
        image: (await blobs.putBuffer(png)).sha256,
        thumbnail: (await blobs.putBuffer(thumbnail)).sha256,
        width: meta.width ?? 0,
        height: meta.height ?? 0,
      });
    }
    return pages;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
