/**
 * Formats of issue 15 that had no real file to test on: an Access database, a CHM help file, a Visio
 * drawing, a WordPerfect document (through libwpd's converter, LibreOffice, or neither), a PDF poppler
 * rejects and pdf.js reads, one only MuPDF's repair reads, and the headers of an HWP 5 document and
 * a OneNote section; real Access 2007 and Works files from jackcess's and libwps's test data.
 * Files: test/fixtures/legacy/ (made or fetched by scripts/make-legacy-fixtures.sh; provenance in
 * its README and in public/SOURCES.md).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, ls, makeTempDir, makeWorkspace, removeDir, showMany, type LsRow, type ShowView } from './support/cli.js';

const FOLDER = 'test/fixtures/legacy';
const onPath = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

let workspace: string;
let rows: LsRow[];
let views: Map<number, ShowView>;
const row = (file: string): LsRow => {
  const found = rows.find((r) => r.path === `${FOLDER}/${file}`);
  if (!found) throw new Error(`no document for ${file}; have ${rows.map((r) => r.path).join(', ')}`);
  return found;
};
const view = (file: string): ShowView => views.get(row(file).id)!;

/** A folder of links to every program on PATH but the ones named: a machine without them. */
function pathWithout(...tools: string[]): string {
  const dir = makeTempDir('dossier-path-');
  for (const from of (process.env.PATH ?? '').split(':').filter(Boolean)) {
    if (!fs.existsSync(from)) continue;
    for (const name of fs.readdirSync(from)) {
      if (tools.includes(name) || fs.existsSync(path.join(dir, name))) continue;
      fs.symlinkSync(path.join(from, name), path.join(dir, name));
    }
  }
  return dir;
}

/** Ingest one file alone with the given PATH; its one row. */
async function ingestAlone(file: string, PATH: string): Promise<{ row: LsRow; cleanup: () => void }> {
  const ws = makeWorkspace('legacy-alone');
  const dir = makeTempDir('dossier-alone-');
  fs.copyFileSync(path.join(FOLDER, file), path.join(dir, path.basename(file)));
  await ingest(ws, [dir], { ocr: false, env: { PATH } });
  const [only] = await ls(ws);
  return { row: only!, cleanup: () => [ws, dir].forEach(removeDir) };
}

beforeAll(async () => {
  workspace = makeWorkspace('formats-legacy');
  await ingest(workspace, [FOLDER], { ocr: false });
  rows = await ls(workspace);
  views = await showMany(workspace, rows.filter((r) => r.status === 'ok').map((r) => r.id));
}, 600_000);

afterAll(() => removeDir(workspace));

describe('Access database (mdbtools)', () => {
  it('a page per table: its name, the header, rows with Chinese text and ISO date-times', () => {
    const doc = view('users.mdb');
    expect(doc.mime).toBe('application/x-msaccess');
    expect(doc.metadata.tables).toEqual(['Users']);
    expect(doc.pages).toHaveLength(1);
    const lines = doc.pages[0]!.text.split('\n');
    expect(lines[0]).toBe('Users');
    expect(lines[1]).toBe('UserId\tUserName\tUserSex\tUserBirthday\tUserMarried');
    expect(lines).toContain('3\t张三\t男\t1986-12-18 00:00:00\t1');
  });
});

describe('Access 2007 database (.accdb, mdbtools): a real file from jackcess\'s test data', () => {
  it('a page per table, the header, rows with numbers and ISO date-times', () => {
    const doc = view('public/access-2007.accdb');
    expect(doc.mime).toBe('application/x-msaccess');
    expect(doc.metadata.tables).toEqual(['Table1', 'Table2', 'Table3', 'Table4']);
    expect(doc.pages).toHaveLength(4);
    const lines = doc.pages[0]!.text.split('\n');
    expect(lines[0]).toBe('Table1');
    expect(lines[1]).toBe('A\tB\tC\tD\tE\tF\tG\tH\tI');
    expect(lines).toContain('abcdefg\thijklmnop\t2\t222\t333333333\t444.555\t1974-09-21 00:00:00\t3.5000\t1');
  });
});

describe('Microsoft Works (.wps): a real file from libwps\'s test data', () => {
  it.skipIf(!onPath('wps2text'))('read by libwps (wps2text) when installed', () => {
    const doc = view('public/works-4.5.wps');
    expect(doc.mime).toBe('application/vnd.ms-works');
    expect(doc.metadata.convertedBy).toBe('wps2text');
    expect(doc.text).toContain('This document was created using Microsoft Works for Windows version 4.5');
    expect(doc.text).toContain('This line is Courier New (which is a TrueType font).');
  });
  it('with neither libwps nor LibreOffice: unsupported, saying what to install', async () => {
    const bin = pathWithout('wpd2text', 'wps2text', 'soffice', 'libreoffice');
    const { row: alone, cleanup } = await ingestAlone('public/works-4.5.wps', bin);
    try {
      expect(alone).toMatchObject({ status: 'failed', reason: 'unsupported', mime: 'application/vnd.ms-works' });
      expect(alone.message).toMatch(/install libwps-tools/);
    } finally {
      cleanup();
      removeDir(bin);
    }
  }, 120_000);
});

