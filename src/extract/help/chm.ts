import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '../../domain/document.js';
import type { ExtractionResult } from '../../domain/extraction.js';
import { extractHtml } from '../html/html.js';
import { hasTool, runTool } from '../run-tool.js';

const MIME = 'application/vnd.ms-htmlhelp';
const MAX_TOPICS = 20_000;

function* htmlFiles(root: string, relative = ''): Generator<string> {
  const entries = fs.readdirSync(path.join(root, relative), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  for (const entry of entries) {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) yield* htmlFiles(root, child);
    else if (entry.isFile() && /\.html?$/i.test(entry.name)) yield child;
  }
}

/**
 * A compiled HTML Help file (.chm) through chmlib: every HTML topic one page, decoded by its own
 * charset (Chinese help files are often GBK). The member list is checked before extraction, since
 * extract_chmLib joins names to its folder as they are.
 */
export async function extractChm(file: string, timeoutMs: number): Promise<ExtractionResult> {
  if (!(await hasTool('extract_chmLib')) || !(await hasTool('enum_chmLib'))) {
    return { ok: false, mime: MIME, reason: 'unsupported', message: 'CHM help files need chmlib: install libchm-bin to read this (Debian: apt-get install libchm-bin)' };
  }
  const list = await runTool('enum_chmLib', [file], timeoutMs);
  if (list.code !== 0 || list.timedOut) return { ok: false, mime: MIME, reason: list.timedOut ? 'timeout' : 'corrupt', message: `the help file could not be listed: ${list.stderr.trim().split('\n')[0] ?? ''}` };
  // enum_chmLib prints `space start length type\t\tname`; a name may hold spaces, so it is all after the two tabs.
  const names = list.stdout.toString('utf8').split('\n').filter((l) => l.includes('\t\t')).map((l) => l.slice(l.indexOf('\t\t') + 2));
  if (names.some((n) => n.split('/').includes('..'))) return { ok: false, mime: MIME, reason: 'unsafe_member', message: 'a topic name in the help file tries to leave its folder' };
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-chm-'));
  try {
    const run = await runTool('extract_chmLib', [file, folder], timeoutMs);
    if (run.timedOut) return { ok: false, mime: MIME, reason: 'timeout', message: 'extract_chmLib ran past the time limit' };
    const pages: Page[] = [];
    let title: string | null = null;
    for (const relative of htmlFiles(folder)) {
      if (pages.length >= MAX_TOPICS) break;
      const result = extractHtml(fs.readFileSync(path.join(folder, relative)));
      if (!result.ok) continue;
      const text = result.extraction.pages.map((p) => p.text).join('\n').trim();
      title ??= result.extraction.title;
      pages.push({ page: pages.length + 1, text });
    }
    if (pages.length === 0) return { ok: false, mime: MIME, reason: 'corrupt', message: 'the help file holds no readable topics' };
    return { ok: true, extraction: { mime: MIME, title, pages, metadata: { topics: pages.length }, children: [], needsOcr: false } };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
