/**
 * The OcrEngine contract, run against every adapter (one suite, every implementation): the
 * tesseract program (TesseractCliOcrEngine) and tesseract.js with its packaged language data
 * (TesseractJsOcrEngine). Whatever the engine, a page image gives text (Chinese characters joined,
 * Latin words spaced), words with boxes inside the image and confidences 0–100, and the size of
 * the image; unknown languages and unreadable files reject with an Error.
 *
 * Fixtures: test/fixtures/ocr/ (scripts/make-ocr-fixtures.sh).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OcrResult } from '../src/domain/ocr.js';
import type { OcrEngine } from '../src/extract/ocr/ports.js';
import { TesseractCliOcrEngine } from '../src/platform/ocr/tesseract-cli-ocr-engine.js';
import { TesseractJsOcrEngine } from '../src/platform/ocr/tesseract-js-ocr-engine.js';
import { FIXTURES, makeTempDir, removeDir } from './support/cli.js';

const OCR = path.join(FIXTURES, 'ocr');
const fixture = (name: string) => path.join(OCR, name);

/** Whether the tesseract program is installed with the languages this suite reads. */
function tesseractProgram(): { ok: boolean; why: string } {
  const out = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' });
  if (out.error || out.status !== 0) return { ok: false, why: 'the tesseract program is not installed' };
  const langs = `${out.stdout}${out.stderr}`;
  const missing = ['eng', 'chi_sim', 'osd'].filter((l) => !new RegExp(`^${l}$`, 'm').test(langs));
  return missing.length ? { ok: false, why: `tesseract lacks language data: ${missing.join(', ')}` } : { ok: true, why: '' };
}
const program = tesseractProgram();

type ClosableEngine = OcrEngine & { close(): Promise<void> };

interface Adapter {
  name: string;
  make: () => ClosableEngine;
  skip: boolean;
  why: string;
}

const ADAPTERS: Adapter[] = [
  { name: 'TesseractCliOcrEngine', make: () => new TesseractCliOcrEngine(60_000), skip: !program.ok, why: program.why },
  { name: 'TesseractJsOcrEngine', make: () => new TesseractJsOcrEngine(), skip: false, why: '' },
];

/** Width and height of a PNG from its IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The checks every recognised image must pass, whatever it shows. */
function expectWellFormed(result: OcrResult, image: string): void {
  const { width, height } = pngSize(image);
  expect(result.words.length).toBeGreaterThan(0);
  for (const w of result.words) {
    const where = `${JSON.stringify(w)} in ${width}×${height}`;
    expect(w.text.trim(), where).toBe(w.text);
    expect(w.text.length, where).toBeGreaterThan(0);
    for (const n of [w.x, w.y, w.w, w.h]) expect(Number.isInteger(n), where).toBe(true);
    expect(w.x, where).toBeGreaterThanOrEqual(0);
    expect(w.y, where).toBeGreaterThanOrEqual(0);
    expect(w.w, where).toBeGreaterThan(0);
    expect(w.h, where).toBeGreaterThan(0);
    expect(w.x + w.w, where).toBeLessThanOrEqual(width);
    expect(w.y + w.h, where).toBeLessThanOrEqual(height);
    expect(w.conf, where).toBeGreaterThanOrEqual(0);
    expect(w.conf, where).toBeLessThanOrEqual(100);
  }
  expect(result.meanConfidence).toBeGreaterThan(50);
  expect(result.meanConfidence).toBeLessThanOrEqual(100);
  const mean = result.words.reduce((s, w) => s + w.conf, 0) / result.words.length;
  expect(result.meanConfidence).toBeCloseTo(mean, 1);
  // Every word's text is in the text, in reading order.
  let at = 0;
  for (const w of result.words) {
    const found = result.text.indexOf(w.text, at);
    expect(found, `"${w.text}" after offset ${at} of ${JSON.stringify(result.text)}`).toBeGreaterThanOrEqual(0);
    at = found + w.text.length;
  }
}

