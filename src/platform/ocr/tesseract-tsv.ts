import type { OcrResult, OcrWord } from '../../domain/ocr.js';

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

/** Join two words of one line: a space between Latin words, none between CJK characters. */
function joiner(left: string, right: string): string {
  const a = left.slice(-1);
  const b = right.slice(0, 1);
  return CJK.test(a) || CJK.test(b) ? '' : ' ';
}

/**
 * Parse tesseract's TSV output (level 5 rows are words) into words with boxes and a text with
 * lines and paragraphs. Tesseract separates Chinese characters with spaces; they are joined here.
 */
export function parseTesseractTsv(tsv: string): OcrResult {
  const words: OcrWord[] = [];
  const lines: string[] = [];
  let width = 0;
  let height = 0;
  let key = '';
  let paragraph = '';
  let line = '';
  for (const row of tsv.split('\n').slice(1)) {
    const cols = row.split('\t');
    if (cols.length < 12) continue;
    const [level, , block, par, lineNum, , left, top, w, h, conf] = cols.map(Number) as number[];
    const text = cols.slice(11).join('\t').trim();
    if (level === 1) {
      width = w!;
      height = h!;
      continue;
    }
    if (level !== 5 || text === '') continue;
    const here = `${block}/${par}/${lineNum}`;
    const para = `${block}/${par}`;
    if (here !== key) {
      if (line) lines.push(line);
      if (paragraph && para !== paragraph) lines.push('');
      line = '';
      key = here;
      paragraph = para;
    }
    line = line ? line + joiner(line, text) + text : text;
    words.push({ text, x: left!, y: top!, w: w!, h: h!, conf: Math.max(0, conf!) });
  }
  if (line) lines.push(line);
  const meanConfidence = words.length ? words.reduce((s, w) => s + w.conf, 0) / words.length : 0;
  return { text: lines.join('\n').trim(), words, meanConfidence, width, height };
}
