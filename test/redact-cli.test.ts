/**
 * Redaction end to end through the built CLI: marks by text (folded, every form of an entity), box
 * and page; review and removal; apply → a derivative checked by poppler; bad input. Then the
 * adversarial half: naive redactions (a black rectangle, an image over the text, a burned scan
 * whose OCR layer stays, a name in the metadata, an incremental save) that the check must catch.
 * Real: PDFs written by MuPDF, OCR by tesseract, text by poppler, SQLite, the blob store.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, ingest, ls, makeTempDir, removeDir, runCli, runCliOk, spawnCli } from './support/cli.js';
import { BLACK_BOX, incrementalBlackBox, writePdf } from './support/redact-pdfs.js';

let dir: string;
let workspace: string;
const ids: Record<string, number> = {};
const MEMO_LINES = ['会议由陈全国主持。Chen Quanguo spoke first.', '陳全國 later left; the witness was Wang Lihua.', 'Nothing else here.'];

interface Report {
  ok: boolean;
  leaks: Array<{ page: number; text: string }>;
  revisions: number;
  metadata: string[];
}
interface Applied {
  derivative: string;
  pages: number;
  check: Report;
  id: number;
  method: string;
}

const cli = (args: string[]) => runCli([...args, '--workspace', workspace], { timeoutMs: 120_000 });
const cliOk = (args: string[]) => runCliOk([...args, '--workspace', workspace], { timeoutMs: 120_000 });
const lastLine = <T>(out: string): T => JSON.parse(out.trim().split('\n').pop()!) as T;
const blob = (sha: string) => path.join(workspace, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha);
const pdftotext = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8');

beforeAll(async () => {
  dir = makeTempDir('dossier-redact-');
  workspace = path.join(dir, 'ws');
  const input = path.join(dir, 'in');
  fs.mkdirSync(input);
  fs.writeFileSync(path.join(input, 'memo.pdf'), writePdf([{ lines: MEMO_LINES }, { lines: ['Second page: 陈全国 again.', 'Page two ends.'] }], { author: '陈全国', title: 'memo', annotation: true, attachment: 'the source', javascript: true }));
  fs.copyFileSync(path.join(FIXTURES, 'ocr', 'english.png'), path.join(input, 'english.png'));
  fs.copyFileSync(path.join(FIXTURES, 'text', 'utf8.txt'), path.join(input, 'utf8.txt'));
  fs.copyFileSync(path.join(FIXTURES, 'pdf', 'encrypted-user-password.pdf'), path.join(input, 'encrypted.pdf'));
  await ingest(workspace, [input]);
  for (const row of await ls(workspace)) ids[path.basename(row.path)] = row.id;
}, 400_000);

afterAll(() => removeDir(dir));

describe('a PDF with a text layer', () => {
  let applied: Applied;
  let original: Buffer;

  it('marks every folded occurrence of a text, and with --all-forms the other forms of the entity', async () => {
    original = fs.readFileSync(path.join(dir, 'in', 'memo.pdf'));
    const out = await cliOk(['redact', String(ids['memo.pdf']), '--text', '陈全国', '--all-forms']);
    expect(out.stdout).toContain('Chen Quanguo');
    const list = lastLine<{ marks: Array<{ id: number; kind: string; text?: string; state: string }> }>((await cliOk(['redact', String(ids['memo.pdf']), '--list', '--json'])).stdout);
    expect(list.marks.map((m) => m.text)).toEqual(['陈全国', 'Chen Quanguo']);
    expect(list.marks.every((m) => m.state === 'pending')).toBe(true);
  });

  it('marks a box and a page, lists them, and removes a pending mark', async () => {
    await cliOk(['redact', String(ids['memo.pdf']), '--box', '1:280,200,1700,85', '--page', '2']);
    let list = lastLine<{ marks: Array<{ id: number; kind: string }> }>((await cliOk(['redact', String(ids['memo.pdf']), '--list', '--json'])).stdout);
    expect(list.marks.map((m) => m.kind)).toEqual(['text', 'text', 'box', 'page']);
    const pageMark = list.marks[3]!.id;
    await cliOk(['redact', String(ids['memo.pdf']), '--remove', String(pageMark)]);
    list = lastLine((await cliOk(['redact', String(ids['memo.pdf']), '--list', '--json'])).stdout);
    expect(list.marks.map((m) => m.kind)).toEqual(['text', 'text', 'box']);
  });

  it('refuses a box outside the page (exit 2, nothing added)', async () => {
    const out = await cli(['redact', String(ids['memo.pdf']), '--box', '1:2400,100,200,50']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/not inside page 1/);
    const list = lastLine<{ marks: unknown[] }>((await cliOk(['redact', String(ids['memo.pdf']), '--list', '--json'])).stdout);
    expect(list.marks).toHaveLength(3);
  });

  it('applies: a derivative whose check passes, the original unchanged', async () => {
    applied = lastLine<Applied>((await cliOk(['redact', String(ids['memo.pdf']), '--apply', '--json'])).stdout);
    expect(applied).toMatchObject({ pages: 2, method: 'pdf', check: { ok: true, leaks: [], revisions: 1, metadata: [] } });
    expect(applied.derivative).toMatch(/^[0-9a-f]{64}$/);
    const text = pdftotext(blob(applied.derivative));
    for (const gone of ['陈全国', '陳全國', 'Chen Quanguo', 'Wang Lihua']) expect(text).not.toContain(gone);
    expect(text).toContain('Nothing else here.');
    expect(text).toContain('spoke first.');
    const info = execFileSync('pdfinfo', [blob(applied.derivative)]).toString('utf8');
    expect(info).not.toMatch(/^(Author|Title):/m);
    expect(execFileSync('pdfdetach', ['-list', blob(applied.derivative)]).toString('utf8')).toMatch(/^0 embedded files/);
    expect(fs.readFileSync(path.join(dir, 'in', 'memo.pdf')).equals(original)).toBe(true);
    const docSha = lastLine<{ sha256: string }>((await cliOk(['show', String(ids['memo.pdf']), '--json'])).stdout).sha256;
    expect(fs.readFileSync(blob(docSha)).equals(original)).toBe(true);
  });

  it('the check passes on the derivative and catches the original (independent poppler reading)', async () => {
    const again = await runCliOk(['redact-check', blob(applied.derivative), '--text', '陳全國', '--text', 'chen quanguo', '--json']);
    expect(lastLine<Report>(again.stdout).ok).toBe(true);
    const naive = await runCli(['redact-check', path.join(dir, 'in', 'memo.pdf'), '--text', '陳全國', '--json']);
    expect(naive.code).toBe(1);
    const report = lastLine<Report>(naive.stdout);
    expect(report.leaks.map((l) => l.page)).toEqual(expect.arrayContaining([0, 1, 2]));
    expect(report.metadata).toEqual(expect.arrayContaining(['Title', 'Author', '1 attachment', 'OpenAction']));
  });

  it('applied marks can no longer be removed; every step is in the audit log', async () => {
    const list = lastLine<{ marks: Array<{ id: number; state: string }> }>((await cliOk(['redact', String(ids['memo.pdf']), '--list', '--json'])).stdout);
    expect(list.marks.every((m) => m.state === 'applied')).toBe(true);
    const out = await cli(['redact', String(ids['memo.pdf']), '--remove', String(list.marks[0]!.id)]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/applied/);
    const audit = (await cliOk(['audit', 'ls', '--json', '--document', String(ids['memo.pdf'])])).stdout;
    for (const action of ['redact.mark', 'redact.unmark', 'redact.apply', 'redact.check']) expect(audit).toContain(`"action":"${action}"`);
  });

  it('refuses a second apply while one runs (exit 2), and the first completes', async () => {
    const run = () =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawnCli(['redact', String(ids['memo.pdf']), '--apply', '--json', '--workspace', workspace]);
        let stderr = '';
        child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
        child.on('close', (code) => resolve({ code, stderr }));
      });
    const results = await Promise.all([run(), run()]);
    const codes = results.map((r) => r.code).sort();
    expect(codes).toEqual([0, 2]);
    expect(results.find((r) => r.code === 2)!.stderr).toMatch(/being redacted already/);
  }, 400_000);
});

describe('a scan (OCR word boxes) and a text file', () => {
  it('burns the boxes into the page image and drops the OCR words under them', async () => {
    await cliOk(['redact', String(ids['english.png']), '--text', 'BROWN FOX']);
    const applied = lastLine<Applied>((await cliOk(['redact', String(ids['english.png']), '--apply', '--json'])).stdout);
    expect(applied).toMatchObject({ method: 'scan', pages: 1, check: { ok: true } });
    const text = pdftotext(blob(applied.derivative));
    expect(text).not.toMatch(/brown|fox/i);
    expect(text).toContain('lazy dog');
  });

  it('renders other formats as text with the redacted spans as blocks', async () => {
    await cliOk(['redact', String(ids['utf8.txt']), '--text', '馬建華']);
    const applied = lastLine<Applied>((await cliOk(['redact', String(ids['utf8.txt']), '--apply', '--json'])).stdout);
    expect(applied).toMatchObject({ method: 'rendition', check: { ok: true } });
    const text = pdftotext(blob(applied.derivative));
    expect(text).not.toContain('马建华');
    expect(text).toContain('红柳泉');
  });

  it('refuses a box on a document without page images, and a document that failed to extract', async () => {
    const box = await cli(['redact', String(ids['utf8.txt']), '--box', '1:0,0,10,10']);
    expect(box.code).toBe(2);
    const encrypted = await cli(['redact', String(ids['encrypted.pdf']), '--apply']);
    expect(encrypted.code).toBe(2);
    expect(encrypted.stderr).toMatch(/failed to extract \(encrypted\)/);
  });
});

describe('the check catches naive redactions', () => {
  const check = async (file: string, strings: string[]): Promise<Report & { code: number | null }> => {
    const out = await runCli(['redact-check', file, ...strings.flatMap((s) => ['--text', s]), '--json']);
    return { ...lastLine<Report>(out.stdout), code: out.code };
  };
  const write = (name: string, bytes: Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    return file;
  };

  it('a black rectangle drawn over the text', async () => {
    const file = write('rect.pdf', writePdf([{ lines: MEMO_LINES, over: BLACK_BOX(60, 790, 400, 30) }]));
    const report = await check(file, ['陈全国']);
    expect(report.code).toBe(1);
    expect(report.leaks).toContainEqual({ page: 1, text: '陈全国' });
  });

  it('text hidden under an image', async () => {
    const white = await sharp({ create: { width: 595, height: 842, channels: 3, background: '#ffffff' } }).png().toBuffer();
    const report = await check(write('under-image.pdf', writePdf([{ lines: MEMO_LINES, image: white, imageOver: true }])), ['Chen Quanguo']);
    expect(report.leaks).toContainEqual({ page: 1, text: 'Chen Quanguo' });
  });

  it('a scan whose image was burned but whose OCR layer was kept', async () => {
    const burned = await sharp({ create: { width: 595, height: 842, channels: 3, background: '#ffffff' } })
      .composite([{ input: { create: { width: 400, height: 40, channels: 3, background: '#000000' } }, left: 60, top: 30 }])
      .png()
      .toBuffer();
    const report = await check(write('ocr-layer.pdf', writePdf([{ lines: MEMO_LINES, image: burned, mode: 3 }])), ['陈全国']);
    expect(report.leaks).toContainEqual({ page: 1, text: '陈全国' });
  });

  it('a name left in the metadata', async () => {
    const report = await check(write('meta.pdf', writePdf([{ lines: ['Nothing else here.'] }], { author: '陳全國' })), ['陈全国']);
    expect(report.metadata).toContain('Author');
    expect(report.leaks).toContainEqual({ page: 0, text: '陈全国 (in Author)' });
  });

  it('an incremental save that keeps the unredacted revision', async () => {
    const file = write('incremental.pdf', incrementalBlackBox(writePdf([{ lines: MEMO_LINES }])));
    expect(pdftotext(file)).not.toContain('陈全国');
    const report = await check(file, ['陈全国']);
    expect(report.revisions).toBe(2);
    expect(report.ok).toBe(false);
    expect(report.leaks).toContainEqual({ page: 1, text: '陈全国 (in an earlier revision)' });
  });

  it('a box that is not opaque', async () => {
    const out = await runCli(['redact-check', write('clear.pdf', writePdf([{ lines: ['Nothing else here.'] }])), '--box', '1:200,200,300,300', '--json']);
    expect(lastLine<Report & { transparentBoxes: unknown[] }>(out.stdout).transparentBoxes).toHaveLength(1);
  });
});
