/**
 * npm run bench:ocr — OCR throughput (pages per minute, wall clock, one process per core) and
 * accuracy (character error rate) of `dossier ingest` against the plain tesseract program run on
 * the same images in the same script:
 *  English: the tesseract-ocr/test images that have ground truth (shared/corpus/extraction/
 *    tesseract-ocr-test/testing: phototest, eurotext, 8071_093.3B, 8087_054.3B, and phototest
 *    turned left, right, upside down and sideways, read against phototest's ground truth);
 *  Chinese: BENCH_OCR_PAGES pages (default 20) rendered from shared/corpus/prc-laws paragraphs at
 *    300 dpi A4, skewed by up to ±2°, blurred, grained and specked, a few turned by 90/180/270°.
 * Systems: plain `OMP_THREAD_LIMIT=1 tesseract IMG stdout -l LANGS`, one process per core;
 * Dossier with the tesseract program (its default languages chi_sim+eng, and --ocr-lang eng on the
 * English set); Dossier with DOSSIER_OCR_ENGINE=tesseract.js. Dossier's time is the whole ingest
 * command (start-up, hashing, storing, orientation, OCR, indexing). Target: Dossier's throughput
 * within 10% of plain tesseract's with the same languages, and a CER at least as good.
 * CER = Levenshtein distance / reference length over code points, after collapsing whitespace
 * (English) or removing it (Chinese, as tesseract spaces CJK characters), the same for every system.
 * Figures go to stdout and bench/out/ocr.json.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { imagePage, isBlank } from '../src/extract/ocr/page-images.js';
import { TesseractCliOcrEngine } from '../src/platform/ocr/tesseract-cli-ocr-engine.js';
import { characterErrorRate, levenshtein, normalise, renderChinesePages } from './ocr-pages.js';
import { dossier, ensureBuilt, repo, shared, table, tempDir, writeResult } from './support.js';

type Script = 'latin' | 'han';

interface Page {
  name: string;
  file: string;
  truth: string;
  script: Script;
  /** Degrees clockwise that turn the image upright (what Dossier's `rotation` should say). */
  expectedRotation: number;
}

interface PageResult {
  ok: boolean;
  text: string;
  rotation: number | null;
  confidence: number | null;
  engine: string | null;
  /** Seconds for this page alone (plain tesseract only: Dossier reports no per-page time). */
  seconds: number | null;
}

interface Run {
  system: string;
  kind: 'plain' | 'dossier';
  langs: string;
  seconds: number;
  pages: Map<string, PageResult>;
  note?: string;
}

const PARALLEL = Math.max(1, os.availableParallelism());
const CHINESE_PAGES = Math.max(1, Number(process.env.BENCH_OCR_PAGES ?? 20));
const SEED = 20240611;
const testing = path.join(shared, 'extraction', 'tesseract-ocr-test', 'testing');
const laws = path.join(shared, 'prc-laws');

function requireTesseract(): string {
  const langs = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' });
  const found = `${langs.stdout ?? ''}${langs.stderr ?? ''}`;
  const missing = ['eng', 'chi_sim', 'osd'].filter((l) => !new RegExp(`^${l}$`, 'm').test(found));
  if (langs.status !== 0 || missing.length) {
    console.error(`bench:ocr needs the tesseract program with eng, chi_sim and osd (apt-get install tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-osd); missing: ${langs.status !== 0 ? 'tesseract' : missing.join(', ')}`);
    process.exit(1);
  }
  const version = spawnSync('tesseract', ['--version'], { encoding: 'utf8' });
  return /tesseract\s+(\S+)/.exec(`${version.stdout}${version.stderr}`)?.[1] ?? 'unknown';
}

/** Share of CPU time the machine spent busy over `ms` milliseconds (other users' load shows here). */
async function busyShare(ms: number): Promise<number> {
  const sample = () => {
    const cols = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = cols[3]! + (cols[4] ?? 0);
    return { idle, total: cols.reduce((a, b) => a + b, 0) };
  };
  try {
    const a = sample();
    await new Promise((resolve) => setTimeout(resolve, ms));
    const b = sample();
    return 1 - (b.idle - a.idle) / Math.max(1, b.total - a.total);
  } catch {
    return NaN;
  }
}

