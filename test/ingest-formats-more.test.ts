/**
 * The formats a leak is made of beyond Office XML and PDF (issue 15): legacy Excel and PowerPoint,
 * .xlsb, 7z and RAR archives with their limits, Outlook PST, EPUB, DjVu, dBase; one-message mbox
 * files; every path of a document. Real files: test/fixtures/formats/ (scripts/make-format-fixtures.sh,
 * provenance in its README) and the ICIJ extraction suite's PST.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ICIJ_DOCUMENTS, ingest, ls, makeTempDir, makeWorkspace, removeDir, showMany, type LsRow, type ShowView } from './support/cli.js';

const rel = (p: string) => `test/fixtures/formats/${p}`;
const PST = path.join(ICIJ_DOCUMENTS, 'pst', 'testPST.pst');

let workspace: string;
let copies: string;
let rows: (LsRow & { paths?: string[] })[];
let views: Map<number, ShowView>;
const row = (p: string): LsRow & { paths?: string[] } => {
  const found = rows.find((r) => r.path === p || r.path === rel(p));
  if (!found) throw new Error(`no document at ${p}; have ${rows.map((r) => r.path).join(', ')}`);
  return found;
};
const view = (p: string): ShowView => views.get(row(p).id)!;
const childrenOf = (p: string) => rows.filter((r) => r.parent === row(p).id);

beforeAll(async () => {
  workspace = makeWorkspace('formats-more');
  // The same workbook at a second path: one document that lists both.
  copies = makeTempDir('dossier-copies-');
  fs.copyFileSync(path.resolve('test/fixtures/formats/sheets.xls'), path.join(copies, 'copy-of-sheets.xls'));
  await ingest(workspace, ['test/fixtures/formats', PST, copies], { collection: 'formats', ocr: false });
  rows = await ls(workspace);
  // `show` costs a process start: only the documents whose text or metadata the tests read.
  const read = /\.(xls|xlsb|dbf|ppt|epub|djvu|mbox)$|报告\.txt$|inner\.txt$|evil\.txt$|long\.txt$|testPST\.pst!\/[^!]+\.eml$/;
  views = await showMany(workspace, rows.filter((r) => r.status === 'ok' && read.test(r.path)).map((r) => r.id));
}, 600_000);

afterAll(() => {
  removeDir(workspace);
  removeDir(copies);
});

describe('legacy Excel and Excel binary workbooks', () => {
  for (const file of ['sheets.xls', 'sheets.xlsb']) {
    it(`${file}: a page per sheet, formulas by value, the hidden sheet named`, () => {
      const doc = view(file);
      expect(doc.status).toBe('ok');
      expect(doc.pages).toHaveLength(3);
      expect(doc.pages[0]!.text).toContain('marker-xls-sheet-one');
      expect(doc.pages[0]!.text).toContain('马建华');
      expect(doc.pages[1]!.text).toContain('marker-xls-sheet-two');
      expect(doc.pages[1]!.text).toContain('1234'); // =B1+C1
      expect(doc.pages[2]!.text).toContain('marker-xls-hidden-sheet');
      expect(doc.metadata.sheets).toEqual(['名单', 'Totals', 'Secret']);
      expect(doc.metadata.hiddenSheets).toEqual(['Secret']);
    });
  }
  it('a dBase table: its rows in their code page (GBK)', () => {
    const doc = view('table.dbf');
    expect(doc.mime).toBe('application/x-dbf');
    expect(doc.text).toContain('marker-dbf-row');
    expect(doc.text).toContain('红柳泉县');
  });
});

describe('legacy PowerPoint', () => {
  it('a page per slide, the notes on their slide', () => {
    const doc = view('slides.ppt');
    expect(doc.mime).toBe('application/vnd.ms-powerpoint');
    expect(doc.pages).toHaveLength(2);
    expect(doc.pages[0]!.text).toContain('marker-ppt-slide-one 第一张 新疆');
    expect(doc.pages[0]!.text).toContain('marker-ppt-notes-one');
    expect(doc.pages[1]!.text).toContain('marker-ppt-slide-two 第二张 习近平');
    expect(doc.pages[1]!.text).not.toContain('marker-ppt-notes-one');
    expect(doc.metadata).toMatchObject({ slides: 2, slidesWithNotes: 1 });
  });
});

describe('7z archives', () => {
  it('members in folders with Chinese names, a nested 7z opened in turn', () => {
    const children = childrenOf('sample.7z');
    expect(children.map((c) => c.path.split('!/').slice(1).join('!/')).sort()).toEqual(['docs/a.txt', 'docs/中文/报告.txt', 'inner.7z']);
    expect(view('sample.7z!/docs/中文/报告.txt').text).toContain('marker-7z-chinese 新疆维吾尔自治区');
    const inner = childrenOf('sample.7z!/inner.7z');
    expect(inner).toHaveLength(1);
    expect(view(inner[0]!.path).text).toContain('marker-7z-nested');
  });
  it('encrypted members, or an encrypted list of members, make the archive encrypted', () => {
    expect(row('encrypted-files.7z')).toMatchObject({ status: 'failed', reason: 'encrypted' });
    expect(childrenOf('encrypted-files.7z').map((c) => c.reason)).toEqual(['encrypted']);
    expect(row('encrypted-headers.7z')).toMatchObject({ status: 'failed', reason: 'encrypted' });
  });
  it('a bomb is refused from its listing, before a byte is unpacked', () => {
    const [member] = childrenOf('bomb.7z');
    expect(member).toMatchObject({ status: 'failed', reason: 'archive_bomb', sha256: null });
  });
  it('names that try to leave the archive are made safe', () => {
    const names = childrenOf('traversal.7z').map((c) => c.path.split('!/')[1]);
    expect(names).toHaveLength(2);
    expect(names.every((n) => n && !n.includes('..') && !n.startsWith('/'))).toBe(true);
    expect(names.some((n) => n?.endsWith('trav/b/absolute.txt'))).toBe(true);
    expect(view('traversal.7z!/a/evil.txt').text).toContain('marker-7z-traversal');
  });
});

describe('RAR archives', () => {
  it('RAR 4 and RAR 5, folders and non-Latin names', () => {
    expect(childrenOf('rar4-folders.rar').map((c) => c.path.split('!/')[1]).sort()).toEqual(['Folder1/Folder Space/long.txt', 'Folder1/Folder 中文/2中文.txt']);
    expect(view('rar4-folders.rar!/Folder1/Folder Space/long.txt').size).toBe(1049076);
    expect(childrenOf('rar5-subdirs.rar').map((c) => c.path.split('!/')[1]).sort()).toEqual(['sub/dir1/file1.txt', 'sub/dir2/file2.txt', 'sub/with space/long fn.txt', 'sub/üȵĩöḋè/file.txt']);
    // The solid archive's two members hold the same bytes: one document seen at both paths.
    const [solid] = childrenOf('rar3-solid.rar');
    expect(solid).toMatchObject({ status: 'ok', size: 2048 });
    expect(solid!.paths?.map((p) => p.split('!/')[1])).toEqual(['stest1.txt', 'stest2.txt']);
  });
  it('encrypted files and encrypted headers are encrypted', () => {
    expect(row('rar5-psw.rar')).toMatchObject({ status: 'failed', reason: 'encrypted' });
    expect(childrenOf('rar5-psw.rar').map((c) => c.reason)).toEqual(['encrypted', 'encrypted']);
    expect(row('rar5-hpsw.rar')).toMatchObject({ status: 'failed', reason: 'encrypted' });
  });
  it('a symbolic link to the parent folder is not followed; the file behind it stays inside', () => {
    const children = childrenOf('rar5-evil-symlink-traversal.rar');
    expect(children.find((c) => c.path.endsWith('!/up'))).toMatchObject({ status: 'failed', reason: 'unsafe_member' });
    expect(children.find((c) => c.path.endsWith('!/up/pwned.txt'))).toMatchObject({ status: 'ok' });
  });
});

describe('Outlook PST (the ICIJ suite)', () => {
  it('every message a child e-mail under its folder, with headers and body', () => {
    const pst = rows.find((r) => r.path.endsWith('testPST.pst'))!;
    expect(pst.status).toBe('ok');
    const messages = rows.filter((r) => r.parent === pst.id);
    expect(messages.length).toBeGreaterThanOrEqual(7);
    expect(messages.every((m) => /testPST\.pst!\/[^/]+\/\d+\.eml$/.test(m.path) && m.mime === 'message/rfc822')).toBe(true);
    const withSubject = messages.map((m) => views.get(m.id)!).filter((v) => typeof v.metadata.subject === 'string' && v.text.trim() !== '');
    expect(withSubject.length).toBe(messages.length);
  });
});

describe('books, scans and mail', () => {
  it('EPUB: a page per chapter, in reading order', () => {
    const doc = view('book.epub');
    expect(doc.title).toBe('Book fixture 书');
    expect(doc.pages.map((p) => p.text.includes('marker-epub-chapter-one'))).toEqual([true, false]);
    expect(doc.pages[1]!.text).toContain('marker-epub-chapter-two');
  });
  it('DjVu: the text layer of the page', () => {
    expect(view('page.djvu')).toMatchObject({ mime: 'image/vnd.djvu', needsOcr: false });
    expect(view('page.djvu').text).toContain('marker-djvu-text-layer 新疆');
  });
  it('a file holding one mbox message is that e-mail, not a mailbox with one child', () => {
    const doc = view('single-message.mbox');
    expect(doc.mime).toBe('message/rfc822');
    expect(doc.metadata.subject).toBe('single mbox message');
    expect(doc.text).toContain('marker-single-mbox-message');
    expect(childrenOf('single-message.mbox')).toEqual([]);
  });
  it('an encrypted OpenDocument file is encrypted, not corrupt', () => {
    expect(row('encrypted.odt')).toMatchObject({ status: 'failed', reason: 'encrypted' });
  });
});

describe('ls --json', () => {
  it('lists every path a document was seen at', () => {
    const doc = row('sheets.xls');
    expect(doc.paths).toEqual([rel('sheets.xls'), path.join(copies, 'copy-of-sheets.xls')]);
  });
});
