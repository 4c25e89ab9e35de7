import type { Page } from '../../domain/document.js';
import type { ExtractionResult } from '../../domain/extraction.js';
import { needsOcr } from '../pdf/clean-pdf-text.js';
import { hasTool, runTool } from '../run-tool.js';

const MIME = 'image/vnd.djvu';

/**
 * A DjVu document through DjVuLibre: the hidden text layer of each page (djvutxt), one page per
 * page; pages without one are marked for OCR, which renders them with ddjvu.
 */
export async function extractDjvu(file: string, timeoutMs: number): Promise<ExtractionResult> {
  if (!(await hasTool('djvutxt')) || !(await hasTool('djvused'))) {
    return { ok: false, mime: MIME, reason: 'unsupported', message: 'DjVu files need DjVuLibre: install djvulibre-bin to read this (Debian: apt-get install djvulibre-bin)' };
  }
  const count = await runTool('djvused', [file, '-e', 'n'], timeoutMs);
  if (count.timedOut) return { ok: false, mime: MIME, reason: 'timeout', message: 'djvused ran past the time limit' };
  const pageCount = Number(count.stdout.toString('utf8').trim());
  if (count.code !== 0 || !Number.isInteger(pageCount) || pageCount < 1) {
    return { ok: false, mime: MIME, reason: 'corrupt', message: `the DjVu file could not be read: ${count.stderr.trim().split('\n')[0] ?? `exit ${count.code}`}` };
  }
  const text = await runTool('djvutxt', [file], timeoutMs);
  if (text.timedOut) return { ok: false, mime: MIME, reason: 'timeout', message: 'djvutxt ran past the time limit' };
  // djvutxt ends every page with a form feed.
  const parts = text.code === 0 ? text.stdout.toString('utf8').split('\f') : [];
  const pages: Page[] = Array.from({ length: pageCount }, (_, i) => ({ page: i + 1, text: (parts[i] ?? '').trim() }));
  return { ok: true, extraction: { mime: MIME, title: null, pages, metadata: { pages: pageCount }, children: [], needsOcr: pages.some((p) => needsOcr(p.text)) } };
}