// ---------- the test sets ----------

function englishPages(dir: string): Page[] {
  const photo = fs.readFileSync(path.join(testing, 'phototest.txt'), 'utf8');
  if (photo !== fs.readFileSync(path.join(testing, 'phototest.gold.txt'), 'utf8')) console.warn('phototest.txt and phototest.gold.txt differ; using phototest.txt');
  const truth = (name: string) => fs.readFileSync(path.join(testing, name), 'utf8');
  const set: Array<[string, string, number]> = [
    ['phototest.tif', photo, 0],
    ['eurotext.tif', truth('eurotext.txt'), 0],
    ['8071_093.3B.tif', truth('8071_093.3B.txt'), 0],
    ['8087_054.3B.tif', truth('8087_054.3B.txt'), 0],
    ['phototest-rotated-180.png', photo, 180],
    ['phototest-rotated-L.png', photo, 90], // turned left: a quarter turn clockwise puts it right
    ['phototest-rotated-R.png', photo, 270],
    ['phototestrot.tif', photo, 90], // phototest turned left too, with its own rendering (reads bottom to top)
  ];
  return set.map(([name, text, expectedRotation]) => {
    const file = path.join(dir, name);
    fs.copyFileSync(path.join(testing, name), file); // shared/ stays read-only; the folder holds only the set
    return { name, file, truth: text, script: 'latin' as const, expectedRotation };
  });
}

async function chinesePages(dir: string): Promise<{ pages: Page[]; details: unknown[] }> {
  // A few pages turned by a quarter, a half and three quarters (sharp turns clockwise).
  const turns: Record<number, number> = {};
  const turned = CHINESE_PAGES >= 8 ? [90, 180, 270, 180] : CHINESE_PAGES >= 2 ? [180] : [];
  turned.forEach((degrees, k) => (turns[Math.floor(((k + 0.5) * CHINESE_PAGES) / turned.length)] = degrees));
  const rendered = await renderChinesePages(laws, dir, CHINESE_PAGES, SEED, turns);
  return {
    pages: rendered.map((p) => ({ name: path.basename(p.file), file: p.file, truth: p.truth, script: 'han' as const, expectedRotation: (360 - p.quarterTurn) % 360 })),
    details: rendered.map((p) => ({ ...p, file: path.basename(p.file), characters: Array.from(p.truth.replace(/\s+/g, '')).length })),
  };
}

// ---------- the systems ----------

function runProcess(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The plain tesseract program on every image, PARALLEL processes at a time, one thread each. */
async function plainTesseract(pages: Page[], langs: string): Promise<Run> {
  const queue = [...pages];
  const results = new Map<string, PageResult>();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      for (let page = queue.shift(); page; page = queue.shift()) {
        const t0 = performance.now();
        const out = await runProcess('tesseract', [page.file, 'stdout', '-l', langs], { OMP_THREAD_LIMIT: '1' });
        results.set(page.name, { ok: out.code === 0, text: out.code === 0 ? out.stdout : '', rotation: null, confidence: null, engine: 'tesseract (plain)', seconds: (performance.now() - t0) / 1000 });
      }
    }),
  );
  return { system: 'plain tesseract', kind: 'plain', langs, seconds: (performance.now() - started) / 1000, pages: results };
}

interface ShownPage {
  page: number;
  text: string;
  ocr?: { rotation?: number; meanConfidence?: number; engine?: string } | null;
}

