/**
 * Test pages for bench/ocr.ts: Chinese pages rendered from real text (shared/corpus/prc-laws) the
 * way a scan looks (300 dpi A4, a serif or sans CJK font, a slight skew, blur, grain and specks,
 * some pages upside down or sideways), and the character error rate that scores OCR output.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

/** A seeded random number generator (mulberry32): the same pages on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Levenshtein distance over code points, two rows of memory. */
export function levenshtein(a: string, b: string): number {
  const s = Array.from(a);
  const t = Array.from(b);
  if (s.length === 0) return t.length;
  if (t.length === 0) return s.length;
  let previous = new Int32Array(t.length + 1).map((_, j) => j);
  let current = new Int32Array(t.length + 1);
  for (let i = 1; i <= s.length; i++) {
    current[0] = i;
    const si = s[i - 1];
    for (let j = 1; j <= t.length; j++) {
      const cost = si === t[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    [previous, current] = [current, previous];
  }
  return previous[t.length]!;
}

/**
 * The text OCR output and ground truth are compared on: whitespace collapsed to one space (Latin
 * text), or removed (Chinese text, where tesseract puts spaces between characters). Nothing else.
 */
export function normalise(text: string, script: 'latin' | 'han'): string {
  return script === 'han' ? text.replace(/\s+/gu, '') : text.replace(/\s+/gu, ' ').trim();
}

/** Character error rate: edit distance over the reference length, both normalised the same way. */
export function characterErrorRate(hypothesis: string, reference: string, script: 'latin' | 'han'): number {
  const ref = normalise(reference, script);
  return levenshtein(normalise(hypothesis, script), ref) / Math.max(1, Array.from(ref).length);
}

export interface RenderedPage {
  file: string;
  /** The text drawn on the page, paragraphs separated by blank lines. */
  truth: string;
  source: string;
  font: string;
  skewDegrees: number;
  /** Quarter turn applied after the skew (degrees clockwise); Dossier should turn it back by (360 - this) % 360. */
  quarterTurn: number;
  noiseSigma: number;
  specks: number;
}

const HAN = /\p{Script=Han}/u;
const WIDE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019]/u;

/** Paragraphs of a prc-laws markdown file that are plain running text, mostly Chinese. */
function lawParagraphs(markdown: string): string[] {
  const body = markdown.includes('<!-- INFO END -->') ? markdown.slice(markdown.indexOf('<!-- INFO END -->')) : markdown;
  return body
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => {
      if (p.length < 20 || /^(#|<!--|---|\||>|!\[)/.test(p) || /[|*`[\]_#]/.test(p)) return false;
      const han = Array.from(p).filter((c) => HAN.test(c)).length;
      return han / Array.from(p).length > 0.75;
    });
}

function listMarkdown(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listMarkdown(full));
    else if (entry.name.endsWith('.md') && !entry.name.startsWith('_') && entry.name !== 'README.md') out.push(full);
  }
  return out.sort();
}

