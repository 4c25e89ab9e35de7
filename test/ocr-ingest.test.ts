/**
 * OCR through the CLI, the way a user meets it: `dossier ingest` reads images and scanned PDF
 * pages by itself, `search` finds what OCR read on the right page, `show --json` gives each page's
 * OCR record (engine, languages, confidence, rotation, size, word boxes, page image) or its
 * failure; `dossier ocr ID [--page N] [--lang L]` reads again; `ingest --no-ocr` defers OCR to
 * `dossier ocr --pending`; DOSSIER_OCR_ENGINE=tesseract.js reads offline with tesseract.js.
 *
 * Fixtures: test/fixtures/ocr/ (scripts/make-ocr-fixtures.sh; README.md says what each holds).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  byPath,
  FAILURE_REASONS,
  FIXTURES,
  ingest,
  ls,
  makeWorkspace,
  removeDir,
  runCli,
  runCliOk,
  search,
  show,
  showMany,
  status,
  type IngestSummary,
  type LsRow,
  type ShowView,
} from './support/cli.js';

const OCR_DIR = path.join(FIXTURES, 'ocr');
const fixture = (name: string) => path.join(OCR_DIR, name);
const SCANNED = fixture('scanned-3-pages.pdf');
/** pdftoppm renders PDF pages at 300 dpi: the 7 × 4.67 in pages of scanned-3-pages.pdf are 2100 × 1400. */
const SCANNED_PAGE_SIZE = { width: 2100, height: 1400 };

/** The engine Dossier picks by itself: the tesseract program when it has chi_sim and eng, else tesseract.js. */
const DEFAULT_ENGINE = (() => {
  const out = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' });
  const langs = `${out.stdout ?? ''}${out.stderr ?? ''}`;
  return out.status === 0 && /^chi_sim$/m.test(langs) && /^eng$/m.test(langs) ? 'tesseract' : 'tesseract.js';
})();

/** What `show --json` gives for a page that OCR read. */
interface OcrRecord {
  engine: string;
  engineVersion: string;
  langs: string;
  meanConfidence: number;
  rotation: number;
  width: number;
  height: number;
  words: Array<[string, number, number, number, number, number]>;
  image: string | null;
  thumbnail: string | null;
}
/** …and for a page OCR could not read. */
interface OcrFailure {
  error: string;
  message: string;
}
interface OcrPage {
  page: number;
  text: string;
  ocr?: OcrRecord | OcrFailure;
}
type OcrView = Omit<ShowView, 'pages'> & { pages: OcrPage[] };
/** The ingest summary, with the OCR counts `ingest --json` adds. */
type OcrIngestSummary = IngestSummary & { ocrPages: number; ocrQueued: number };

async function showOcr(workspace: string, id: number): Promise<OcrView> {
  return (await show(workspace, id)) as unknown as OcrView;
}

function pageOf(view: OcrView, page: number): OcrPage {
  const found = view.pages.find((p) => p.page === page);
  if (!found) throw new Error(`${view.path} has no page ${page}; pages: ${view.pages.map((p) => p.page).join(', ')}`);
  return found;
}

/** The OCR record of a page that was read (fails the test with the page's failure otherwise). */
function readRecord(view: OcrView, page: number): OcrRecord {
  const { ocr } = pageOf(view, page);
  expect(ocr, `${view.path} page ${page} has no OCR record`).toBeDefined();
  expect(ocr && 'error' in ocr ? `OCR failed: ${ocr.error}: ${ocr.message}` : 'read', `${view.path} page ${page}`).toBe('read');
  return ocr as OcrRecord;
}

function failure(view: OcrView, page: number): OcrFailure | null {
  const { ocr } = pageOf(view, page);
  return ocr && 'error' in ocr ? ocr : null;
}