/** `dossier ingest` of the folder into a fresh workspace; the text of each page from `dossier show --json`. */
function dossierIngest(system: string, dir: string, pages: Page[], engine: 'auto' | 'tesseract.js', langs: string | null): Run {
  const workspace = tempDir('bench-ocr-ws');
  try {
    const args = [path.join(repo, 'bin', 'dossier.js'), 'ingest', dir, '--workspace', workspace, '--json', ...(langs ? ['--ocr-lang', langs] : [])];
    const env = { ...process.env, DOSSIER_WORKERS: String(PARALLEL), DOSSIER_OCR_ENGINE: engine, DOSSIER_OCR_LANGS: undefined, DOSSIER_HOME: undefined };
    const started = performance.now();
    const out = spawnSync(process.execPath, args, { cwd: repo, env, encoding: 'utf8', maxBuffer: 1024 ** 3 });
    const seconds = (performance.now() - started) / 1000;
    if (out.status !== 0) throw new Error(`${system}: dossier ingest exited ${out.status}: ${out.stderr.trim().split('\n').slice(-5).join('\n')}`);
    const summary = JSON.parse(out.stdout) as { ocrPages: number; failed: number; seconds: number };
    const results = new Map<string, PageResult>();
    const listed = dossier(['ls', '--workspace', workspace, '--json']).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: number; path: string });
    for (const doc of listed) {
      const shown = JSON.parse(dossier(['show', String(doc.id), '--workspace', workspace, '--json'])) as { status: string; pages?: ShownPage[]; metadata?: { ocr?: { langs?: string } } };
      const first = shown.pages?.find((p) => p.ocr) ?? shown.pages?.[0];
      results.set(path.basename(doc.path), {
        ok: shown.status === 'ok' && Boolean(first?.ocr),
        text: (shown.pages ?? []).map((p) => p.text).join('\n'),
        rotation: first?.ocr?.rotation ?? null,
        confidence: first?.ocr?.meanConfidence ?? null,
        engine: first?.ocr?.engine ?? null,
        seconds: null,
      });
    }
    const missing = pages.filter((p) => !results.get(p.name)?.ok).map((p) => p.name);
    const expected = engine === 'auto' ? 'tesseract' : 'tesseract.js';
    const engines = [...new Set([...results.values()].map((r) => r.engine).filter((e) => e && e !== expected))];
    const note = [
      summary.ocrPages !== pages.length ? `ocrPages ${summary.ocrPages} of ${pages.length}` : '',
      missing.length ? `not read: ${missing.join(', ')}` : '',
      engines.length ? `engine used: ${engines.join(', ')} (expected ${expected})` : '',
    ].filter(Boolean).join('; ');
    return { system, kind: 'dossier', langs: langs ?? 'chi_sim+eng (default)', seconds, pages: results, ...(note ? { note } : {}) };
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

// ---------- scoring ----------

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN);
const pct = (value: number) => (Number.isNaN(value) ? '-' : +(value * 100).toFixed(1));

interface Scored {
  row: Record<string, string | number>;
  perPage: Array<Record<string, unknown>>;
}

function score(run: Run, pages: Page[], reference: Run | null): Scored {
  const perPage = pages.map((page) => {
    const result = run.pages.get(page.name);
    const text = result?.text ?? '';
    return {
      page: page.name,
      upright: page.expectedRotation === 0,
      cer: characterErrorRate(text, page.truth, page.script),
      cerNfkc: characterErrorRate(text.normalize('NFKC'), page.truth.normalize('NFKC'), page.script),
      expectedRotation: page.expectedRotation,
      rotation: result?.rotation ?? null,
      confidence: result?.confidence ?? null,
      seconds: result?.seconds ?? null,
      ok: result?.ok ?? false,
    };
  });
  const upright = perPage.filter((p) => p.upright);
  const turned = perPage.filter((p) => !p.upright);
  const perMinute = (pages.length / run.seconds) * 60;
  const referencePerMinute = reference ? (pages.length / reference.seconds) * 60 : NaN;
  const rotationsRight = run.kind === 'dossier' ? `${perPage.filter((p) => p.rotation === p.expectedRotation).length}/${perPage.length}` : '-';
  return {
    row: {
      system: run.system,
      langs: run.langs,
      pages: pages.length,
      'wall s': +run.seconds.toFixed(1),
      'pages/min': +perMinute.toFixed(1),
      'vs plain': reference ? +(perMinute / referencePerMinute).toFixed(2) : '-',
      'CER %': pct(mean(perPage.map((p) => p.cer))),
      'upright': pct(mean(upright.map((p) => p.cer))),
      'turned': pct(mean(turned.map((p) => p.cer))),
      'NFKC upright': pct(mean(upright.map((p) => p.cerNfkc))),
      'rotation right': rotationsRight,
    },
    perPage,
  };
}

