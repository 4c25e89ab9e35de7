import type { Metadata } from '../../domain/document.js';
import type { ExtractionResult } from '../../domain/extraction.js';
import { runTool } from '../run-tool.js';
import { cleanPdfText, needsOcr } from './clean-pdf-text.js';

const INFO_FIELDS: Record<string, string> = {
  Title: 'title',
  Subject: 'subject',
  Keywords: 'keywords',
  Author: 'author',
  Creator: 'creator',
  Producer: 'producer',
  CreationDate: 'created',
  ModDate: 'modified',
  Pages: 'pages',
  Encrypted: 'encrypted',
  'PDF version': 'pdfVersion',
  Tagged: 'tagged',
  'Page size': 'pageSize',
};

/** Parse `pdfinfo -isodates` output into metadata. */
export function parsePdfInfo(output: string): Metadata {
  const metadata: Metadata = {};
  for (const line of output.split('\n')) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (!match) continue;
    const key = INFO_FIELDS[match[1]!.trim()];
    const value = match[2]!.trim();
    if (!key || value === '') continue;
    metadata[key] = key === 'pages' ? Number(value) : value;
  }
  return metadata;
}

function classifyFailure(stderr: string): { reason: 'encrypted' | 'corrupt'; message: string } {
  if (/incorrect password|password/i.test(stderr)) return { reason: 'encrypted', message: 'the PDF needs a password to open' };
  const first = stderr.split('\n').find((l) => l.trim() !== '') ?? 'no detail';
  return { reason: 'corrupt', message: `the PDF could not be read: ${first.trim()}` };
}

/** Extract a PDF's text layer page by page with poppler's pdftotext, and its info with pdfinfo. */
export async function extractPdfWithPoppler(file: string, timeoutMs: number): Promise<ExtractionResult> {
  const mime = 'application/pdf';
  const info = await runTool('pdfinfo', ['-isodates', '-enc', 'UTF-8', file], timeoutMs);
  if (info.timedOut) return { ok: false, mime, reason: 'timeout', message: 'pdfinfo ran past the time limit' };
  const metadata = info.code === 0 ? parsePdfInfo(info.stdout.toString('utf8')) : {};
  if (info.code !== 0 && /password/i.test(info.stderr)) return { ok: false, mime, ...classifyFailure(info.stderr) };

  const text = await runTool('pdftotext', ['-enc', 'UTF-8', file, '-'], timeoutMs);
  if (text.timedOut) return { ok: false, mime, reason: 'timeout', message: 'pdftotext ran past the time limit', metadata };
  if (text.code !== 0) return { ok: false, mime, ...classifyFailure(text.stderr || info.stderr), metadata };

  // pdftotext ends every page with a form feed.
  const raw = text.stdout.toString('utf8').split('\f');
  if (raw.length > 1 && raw[raw.length - 1] === '') raw.pop();
  const pages = raw.map((pageText, i) => ({ page: i + 1, text: cleanPdfText(pageText).trim() }));
  if (pages.length === 0) return { ok: false, mime, reason: 'corrupt', message: 'the PDF has no pages', metadata };
  if (info.code !== 0) metadata.warning = `pdfinfo: ${info.stderr.split('\n')[0] ?? ''}`.trim();
  const title = typeof metadata.title === 'string' ? metadata.title : null;
  return {
    ok: true,
    extraction: { mime, title, pages, metadata, children: [], needsOcr: pages.some((p) => needsOcr(p.text)) },
  };
}
