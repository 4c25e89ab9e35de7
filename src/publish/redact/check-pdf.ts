import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { BurnedBox, Leak, RedactionCheck } from '../../domain/redaction.js';
import { foldForMatch } from './fold-match.js';
import { loadMupdf } from './mupdf-module.js';
import { runProgram } from './run-program.js';

/** A string the check looks for: on one page, or (page null) anywhere in the file. */
export interface SearchedString {
  page: number | null;
  text: string;
}

const INFO_KEYS = ['Title', 'Subject', 'Keywords', 'Author', 'Creator', 'Producer', 'CreationDate', 'ModDate'];

/** Byte offsets just past each `%%EOF` that ends a revision (after a startxref). */
function revisionEnds(bytes: Buffer): number[] {
  const text = bytes.toString('latin1');
  const ends: number[] = [];
  const re = /startxref\s+\d+\s+%%EOF[ \t]*\r?\n?/g;
  for (let m = re.exec(text); m; m = re.exec(text)) ends.push(m.index + m[0].length);
  return ends;
}

/** poppler's text of a PDF, one string per page. */
async function popplerPages(file: string): Promise<string[]> {
  const out = (await runProgram('pdftotext', ['-enc', 'UTF-8', file, '-'])).toString('utf8');
  const pages = out.split('\f');
  if (pages.length > 1 && pages[pages.length - 1]!.trim() === '') pages.pop();
  return pages;
}

function searchPages(pages: string[], strings: SearchedString[], leaks: Leak[]): void {
  const folded = pages.map((p) => foldForMatch(p));
  for (const s of strings) {
    const needle = foldForMatch(s.text);
    if (!needle) continue;
    folded.forEach((text, i) => {
      if ((s.page === null || s.page === i + 1) && text.includes(needle)) leaks.push({ page: i + 1, text: s.text });
    });
  }
}

/** The document-level things that must not survive: Info keys, XMP, forms, JavaScript, attachments, annotations. */
async function leftovers(file: string, strings: SearchedString[], leaks: Leak[]): Promise<string[]> {
  const found: string[] = [];
  const info = (await runProgram('pdfinfo', ['-enc', 'UTF-8', file])).toString('utf8');
  const field = (name: string) => info.match(new RegExp(`^${name}:\\s*(.*)$`, 'm'))?.[1]?.trim() ?? '';
  for (const key of INFO_KEYS) {
    const value = field(key);
    if (!value) continue;
    found.push(key);
    for (const s of strings) if (foldForMatch(value).includes(foldForMatch(s.text))) leaks.push({ page: 0, text: `${s.text} (in ${key})` });
  }
  if (field('Custom Metadata') === 'yes') found.push('custom metadata');
  if (field('Metadata Stream') === 'yes') found.push('XMP metadata');
  if (field('Form') && field('Form') !== 'none') found.push(`form (${field('Form')})`);
  if (field('JavaScript') === 'yes') found.push('JavaScript');
  const attachments = (await runProgram('pdfdetach', ['-list', file])).toString('utf8');
  const count = Number(attachments.match(/^(\d+) embedded files?/m)?.[1] ?? 0);
  if (count > 0) found.push(`${count} attachment${count === 1 ? '' : 's'}`);
  // poppler has no command that lists annotations: MuPDF reads the pages' /Annots and the catalog's actions.
  const mu = await loadMupdf();
  const doc = new mu.PDFDocument(fs.readFileSync(file));
  try {
    let annotations = 0;
    for (let i = 0; i < doc.countPages(); i++) {
      const annots = doc.findPage(i).get('Annots');
      if (annots.isArray()) annotations += annots.length;
    }
    if (annotations > 0) found.push(`${annotations} annotation${annotations === 1 ? '' : 's'}`);
    const root = doc.getTrailer().get('Root');
    if (!root.get('OpenAction').isNull()) found.push('OpenAction');
    const names = root.get('Names');
    if (names.isDictionary() && !names.get('JavaScript').isNull() && !found.includes('JavaScript')) found.push('JavaScript');
  } finally {
    doc.destroy();
  }
  return found;
}

/** Boxes whose rendering is not solid dark (poppler at 72 dpi, so a pixel is a point; edges anti-aliased, so 1 px in). */
async function transparentBoxes(file: string, boxes: BurnedBox[], dir: string): Promise<BurnedBox[]> {
  const bad: BurnedBox[] = [];
  for (const page of [...new Set(boxes.map((b) => b.page))]) {
    const prefix = path.join(dir, `p${page}`);
    await runProgram('pdftoppm', ['-r', '72', '-gray', '-f', String(page), '-l', String(page), '-singlefile', '-png', file, prefix]);
    const { data, info } = await sharp(`${prefix}.png`).greyscale().raw().toBuffer({ resolveWithObject: true });
    for (const box of boxes.filter((b) => b.page === page)) {
      const inset = box.w > 3 && box.h > 3 ? 1 : 0;
      const x0 = Math.max(0, Math.ceil(box.x) + inset);
      const y0 = Math.max(0, Math.ceil(box.y) + inset);
      const x1 = Math.min(info.width, Math.floor(box.x + box.w) - inset);
      const y1 = Math.min(info.height, Math.floor(box.y + box.h) - inset);
      let light = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (data[y * info.width + x]! > 64) light++;
      if (light > 0) bad.push(box);
    }
  }
  return bad;
}

/**
 * The check: is anything redacted still in this PDF? poppler (not MuPDF, which wrote it) extracts
 * the text of the file and of every earlier revision; each redacted string is searched in the
 * normalised form (NFKC, traditional → simplified, case, whitespace and zero-width removed).
 * Then: one revision, no metadata or attachments or annotations, every box rendered opaque.
 */
export async function checkPdf(file: string, strings: SearchedString[], boxes: BurnedBox[]): Promise<RedactionCheck> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-check-'));
  try {
    const bytes = fs.readFileSync(file);
    const ends = revisionEnds(bytes);
    const revisions = Math.max(1, (bytes.toString('latin1').match(/startxref/g) ?? []).length);
    const leaks: Leak[] = [];
    searchPages(await popplerPages(file), strings, leaks);
    // An incremental update keeps the earlier revisions in the file: read each one as poppler would.
    for (const end of ends.slice(0, -1)) {
      const earlier = path.join(dir, `revision-${end}.pdf`);
      fs.writeFileSync(earlier, bytes.subarray(0, end));
      const before = leaks.length;
      searchPages(await popplerPages(earlier).catch(() => []), strings, leaks);
      for (const leak of leaks.slice(before)) leak.text = `${leak.text} (in an earlier revision)`;
    }
    const metadata = await leftovers(file, strings, leaks);
    const transparent = await transparentBoxes(file, boxes, dir);
    for (const box of transparent) leaks.push({ page: box.page, text: `box at ${Math.round(box.x)},${Math.round(box.y)} is not opaque` });
    return {
      ok: leaks.length === 0 && revisions === 1 && metadata.length === 0,
      leaks,
      revisions,
      metadata,
      transparentBoxes: transparent.map(({ page, x, y, w, h }) => ({ page, x, y, w, h })),
      checkedAt: new Date().toISOString(),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