/** Dossier's text against plain tesseract's, same image and languages, on the pages Dossier left as they were. */
function sameImageComparison(run: Run, plain: Run, pages: Page[]): string {
  const compared = pages.filter((p) => run.pages.get(p.name)?.rotation === 0 && plain.pages.get(p.name)?.ok);
  if (compared.length === 0) return `${run.system}: no page left unturned to compare`;
  const edits = compared.map((p) => levenshtein(normalise(run.pages.get(p.name)!.text, p.script), normalise(plain.pages.get(p.name)!.text, p.script)));
  const differing = compared.flatMap((p, k) => (edits[k]! > 0 ? [`${p.name}: ${edits[k]} edits`] : []));
  return `${run.system} [${run.langs}] vs plain [${plain.langs}] on the ${compared.length} pages Dossier did not turn: identical text on ${edits.filter((d) => d === 0).length}${differing.length ? ` (${differing.slice(0, 6).join(', ')}${differing.length > 6 ? ', …' : ''})` : ''}`;
}

async function runSet(title: string, pages: Page[], systems: Array<() => Promise<Run> | Run>): Promise<Record<string, unknown>> {
  console.log(`\n${title}: ${pages.length} pages (${pages.filter((p) => p.expectedRotation !== 0).length} turned by a quarter or a half)`);
  const runs: Run[] = [];
  for (const system of systems) {
    const run = await system();
    console.log(`  ${run.system} [${run.langs}]: ${run.seconds.toFixed(1)} s${run.note ? ` — ${run.note}` : ''}`);
    runs.push(run);
  }
  const plainFor = (langs: string) => runs.find((r) => r.kind === 'plain' && r.langs === langs.replace(/ \(default\)$/, '')) ?? null;
  const scored = runs.map((run) => score(run, pages, run.kind === 'plain' ? null : plainFor(run.langs)));
  console.log(`\n${title} (${PARALLEL} processes at a time; "vs plain" = throughput / plain tesseract's with the same languages; CER % mean per page; upright/turned = CER on the pages already upright / turned; NFKC upright also folds full-width punctuation)`);
  console.log(table(scored.map((s) => s.row)));

  const notes: string[] = [];
  const turned = pages.filter((p) => p.expectedRotation !== 0);
  if (turned.length) notes.push(`plain tesseract does not turn pages: its CER on the ${turned.length} turned pages (${turned.map((p) => p.name).join(', ')}) is what it reads sideways or upside down; compare on the upright column.`);
  for (const run of runs.filter((r) => r.kind === 'dossier')) {
    const plain = plainFor(run.langs);
    if (plain && !run.system.includes('tesseract.js')) notes.push(sameImageComparison(run, plain, pages));
    const wrong = pages.filter((p) => run.pages.get(p.name)?.rotation !== p.expectedRotation);
    if (wrong.length) notes.push(`${run.system} [${run.langs}] turned wrongly: ${wrong.map((p) => `${p.name} by ${run.pages.get(p.name)?.rotation ?? '?'}° (should be ${p.expectedRotation}°)`).join(', ')}`);
  }
  for (const run of runs.filter((r) => r.kind === 'plain')) {
    const slow = [...run.pages.entries()].sort((a, b) => (b[1].seconds ?? 0) - (a[1].seconds ?? 0)).slice(0, 3);
    notes.push(`slowest pages for plain tesseract [${run.langs}]: ${slow.map(([name, r]) => `${name} ${r.seconds?.toFixed(1)} s`).join(', ')}; median ${median(run).toFixed(1)} s/page`);
  }
  for (const note of notes) console.log(`- ${note}`);
  return {
    pages: pages.length,
    rows: scored.map((s) => s.row),
    notes,
    perPage: Object.fromEntries(runs.map((run, k) => [`${run.system} [${run.langs}]`, scored[k]!.perPage])),
    texts: Object.fromEntries(pages.map((p) => [p.name, Object.fromEntries(runs.map((run) => [`${run.system} [${run.langs}]`, run.pages.get(p.name)?.text ?? null]))])),
  };
}