describe.each(ADAPTERS)('OcrEngine contract: $name', ({ make, skip, why }) => {
  describe.skipIf(skip)(skip ? `[skipped: ${why}]` : 'recognise, version, orientation', () => {
    let engine: ClosableEngine;
    let scratch: string;

    beforeAll(() => {
      engine = make();
      scratch = makeTempDir('dossier-ocr-contract-');
    });

    afterAll(async () => {
      await engine?.close();
      removeDir(scratch);
    });

    it('has a name and a version string', async () => {
      expect(engine.name).toMatch(/\S/);
      const version = await engine.version();
      expect(typeof version).toBe('string');
      expect(version).toMatch(/^\d+\.\d+/);
      expect(await engine.version()).toBe(version);
    });

    it('reads an English page: words, boxes inside the image, confidences 0–100', async () => {
      const image = fixture('english.png');
      const result = await engine.recognise(image, 'eng');
      expectWellFormed(result, image);
      expect(result.text).toContain('marker-ocr-english');
      expect(result.text).toContain('The quick brown fox jumps over the lazy dog.');
      expect(result.text).toContain('Scanned pages are read by Dossier.');
      expect(result.text).toContain('2017');
      const words = result.words.map((w) => w.text);
      expect(words).toEqual(expect.arrayContaining(['quick', 'brown', 'fox', 'Dossier.']));
      // Lines are kept: the first line is the marker, not run into the next sentence.
      expect(result.text.split('\n')[0]).toBe('marker-ocr-english');
    });

    it('reads a Chinese page with chi_sim, characters joined without spaces', async () => {
      const image = fixture('chinese.png');
      const result = await engine.recognise(image, 'chi_sim');
      expectWellFormed(result, image);
      expect(result.text).toContain('新疆维吾尔自治区');
      expect(result.text).toContain('职业技能教育培训中心');
      expect(result.text).toContain('扫描件测试文件');
      expect(result.text).not.toMatch(/\p{Script=Han} +\p{Script=Han}/u);
      expect(result.text.split('\n').filter((l) => l.trim())).toEqual(['新疆维吾尔自治区', '职业技能教育培训中心', '扫描件测试文件']);
    });

    it('reads Chinese and English on one page with chi_sim+eng, in reading order', async () => {
      const image = fixture('mixed.png');
      const result = await engine.recognise(image, 'chi_sim+eng');
      expectWellFormed(result, image);
      const order = ['marker-ocr-mixed', '新疆维吾尔自治区', 'Report on training centres', '职业技能教育培训中心'].map((s) => result.text.indexOf(s));
      expect(order.every((i) => i >= 0), JSON.stringify(result.text)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
    });

    it('gives the size of the image it read as width and height', async () => {
      // OcrPageRecord.width/height are the page image's size: word boxes are drawn over it.
      for (const [image, langs] of [
        ['english.png', 'eng'],
        ['chinese.png', 'chi_sim'],
      ] as const) {
        const result = await engine.recognise(fixture(image), langs);
        expect({ image, width: result.width, height: result.height }).toEqual({ image, ...pngSize(fixture(image)) });
      }
    });

    it('reads a blank image as nothing: no text, no words, mean confidence 0', async () => {
      const blank = path.join(scratch, 'blank.png');
      await sharp({ create: { width: 400, height: 200, channels: 3, background: '#ffffff' } }).png().toFile(blank);
      const result = await engine.recognise(blank, 'eng');
      expect(result.text).toBe('');
      expect(result.words).toEqual([]);
      expect(result.meanConfidence).toBe(0);
    });

    it('rejects an unknown language with an Error', async () => {
      const error = await engine.recognise(fixture('english.png'), 'xyz').then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/\S/);
    });

    it('rejects a language list holding an unknown language (eng+xyz) rather than silently dropping it', async () => {
      // The page record keeps `langs` as asked: a list the engine did not really use would be a lie.
      const error = await engine.recognise(fixture('english.png'), 'eng+xyz').then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
    });

    it('tells the orientation of a sideways page, or says it cannot (null)', async () => {
      const osd = await engine.detectOrientation(fixture('needs-turn-90.png'));
      if (osd === null) return; // tesseract.js ships no orientation model
      expect([0, 90, 180, 270]).toContain(osd.rotate);
      expect(osd.confidence).toBeGreaterThanOrEqual(0);
      if (osd.confidence >= 2) expect(osd.rotate).toBe(90);
    });

    // Last: a failing read must not break the engine, checked by reading again afterwards.
    it('rejects an unreadable image (a truncated BMP) with an Error, and still reads the next image', async () => {
      const error = await engine.recognise(fixture('truncated.bmp'), 'eng').then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/\S/);
      const after = await engine.recognise(fixture('english.png'), 'eng');
      expect(after.text).toContain('quick brown fox');
    });
  });
});