/** Every documented field of a page's OCR record, with word boxes inside the page image. */
function expectRecord(record: OcrRecord, where: string): void {
  expect(record, where).toMatchObject({
    engine: expect.stringMatching(/\S/),
    engineVersion: expect.stringMatching(/\S/),
    langs: expect.stringMatching(/^[a-z_]+(\+[a-z_]+)*$/),
    meanConfidence: expect.any(Number),
    rotation: expect.any(Number),
    width: expect.any(Number),
    height: expect.any(Number),
  });
  expect([0, 90, 180, 270], where).toContain(record.rotation);
  expect(record.meanConfidence, where).toBeGreaterThan(50);
  expect(record.meanConfidence, where).toBeLessThanOrEqual(100);
  expect(record.image, `${where} image`).toMatch(/^[0-9a-f]{64}$/);
  expect(record.thumbnail, `${where} thumbnail`).toMatch(/^[0-9a-f]{64}$/);
  expect(record.words.length, where).toBeGreaterThan(0);
  for (const word of record.words) {
    const [text, x, y, w, h, conf] = word;
    const at = `${where}: ${JSON.stringify(word)} in ${record.width}×${record.height}`;
    expect(word, at).toHaveLength(6);
    expect(text.trim(), at).not.toBe('');
    expect(x, at).toBeGreaterThanOrEqual(0);
    expect(y, at).toBeGreaterThanOrEqual(0);
    expect(w, at).toBeGreaterThan(0);
    expect(h, at).toBeGreaterThan(0);
    expect(x + w, at).toBeLessThanOrEqual(record.width);
    expect(y + h, at).toBeLessThanOrEqual(record.height);
    expect(conf, at).toBeGreaterThanOrEqual(0);
    expect(conf, at).toBeLessThanOrEqual(100);
  }
}

/** `dossier ocr ARGS… --json` in a workspace. */
function ocrCli(workspace: string, args: string[]) {
  return runCli(['ocr', ...args, '--workspace', workspace, '--json']);
}
const lastJsonLine = <T>(stdout: string): T => JSON.parse(stdout.trim().split('\n').pop() ?? 'null') as T;

// Three workspaces, ingested at once (OCR waits on tesseract processes; the runs overlap well):
// everything with the default engine, the scanned PDF with OCR deferred, and with tesseract.js.
let workspace: string;
let summary: OcrIngestSummary;
let rows: LsRow[];
let row: (p: string) => LsRow;
/** `show --json` of every document of the first workspace, right after the ingest. */
let views: Map<number, OcrView>;
const viewOf = (file: string): OcrView => views.get(row(file).id)!;
let deferred: string;
let deferredSummary: OcrIngestSummary;
let offline: string;
let offlineRows: LsRow[];
let offlineScanned: OcrView;
const OFFLINE_ENV = { DOSSIER_OCR_ENGINE: 'tesseract.js' };

beforeAll(async () => {
  workspace = makeWorkspace('ocr');
  deferred = makeWorkspace('ocr-deferred');
  offline = makeWorkspace('ocr-offline');
  const results = await Promise.all([
    ingest(workspace, [OCR_DIR]),
    ingest(deferred, [SCANNED], { ocr: false }),
    ingest(offline, [SCANNED, fixture('truncated.bmp')], { env: OFFLINE_ENV }),
  ]);
  summary = results[0] as OcrIngestSummary;
  deferredSummary = results[1] as OcrIngestSummary;
  rows = await ls(workspace);
  row = byPath(rows);
  views = (await showMany(workspace, rows.map((r) => r.id))) as unknown as Map<number, OcrView>;
  offlineRows = await ls(offline);
  offlineScanned = await showOcr(offline, offlineRows.find((r) => r.path === SCANNED)!.id);
}, 400_000);

afterAll(() => [workspace, deferred, offline].forEach(removeDir));

describe('ingest reads scans and images by itself', () => {
  it('reads every fixture, leaves nothing pending or queued, and fails only with documented reasons', () => {
    expect(summary.files).toBe(13);
    expect(summary.documents).toBe(13);
    expect(summary.pending).toBe(0);
    expect(summary.ocrQueued).toBe(0);
    expect(summary.ocrPages).toBeGreaterThanOrEqual(10);
    for (const r of rows.filter((r) => r.status === 'failed')) expect(FAILURE_REASONS as readonly string[], r.path).toContain(r.reason);
  });
});

