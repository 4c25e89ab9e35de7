/**
 * The ICIJ extract test documents (../shared/corpus/extraction/icij-extract/documents): a mixed bag
 * of real-world formats, hidden and empty files, an encrypted PDF, an Outlook mailbox. Every file
 * must be accounted for, nothing left pending, every failure explained with a stable reason.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILURE_REASONS, ICIJ_DOCUMENTS, ls, makeWorkspace, removeDir, runCli, show, walkFiles, type IngestSummary, type LsRow } from './support/cli.js';
import { allPaths } from './support/workspace-db.js';

const corpusPresent = fs.existsSync(ICIJ_DOCUMENTS);
let workspace: string;
let exitCode: number | null;
let summary: IngestSummary;
let rows: LsRow[];

describe.skipIf(!corpusPresent)('ICIJ extract corpus', () => {
  beforeAll(async () => {
    workspace = makeWorkspace('icij');
    const result = await runCli(['ingest', ICIJ_DOCUMENTS, '--workspace', workspace, '--json', '--quiet']);
    exitCode = result.code;
    if (result.code !== 0) throw new Error(`ingest failed (${result.code}): ${result.stderr.slice(-3000)}`);
    summary = JSON.parse(result.stdout.trim().split('\n').pop()!) as IngestSummary;
    rows = await ls(workspace);
  }, 180_000);

  afterAll(() => removeDir(workspace));

  it('exits 0', () => {
    expect(exitCode).toBe(0);
  });

  it('accounts for every file on disk, hidden and empty ones included, as a top-level path', () => {
    const files = walkFiles(ICIJ_DOCUMENTS);
    expect(summary.files).toBe(files.length);
    // The same content at two paths is one document that lists both paths.
    const paths = allPaths(workspace).filter((p) => p.topLevel);
    expect(paths.length).toBe(files.length);
    expect(new Set(paths.map((p) => p.path))).toEqual(new Set(files));
    const topLevelDocs = rows.filter((r) => r.parent === null);
    expect(topLevelDocs.length).toBeLessThanOrEqual(files.length);
    expect(new Set(paths.map((p) => p.sha256 ?? p.path)).size).toBe(topLevelDocs.length);
  });

  it('lists both paths of a file whose content appears twice (show --json paths)', async () => {
    const paths = allPaths(workspace).filter((p) => p.topLevel);
    const shared = paths.filter((p) => p.sha256 !== null && paths.filter((q) => q.sha256 === p.sha256).length > 1);
    expect(shared.length).toBeGreaterThan(0);
    const doc = rows.find((r) => r.sha256 === shared[0]!.sha256)!;
    const view = await show(workspace, doc.id);
    expect(view.paths.sort()).toEqual(shared.filter((p) => p.sha256 === doc.sha256).map((p) => p.path).sort());
  });

  it('leaves no document pending', () => {
    expect(summary.pending).toBe(0);
    expect(rows.filter((r) => r.status === 'pending').map((r) => r.path)).toEqual([]);
  });

  it('gives every failed document a reason from the stable list and a message', () => {
    const failed = rows.filter((r) => r.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const r of failed) {
      expect(FAILURE_REASONS as readonly string[], r.path).toContain(r.reason);
      expect(r.message, r.path).toBeTruthy();
    }
  });

  it('recognises the known failures: the encrypted PDF, the empty hidden file, random bytes', () => {
    const at = (name: string) => rows.find((r) => r.path === `${ICIJ_DOCUMENTS}/${name}`);
    expect(at('pdf/encrypted.pdf')).toMatchObject({ mime: 'application/pdf', status: 'failed', reason: 'encrypted' });
    expect(at('.hidden')).toMatchObject({ status: 'failed', reason: 'empty' });
    expect(at('garbage.bin')).toMatchObject({ status: 'failed', reason: 'unsupported' });
  });

  it('types the common formats by content', () => {
    const mime = (name: string) => rows.find((r) => r.path === `${ICIJ_DOCUMENTS}/${name}`)?.mime;
    expect(mime('text/plain.txt')).toBe('text/plain');
    expect(mime('text/utf16.txt')).toBe('text/plain');
    expect(mime('text/doc.rtf')).toBe('application/rtf');
    expect(mime('embedded_file_bug.eml')).toBe('message/rfc822');
    expect(mime('image_attachment.eml')).toBe('message/rfc822');
    expect(mime('embedded_with_duplicate.tgz')).toBe('application/gzip');
    expect(mime('recursive_embedded.docx')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(mime('ocr/test.png')).toBe('image/png');
    expect(mime('ocr/test.jpg')).toBe('image/jpeg');
    expect(mime('ocr/simple.tiff')).toBe('image/tiff');
    expect(mime('ocr/test.gif')).toBe('image/gif');
    expect(mime('ocr/test.bmp')).toBe('image/bmp');
  });

  it('unpacks the nested gzipped tars and the e-mail attachments into child documents', () => {
    const children = (name: string) => rows.filter((r) => r.path.startsWith(`${ICIJ_DOCUMENTS}/${name}!/`)).map((r) => r.path.slice(`${ICIJ_DOCUMENTS}/${name}!/`.length));
    expect(children('embedded_with_duplicate.tgz')).toEqual(expect.arrayContaining(['level1/file.txt', 'level1/level2.tgz', 'level1/level2.tgz!/level2/file.txt']));
    expect(children('image_attachment.eml')).toEqual(['test_image.png']);
  });

  it('does not read image bytes as text (a PPM picture is an image, not text)', () => {
    const ppm = rows.find((r) => r.path === `${ICIJ_DOCUMENTS}/ocr/test.ppm`);
    expect(ppm?.mime).toMatch(/^image\//);
  });
});
