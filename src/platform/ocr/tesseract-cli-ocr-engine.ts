import { spawn } from 'node:child_process';
import type { OcrResult } from '../../domain/ocr.js';
import { parseTesseractTsv } from './tesseract-tsv.js';

function run(args: string[], timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    // One thread per process: Dossier runs one process per core, and OpenMP threads fighting over
    // the same cores made pages take minutes on a loaded machine.
    const child = spawn('tesseract', args, { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d.slice(0, 8000)));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/** The tesseract program (Debian's tesseract-ocr with chi_sim, chi_tra, eng, osd), one page per call. */
export class TesseractCliOcrEngine {
  readonly name = 'tesseract';
  private cachedVersion: string | null = null;

  constructor(private readonly timeoutMs = 300_000) {}

  async version(): Promise<string> {
    if (this.cachedVersion) return this.cachedVersion;
    const out = await run(['--version'], 10_000);
    this.cachedVersion = /tesseract\s+(\S+)/.exec(out.stdout + out.stderr)?.[1] ?? 'unknown';
    return this.cachedVersion;
  }

  async languages(): Promise<string[]> {
    const out = await run(['--list-langs'], 10_000);
    return (out.stdout + out.stderr).split('\n').slice(1).map((l) => l.trim()).filter((l) => /^[a-z_]+$/.test(l));
  }

  private installed: Promise<string[]> | null = null;

  async recognise(image: string, langs: string): Promise<OcrResult> {
    this.installed ??= this.languages();
    const available = await this.installed;
    const missing = langs.split('+').filter((l) => !available.includes(l));
    // tesseract drops an unknown language from a list without a word; say so instead.
    if (missing.length) throw new Error(`OCR language ${missing.join(', ')} is not installed (installed: ${available.join(', ')})`);
    const out = await run([image, 'stdout', '-l', langs, '--psm', '3', '-c', 'preserve_interword_spaces=1', 'tsv'], this.timeoutMs);
    if (out.timedOut) throw new Error(`tesseract ran past ${Math.round(this.timeoutMs / 1000)} s on this page`);
    if (out.code !== 0) throw new Error(`tesseract failed: ${out.stderr.trim().split('\n').pop() ?? `exit ${out.code}`}`);
    return parseTesseractTsv(out.stdout);
  }

  /** Page orientation from tesseract's OSD: degrees to turn the image clockwise, and confidence. */
  async detectOrientation(image: string): Promise<{ rotate: number; confidence: number } | null> {
    const out = await run([image, 'stdout', '--psm', '0', '-l', 'osd'], 60_000);
    const rotate = /Rotate:\s*(\d+)/.exec(out.stdout);
    const confidence = /Orientation confidence:\s*([\d.]+)/.exec(out.stdout);
    if (out.code !== 0 || !rotate || !confidence) return null;
    return { rotate: Number(rotate[1]), confidence: Number(confidence[1]) };
  }

  async close(): Promise<void> {}
}