describe('(a) a scanned PDF: three pages of pictures, no text layer', () => {
  it('is an ok PDF that no longer needs OCR', () => {
    expect(row(SCANNED)).toMatchObject({ mime: 'application/pdf', status: 'ok', needsOcr: false });
  });

  it('search finds the English phrase of page 2 on page 2', async () => {
    const hits = (await search(workspace, 'marker-ocr-page-two')).hits.filter((h) => h.path === SCANNED);
    expect(hits.map((h) => h.page)).toEqual([2]);
  });

  it('search finds the Chinese phrase of page 2 on page 2', async () => {
    const hits = (await search(workspace, '第二页测试')).hits.filter((h) => h.path === SCANNED);
    expect(hits.map((h) => h.page)).toEqual([2]);
  });

  it('search finds page 1 and page 3 phrases on their own pages', async () => {
    expect((await search(workspace, 'marker-ocr-page-one')).hits.filter((h) => h.path === SCANNED).map((h) => h.page)).toEqual([1]);
    expect((await search(workspace, 'marker-ocr-page-three')).hits.filter((h) => h.path === SCANNED).map((h) => h.page)).toEqual([3]);
  });

  it('show --json gives each page its text and OCR record, with word boxes', () => {
    const view = viewOf(SCANNED);
    expect(view.pages.map((p) => p.page)).toEqual([1, 2, 3]);
    const texts = view.pages.map((p) => p.text);
    expect(texts[0]).toContain('marker-ocr-page-one');
    expect(texts[1]).toContain('marker-ocr-page-two');
    expect(texts[1]).toContain('第二页测试');
    expect(texts[1]).toContain('Second page of the scan');
    expect(texts[2]).toContain('marker-ocr-page-three');
    expect(texts[0]).not.toContain('marker-ocr-page-two');
    expect(texts[2]).not.toContain('marker-ocr-page-two');
    expect(view.text).toContain('marker-ocr-page-two');
    for (const page of [1, 2, 3]) {
      const record = readRecord(view, page);
      expectRecord(record, `page ${page}`);
      expect(record).toMatchObject({ engine: DEFAULT_ENGINE, langs: 'chi_sim+eng', rotation: 0, ...SCANNED_PAGE_SIZE });
    }
    const page2 = readRecord(view, 2);
    const marker = page2.words.find((w) => w[0] === 'marker-ocr-page-two');
    expect(marker, JSON.stringify(page2.words)).toBeDefined();
    // The phrase sits on the first line, above the Chinese and the third line.
    const second = page2.words.find((w) => w[0] === 'Second');
    expect(second).toBeDefined();
    expect(marker![2]).toBeLessThan(second![2]);
  });

  it('records a summary of the OCR in the metadata', () => {
    const view = viewOf(SCANNED);
    expect(view.metadata.ocr).toMatchObject({ pages: 3, failed: 0, engine: `${DEFAULT_ENGINE} ${readRecord(view, 1).engineVersion}`, langs: 'chi_sim+eng', meanConfidence: expect.any(Number) });
  });

  it('reads plain images too: English and Chinese', async () => {
    const english = viewOf(fixture('english.png'));
    expect(english.status).toBe('ok');
    expect(english.text).toContain('The quick brown fox jumps over the lazy dog.');
    expectRecord(readRecord(english, 1), 'english.png');
    expect(readRecord(english, 1)).toMatchObject({ width: 1000, height: 420, rotation: 0 });
    const chinese = viewOf(fixture('chinese.png'));
    expect(chinese.text).toContain('职业技能教育培训中心');
    expect((await search(workspace, '"职业技能教育培训中心"', ['--limit', '50'])).hits.map((h) => h.path)).toContain(fixture('chinese.png'));
  });
});

describe('(b) rotated scans are turned upright before reading', () => {
  for (const turn of [90, 180, 270]) {
    it(`needs-turn-${turn}.png is read, turned ${turn}° clockwise`, () => {
      const file = fixture(`needs-turn-${turn}.png`);
      expect(row(file)).toMatchObject({ status: 'ok', needsOcr: false });
      const view = viewOf(file);
      const record = readRecord(view, 1);
      expectRecord(record, file);
      expect(record.rotation).toBe(turn);
      // Boxes are in the upright image: 1000 × 760, whichever way the file was stored.
      expect({ width: record.width, height: record.height }).toEqual({ width: 1000, height: 760 });
      expect(view.text).toContain('marker-ocr-rotated');
      expect(view.text).toContain('The quick brown fox jumps over the lazy dog.');
      expect(view.text).toContain('Pack my box with five dozen liquor jugs.');
    });
  }
});

