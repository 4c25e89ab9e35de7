import fs from 'node:fs';
import type { ExtractionResult } from '../../domain/extraction.js';
import { decodeText } from '../text/decode-text.js';
import { hasTool, runTool } from '../run-tool.js';
import { extractWithLibreOffice } from './libreoffice.js';

/**
 * The converters of libwpd and libwps (the libraries LibreOffice itself reads these formats with),
 * packaged on their own in Debian: a few hundred kilobytes and a fraction of a second per file,
 * where LibreOffice is hundreds of megabytes and a process start of seconds.
 */
const CONVERTERS: Record<string, { tool: string; pkg: string }> = {
  'application/vnd.wordperfect': { tool: 'wpd2text', pkg: 'libwpd-tools' },
  'application/vnd.ms-works': { tool: 'wps2text', pkg: 'libwps-tools' },
};

const HWP_V5 = Buffer.from('d0cf11e0a1b11ae1', 'hex');

function startsWith(file: string, magic: Buffer): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(magic.length);
    return fs.readSync(fd, head, 0, head.length, 0) === head.length && head.equals(magic);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Word processors no JavaScript library reads: WordPerfect and Works through libwpd/libwps's own
 * converters when installed, else LibreOffice headless; Hangul HWP 97 through LibreOffice only.
 * A missing program gives `unsupported` naming the package to install.
 */
export async function extractLegacyWordProcessor(file: string, mime: string, timeoutMs: number): Promise<ExtractionResult> {
  if (mime === 'application/x-hwp' && startsWith(file, HWP_V5)) {
    // LibreOffice's hwpfilter reads HWP 97 (3.0) only; HWP 5 is an OLE file nothing in Debian or npm maintains a reader for.
    return { ok: false, mime, reason: 'unsupported', message: 'Hangul HWP 5 documents are not read: LibreOffice reads only HWP 97 (3.0) files, and no maintained reader of HWP 5 exists for Node or Debian' };
  }
  const converter = CONVERTERS[mime];
  if (converter && (await hasTool(converter.tool))) {
    const run = await runTool(converter.tool, [file], timeoutMs);
    if (run.timedOut) return { ok: false, mime, reason: 'timeout', message: `${converter.tool} ran past the time limit` };
    if (run.code !== 0) {
      const why = run.stderr.trim().split('\n')[0] || `exit ${run.code}`;
      if (/password|encrypt/i.test(why)) return { ok: false, mime, reason: 'encrypted', message: 'the document is password-protected' };
      return { ok: false, mime, reason: 'corrupt', message: `${converter.tool} could not read the document: ${why}` };
    }
    const text = decodeText(run.stdout, 'utf-8').text;
    return { ok: true, extraction: { mime, title: null, pages: [{ page: 1, text }], metadata: { convertedBy: converter.tool }, children: [], needsOcr: false } };
  }
  if (!(await hasTool('soffice'))) {
    const install = converter ? `${converter.pkg} (or LibreOffice: libreoffice-writer-nogui)` : 'libreoffice-writer-nogui';
    return { ok: false, mime, reason: 'unsupported', message: `this word processor format needs ${converter ? `${converter.tool} or ` : ''}LibreOffice: install ${install} to read this (Debian: apt-get install ${converter?.pkg ?? 'libreoffice-writer-nogui'})` };
  }
  return extractWithLibreOffice(file, mime, timeoutMs);
}