function median(run: Run): number {
  const values = [...run.pages.values()].map((r) => r.seconds ?? 0).sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)] ?? NaN;
}

/** Where a page's time goes in Dossier's pipeline, one process, step by step (indicative: one sample). */
async function stages(page: Page, langs: string): Promise<Record<string, string | number>> {
  const dir = tempDir('bench-ocr-stage');
  const engine = new TesseractCliOcrEngine();
  const time = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
    const t0 = performance.now();
    const value = await work();
    return [value, +((performance.now() - t0) / 1000).toFixed(2)];
  };
  try {
    const [image, convert] = await time(() => imagePage(page.file, 1, dir));
    const [, blank] = await time(() => isBlank(image));
    const [, osd] = await time(() => engine.detectOrientation(image));
    const [, recognise] = await time(() => engine.recognise(image, langs));
    const [, recogniseOriginal] = await time(() => engine.recognise(page.file, langs));
    const [, plain] = await time(() => runProcess('tesseract', [page.file, 'stdout', '-l', langs], { OMP_THREAD_LIMIT: '1' }));
    const bytes = (file: string) => `${(fs.statSync(file).size / 1e6).toFixed(1)} MB`;
    return { page: page.name, langs, 'to PNG s': convert, 'blank? s': blank, 'OSD s': osd, 'recognise PNG s': recognise, 'recognise original s': recogniseOriginal, 'plain tesseract s': plain, original: bytes(page.file), PNG: bytes(image) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---------- main ----------

ensureBuilt();
const tesseractVersion = requireTesseract();
const busy = await busyShare(2000);
const loadBefore = fs.readFileSync('/proc/loadavg', 'utf8').trim();
console.log(`tesseract ${tesseractVersion}, ${PARALLEL} cores; machine busy ${(busy * 100).toFixed(0)}% before the run (load ${loadBefore})`);
if (busy > 0.15) console.log('  warning: something else is using the CPU; throughput figures will be noisy');

const root = tempDir('bench-ocr');
const results: Record<string, unknown> = { cores: PARALLEL, tesseract: tesseractVersion, busyBefore: +busy.toFixed(2), loadBefore };
try {
  const enDir = path.join(root, 'english');
  fs.mkdirSync(enDir);
  const en = englishPages(enDir);
  results.english = await runSet('English (tesseract-ocr/test)', en, [
    () => plainTesseract(en, 'eng'),
    () => plainTesseract(en, 'chi_sim+eng'),
    () => dossierIngest('dossier', enDir, en, 'auto', 'eng'),
    () => dossierIngest('dossier', enDir, en, 'auto', null),
    () => dossierIngest('dossier tesseract.js', enDir, en, 'tesseract.js', 'eng'),
    () => dossierIngest('dossier tesseract.js', enDir, en, 'tesseract.js', null),
  ]);

  const zhDir = path.join(root, 'chinese');
  fs.mkdirSync(zhDir);
  const t0 = performance.now();
  const zh = await chinesePages(zhDir);
  console.log(`\nrendered ${zh.pages.length} Chinese pages in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  const chinese = await runSet('Chinese (prc-laws, rendered and degraded)', zh.pages, [
    () => plainTesseract(zh.pages, 'chi_sim+eng'),
    () => dossierIngest('dossier', zhDir, zh.pages, 'auto', null),
    () => dossierIngest('dossier tesseract.js', zhDir, zh.pages, 'tesseract.js', null),
  ]);
  results.chinese = { ...chinese, rendered: zh.details };

  const sample = [en.find((p) => p.name === '8087_054.3B.tif'), zh.pages.find((p) => p.expectedRotation === 0)].filter((p): p is Page => Boolean(p));
  const stageRows = [];
  for (const page of sample) stageRows.push(await stages(page, 'chi_sim+eng'));
  console.log('\nWhere a page\'s time goes (one process, one sample each, seconds): Dossier converts the image to PNG, checks it is not blank, runs OSD, then recognises the PNG');
  console.log(table(stageRows));
  results.stages = stageRows;
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
results.loadAfter = fs.readFileSync('/proc/loadavg', 'utf8').trim();
writeResult('ocr', results);
console.log('\nwritten to bench/out/ocr.json');