describe('(c) broken images fail with a reason, and the ingest goes on', () => {
  for (const name of ['truncated.png', 'header-only.png', 'truncated.bmp']) {
    it(`${name} fails as corrupt, with the reason on its page`, () => {
      const file = fixture(name);
      expect(row(file)).toMatchObject({ status: 'failed', reason: 'corrupt' });
      expect(row(file).message).toMatch(/^OCR: /);
      const view = viewOf(file);
      expect(failure(view, 1)).toEqual({ error: 'corrupt', message: expect.stringMatching(/\S/) });
      expect(view.text).toBe('');
    });
  }

  it('reads the good files of the same ingest', () => {
    for (const name of ['english.png', 'chinese.png', 'mixed.png', 'scanned-3-pages.pdf', 'needs-turn-90.png']) {
      expect(row(fixture(name)).status, name).toBe('ok');
    }
  });
});

describe('(d) an image too large to read', () => {
  it('a 20,000-pixel-wide image fails as too_large', () => {
    const file = fixture('wide-20000px.png');
    expect(row(file)).toMatchObject({ mime: 'image/png', status: 'failed', reason: 'too_large' });
    const view = viewOf(file);
    expect(failure(view, 1)).toMatchObject({ error: 'too_large', message: expect.stringContaining('20000') });
  });
});

describe('(e) a page that renders blank', () => {
  it('fails that page as empty; a document with nothing else fails as empty', () => {
    const file = fixture('blank.pdf');
    expect(row(file)).toMatchObject({ mime: 'application/pdf', status: 'failed', reason: 'empty' });
    expect(failure(viewOf(file), 1)).toMatchObject({ error: 'empty' });
  });

  it('fails only the blank page of a document whose other page has text', () => {
    const file = fixture('blank-second-page.pdf');
    expect(row(file)).toMatchObject({ status: 'ok' });
    const view = viewOf(file);
    expect(pageOf(view, 1).text).toContain('marker-ocr-before-blank');
    expectRecord(readRecord(view, 1), 'blank-second-page.pdf page 1');
    expect(failure(view, 2)).toMatchObject({ error: 'empty', message: expect.stringMatching(/\S/) });
    expect(pageOf(view, 2).text).toBe('');
    expect(view.metadata.ocr).toMatchObject({ pages: 1, failed: 1 });
  });
});

describe('(f) dossier ocr ID reads again, with other languages or only some pages', () => {
  it('--lang chi_tra+eng reads every page again with those languages', async () => {
    const id = row(SCANNED).id;
    const result = await ocrCli(workspace, [String(id), '--lang', 'chi_tra+eng']);
    expect(result.code, result.stderr).toBe(0);
    expect(lastJsonLine<{ documents: number; pages: number }>(result.stdout)).toMatchObject({ documents: 1, pages: 3 });
    const view = await showOcr(workspace, id);
    for (const page of [1, 2, 3]) expect(readRecord(view, page).langs, `page ${page}`).toBe('chi_tra+eng');
    expect(pageOf(view, 2).text).toContain('marker-ocr-page-two');
    expect(view.metadata.ocr).toMatchObject({ langs: 'chi_tra+eng' });
  });

  it('--page 2 reads only page 2 again', async () => {
    const id = row(SCANNED).id;
    const before = await showOcr(workspace, id);
    const result = await ocrCli(workspace, [String(id), '--page', '2', '--lang', 'eng']);
    expect(result.code, result.stderr).toBe(0);
    expect(lastJsonLine<{ documents: number; pages: number }>(result.stdout)).toMatchObject({ documents: 1, pages: 1 });
    const after = await showOcr(workspace, id);
    expect(readRecord(after, 2).langs).toBe('eng');
    expect(pageOf(after, 2).text).toContain('marker-ocr-page-two');
    // Pages 1 and 3 are untouched: same text, same record.
    expect(pageOf(after, 1)).toEqual(pageOf(before, 1));
    expect(pageOf(after, 3)).toEqual(pageOf(before, 3));
    expect((await search(workspace, 'marker-ocr-page-two')).hits.filter((h) => h.path === SCANNED).map((h) => h.page)).toEqual([2]);
  });

  it('refuses a malformed --lang without queueing anything', async () => {
    const result = await ocrCli(workspace, [String(row(SCANNED).id), '--lang', 'Chi-Sim']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/languages/);
    expect(await status(workspace)).toMatchObject({ ocrQueued: 0 });
  });

  it('refuses what it cannot OCR: a missing document, a bad page number', async () => {
    expect((await ocrCli(workspace, ['99999'])).code).not.toBe(0);
    expect((await ocrCli(workspace, [String(row(SCANNED).id), '--page', '0'])).code).not.toBe(0);
    expect((await ocrCli(workspace, [])).code).not.toBe(0);
  });

  // Last in this workspace: it may destroy what was read.
  it('a re-run with a language that is not installed keeps the text read before', async () => {
    const file = fixture('english.png');
    const id = row(file).id;
    await ocrCli(workspace, [String(id), '--lang', 'xyz']);
    const view = await showOcr(workspace, id);
    expect(view.status).toBe('ok');
    expect(pageOf(view, 1).text).toContain('The quick brown fox jumps over the lazy dog.');
    expect(readRecord(view, 1).langs).toBe('chi_sim+eng');
  });
});