describe('CHM help file (chmlib)', () => {
  it('a page per HTML topic, each decoded by its own charset (UTF-8, GB2312)', () => {
    const doc = view('help.chm');
    expect(doc.mime).toBe('application/vnd.ms-htmlhelp');
    expect(doc.title).toBe('Help fixture 帮助');
    expect(doc.pages).toHaveLength(2);
    expect(doc.pages[0]!.text).toContain('marker-chm-topic-one 新疆维吾尔自治区');
    expect(doc.pages[1]!.text).toContain('marker-chm-topic-two 习近平 陈全国');
  });
});

describe('Visio drawing (.vsdx)', () => {
  it('is told from the legacy .vsd by content, a page per drawing page, title and author', () => {
    const doc = view('drawing.vsdx');
    expect(doc.mime).toBe('application/vnd.ms-visio.drawing');
    expect(doc.title).toBe('Visio fixture 组织图');
    expect(doc.metadata.author).toBe('Fixture Author 测试作者');
    expect(doc.pages).toHaveLength(2);
    expect(doc.pages[0]!.text).toContain('marker-vsdx-page-one 自治区党委');
    expect(doc.pages[0]!.text).toContain('陈全国 Party Secretary');
    expect(doc.pages[1]!.text).toContain('marker-vsdx-page-two 公安厅');
  });
});

describe('WordPerfect', () => {
  it.skipIf(!onPath('wpd2text'))('read by libwpd (wpd2text) when installed: paragraphs, WordPerfect extended characters', () => {
    const doc = view('letter.wpd');
    expect(doc.mime).toBe('application/vnd.wordperfect');
    expect(doc.metadata.convertedBy).toBe('wpd2text');
    expect(doc.text).toContain('marker-wpd-paragraph-one Ürümqi county');
    expect(doc.text).toContain('marker-wpd-paragraph-two');
  });
  it.skipIf(!onPath('soffice'))('read by LibreOffice headless when libwpd\'s converter is absent', async () => {
    const bin = pathWithout('wpd2text', 'wps2text');
    const { row: alone, cleanup } = await ingestAlone('letter.wpd', bin);
    try {
      expect(alone).toMatchObject({ status: 'ok', mime: 'application/vnd.wordperfect' });
    } finally {
      cleanup();
      removeDir(bin);
    }
  }, 240_000);
  it('with neither installed: unsupported, saying what to install', async () => {
    const bin = pathWithout('wpd2text', 'wps2text', 'soffice', 'libreoffice');
    const { row: alone, cleanup } = await ingestAlone('letter.wpd', bin);
    try {
      expect(alone).toMatchObject({ status: 'failed', reason: 'unsupported', mime: 'application/vnd.wordperfect' });
      expect(alone.message).toMatch(/install libwpd-tools/);
    } finally {
      cleanup();
      removeDir(bin);
    }
  }, 120_000);
});

describe('a PDF poppler rejects', () => {
  it('poppler really rejects it (no pages)', () => {
    const info = spawnSync('pdfinfo', [path.join(FOLDER, 'page-tree-no-count.pdf')], { encoding: 'utf8' });
    expect(info.stdout + info.stderr).not.toMatch(/^Pages:\s+[1-9]/m);
  });
  it('is read by pdf.js instead of ending corrupt, and says so', () => {
    const doc = view('page-tree-no-count.pdf');
    expect(doc.status).toBe('ok');
    expect(doc.metadata.pdfEngine).toBe('pdfjs');
    expect(doc.metadata.warning).toMatch(/poppler rejected the file/);
    expect(doc.pages).toHaveLength(2);
    expect(doc.pages[0]!.text).toContain('marker-pdf-fallback-one 第一页 新疆维吾尔自治区');
    expect(doc.pages[1]!.text).toContain('marker-pdf-fallback-two 第二页 陈全国');
  });
});

describe('a PDF poppler and pdf.js both reject', () => {
  it('is repaired by MuPDF, the last engine tried, and says so', () => {
    expect(spawnSync('pdfinfo', [path.join(FOLDER, 'lost-xref-stream.pdf')]).status).not.toBe(0);
    const doc = view('lost-xref-stream.pdf');
    expect(doc.status).toBe('ok');
    expect(doc.metadata.pdfEngine).toBe('mupdf');
    expect(doc.metadata.warning).toMatch(/poppler rejected the file .*; mupdf read it/);
    expect(doc.pages).toHaveLength(2);
    expect(doc.pages[0]!.text).toContain('marker-pdf-fallback-one 第一页 新疆维吾尔自治区');
    expect(doc.pages[1]!.text).toContain('marker-pdf-fallback-two 第二页 陈全国');
  });
});

describe('Hangul HWP 5', () => {
  it('is recognised by its streams and unsupported for a true reason, not sent to LibreOffice to fail as corrupt', () => {
    expect(row('hwp5-streams.hwp')).toMatchObject({ status: 'failed', reason: 'unsupported', mime: 'application/x-hwp' });
    expect(row('hwp5-streams.hwp').message).toMatch(/LibreOffice reads only HWP 97/);
  });
});

describe('OneNote', () => {
  it('is recognised and unsupported for a true reason, never called corrupt', () => {
    expect(row('section-header.one')).toMatchObject({ status: 'failed', reason: 'unsupported', mime: 'application/onenote' });
    expect(row('section-header.one').message).toMatch(/no maintained reader/);
  });
});