/** Break a paragraph into lines at most `em` wide (CJK characters 1 em, others 0.6 em, conservatively). */
function wrap(paragraph: string, em: number, indent: number): string[] {
  const lines: string[] = [];
  let line = '';
  let width = indent;
  for (const c of Array.from(paragraph)) {
    const w = WIDE.test(c) ? 1 : 0.6;
    if (width + w > em && line) {
      lines.push(line);
      line = '';
      width = 0;
    }
    line += c;
    width += w;
  }
  if (line) lines.push(line);
  return lines;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const PAGE_WIDTH = 2480;
export const PAGE_HEIGHT = 3508;

/**
 * Render `count` pages of Chinese text from prc-laws into `dir` as greyscale PNGs at 300 dpi,
 * degraded like a scan. `quarterTurns` lists, by page index, pages turned by 90/180/270 degrees.
 */
export async function renderChinesePages(lawsDir: string, dir: string, count: number, seed: number, quarterTurns: Record<number, number>): Promise<RenderedPage[]> {
  const random = seededRandom(seed);
  const between = (lo: number, hi: number) => lo + random() * (hi - lo);
  const files = listMarkdown(lawsDir);
  const fonts = ['Noto Serif CJK SC', 'Noto Serif CJK SC', 'Noto Sans CJK SC'];
  const pages: RenderedPage[] = [];
  while (pages.length < count) {
    const source = files[Math.floor(random() * files.length)]!;
    const paragraphs = lawParagraphs(fs.readFileSync(source, 'utf8'));
    if (paragraphs.length < 3) continue;
    const target = Math.round(between(300, 550));
    const chosen: string[] = [];
    let total = 0;
    for (let i = Math.floor(random() * paragraphs.length); i < paragraphs.length && total < target; i++) {
      let p = paragraphs[i]!;
      if (total + p.length > target + 150) p = Array.from(p).slice(0, Math.max(40, target + 150 - total)).join('');
      chosen.push(p);
      total += p.length;
    }
    if (total < 200) continue;

    const index = pages.length;
    const font = fonts[Math.floor(random() * fonts.length)]!;
    const size = Math.round(between(42, 54)); // 10–13 pt at 300 dpi
    const margin = 250;
    const em = (PAGE_WIDTH - 2 * margin) / size;
    const lineHeight = Math.round(size * 1.7);
    const texts: string[] = [];
    const drawn: string[] = [];
    let y = margin + size;
    for (const paragraph of chosen) {
      const lines = wrap(paragraph, em, 2);
      const fit = lines.filter((_, k) => y + k * lineHeight <= PAGE_HEIGHT - margin);
      if (fit.length === 0) break;
      fit.forEach((line, k) => texts.push(`<text x="${margin + (k === 0 ? 2 * size : 0)}" y="${y + k * lineHeight}">${escapeXml(line)}</text>`));
      drawn.push(fit.join(''));
      y += fit.length * lineHeight + Math.round(lineHeight * 0.4);
    }
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE_WIDTH}" height="${PAGE_HEIGHT}"><rect width="100%" height="100%" fill="#fff"/><g font-family="${font}" font-size="${size}" fill="#111">${texts.join('')}</g></svg>`;

    // Skew by up to ±2° on white, crop back to A4, soften a little as a scanner does.
    const skew = Math.round(between(-2, 2) * 100) / 100;
    const skewed = await sharp(Buffer.from(svg), { density: 72 }).flatten({ background: '#ffffff' }).rotate(skew, { background: '#ffffff' }).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
    if (skewed.info.channels !== 1) throw new Error(`expected one channel, got ${skewed.info.channels}`);
    const left = Math.floor((skewed.info.width - PAGE_WIDTH) / 2);
    const top = Math.floor((skewed.info.height - PAGE_HEIGHT) / 2);
    const pixels = await sharp(skewed.data, { raw: { width: skewed.info.width, height: skewed.info.height, channels: 1 } })
      .extract({ left, top, width: PAGE_WIDTH, height: PAGE_HEIGHT })
      .blur(0.7)
      .toColourspace('b-w')
      .raw()
      .toBuffer({ resolveWithObject: true })
      .then(({ data, info }) => {
        if (info.channels !== 1) throw new Error(`expected one channel, got ${info.channels}`);
        return data;
      });

    // Grain (gaussian, Box–Muller) and dark specks of dust.
    const sigma = Math.round(between(5, 14));
    for (let i = 0; i < pixels.length; i += 2) {
      const r = Math.sqrt(-2 * Math.log(random() || 1e-12));
      const theta = 2 * Math.PI * random();
      pixels[i] = Math.max(0, Math.min(255, pixels[i]! + sigma * r * Math.cos(theta)));
      if (i + 1 < pixels.length) pixels[i + 1] = Math.max(0, Math.min(255, pixels[i + 1]! + sigma * r * Math.sin(theta)));
    }
    const specks = Math.round(between(80, 400));
    for (let s = 0; s < specks; s++) {
      const cx = Math.floor(random() * PAGE_WIDTH);
      const cy = Math.floor(random() * PAGE_HEIGHT);
      const radius = between(0.8, 2.6);
      const shade = Math.floor(between(0, 90));
      for (let dy = -Math.ceil(radius); dy <= Math.ceil(radius); dy++) {
        for (let dx = -Math.ceil(radius); dx <= Math.ceil(radius); dx++) {
          const x = cx + dx;
          const yy = cy + dy;
          if (x < 0 || yy < 0 || x >= PAGE_WIDTH || yy >= PAGE_HEIGHT || dx * dx + dy * dy > radius * radius) continue;
          pixels[yy * PAGE_WIDTH + x] = shade;
        }
      }
    }

    const quarterTurn = quarterTurns[index] ?? 0;
    const file = path.join(dir, `zh-${String(index + 1).padStart(2, '0')}${quarterTurn ? `-turned-${quarterTurn}` : ''}.png`);
    await sharp(pixels, { raw: { width: PAGE_WIDTH, height: PAGE_HEIGHT, channels: 1 } })
      .rotate(quarterTurn)
      .toColourspace('b-w')
      .withDensity(300)
      .png()
      .toFile(file);
    pages.push({ file, truth: drawn.join('\n\n'), source: path.relative(lawsDir, source), font, skewDegrees: skew, quarterTurn, noiseSigma: sigma, specks });
  }
  return pages;
}