describe('(g) ingest --no-ocr defers OCR to dossier ocr --pending', () => {
  it('leaves the scanned PDF ok, unread and waiting for OCR', async () => {
    expect(deferredSummary).toMatchObject({ documents: 1, ok: 1, pending: 0, ocrPages: 0, ocrQueued: 1 });
    const [only] = await ls(deferred);
    expect(only).toMatchObject({ path: SCANNED, status: 'ok', needsOcr: true });
    const view = await showOcr(deferred, only!.id);
    expect(view.needsOcr).toBe(true);
    expect(view.pages.every((p) => p.text.trim() === '' && p.ocr === undefined)).toBe(true);
    expect((await search(deferred, 'marker-ocr-page-two')).total).toBe(0);
  });

  it('status --json counts it as needing OCR and queued for OCR (not for extraction)', async () => {
    expect(await status(deferred)).toMatchObject({ documents: 1, needsOcr: 1, queued: 0, ocrQueued: 1 });
    const text = await runCliOk(['status', '--workspace', deferred]);
    expect(text.stdout).toMatch(/1 need OCR/);
    expect(text.stdout).toMatch(/dossier ocr --pending/);
  });

  it('dossier ocr --pending reads it: page 2 is found, nothing is left waiting', async () => {
    const result = await ocrCli(deferred, ['--pending']);
    expect(result.code, result.stderr).toBe(0);
    expect(lastJsonLine<{ documents: number; pages: number }>(result.stdout)).toMatchObject({ documents: 1, pages: 3 });
    const [only] = await ls(deferred);
    expect(only).toMatchObject({ status: 'ok', needsOcr: false });
    expect((await search(deferred, 'marker-ocr-page-two')).hits.map((h) => h.page)).toEqual([2]);
    expectRecord(readRecord(await showOcr(deferred, only!.id), 2), 'after --pending, page 2');
    expect(await status(deferred)).toMatchObject({ needsOcr: 0, ocrQueued: 0 });
    const again = await ocrCli(deferred, ['--pending']);
    expect(lastJsonLine<{ documents: number; pages: number }>(again.stdout)).toMatchObject({ documents: 0, pages: 0 });
  });
});

describe('(h) DOSSIER_OCR_ENGINE=tesseract.js reads offline', () => {
  it('finds the scanned PDF phrase on page 2', async () => {
    const [hit] = (await search(offline, 'marker-ocr-page-two')).hits;
    expect(hit).toMatchObject({ path: SCANNED, page: 2 });
    expect((await search(offline, '第二页测试')).hits.map((h) => h.page)).toEqual([2]);
  });

  it('records tesseract.js as the engine, with word boxes', () => {
    const view = offlineScanned;
    const record = readRecord(view, 2);
    expect(record).toMatchObject({ engine: 'tesseract.js', langs: 'chi_sim+eng', rotation: 0 });
    expect(record.words.some((w) => w[0] === 'marker-ocr-page-two')).toBe(true);
    expect(view.metadata.ocr).toMatchObject({ engine: expect.stringMatching(/^tesseract\.js /) });
  });

  it('records the size of the page image, as the tesseract program does', () => {
    const record = readRecord(offlineScanned, 2);
    expect({ width: record.width, height: record.height }).toEqual(SCANNED_PAGE_SIZE);
    expectRecord(record, 'tesseract.js page 2');
  });

  it('fails a truncated BMP as corrupt, without crashing the extraction process', () => {
    const bmp = offlineRows.find((r) => r.path === fixture('truncated.bmp'))!;
    expect(bmp).toMatchObject({ mime: 'image/bmp', status: 'failed', reason: 'corrupt' });
  });
});
