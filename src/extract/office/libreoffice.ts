import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ExtractionResult } from '../../domain/extraction.js';
import { decodeText } from '../text/decode-text.js';
import { hasTool, runTool } from '../run-tool.js';

/**
 * Word processors no library reads (Microsoft Works, Hangul HWP 97, WordPerfect …) through
 * LibreOffice headless, when it is installed: converted to plain text in a private profile and
 * folder. Slow (a process start per file), so only for formats nothing else reads.
 */
export async function extractWithLibreOffice(file: string, mime: string, timeoutMs: number): Promise<ExtractionResult> {
  if (!(await hasTool('soffice'))) {
    return { ok: false, mime, reason: 'unsupported', message: 'this word processor format needs LibreOffice: install libreoffice-writer-nogui to read this (Debian: apt-get install libreoffice-writer-nogui)' };
  }
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-lo-'));
  try {
    const input = path.join(folder, 'document');
    fs.symlinkSync(file, input);
    const run = await runTool('soffice', [`-env:UserInstallation=file://${folder}/profile`, '--headless', '--norestore', '--convert-to', 'txt:Text (encoded):UTF8', '--outdir', folder, input], timeoutMs);
    if (run.timedOut) return { ok: false, mime, reason: 'timeout', message: 'LibreOffice ran past the time limit' };
    const out = path.join(folder, 'document.txt');
    if (!fs.existsSync(out)) return { ok: false, mime, reason: 'corrupt', message: `LibreOffice could not read the document${run.stderr.includes('Error') ? `: ${run.stderr.trim().split('\n').slice(-1)[0]}` : ''}` };
    const text = decodeText(fs.readFileSync(out), 'utf-8').text;
    return { ok: true, extraction: { mime, title: null, pages: [{ page: 1, text }], metadata: { convertedBy: 'LibreOffice' }, children: [], needsOcr: false } };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
