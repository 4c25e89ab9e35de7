/**
 * parseTesseractTsv: tesseract's TSV output (one row per page, block, paragraph, line and word)
 * into words with boxes and a text with lines and paragraphs. Tesseract writes each Chinese
 * character as a word of its own; they are joined without spaces, Latin words with one.
 */
import { describe, expect, it } from 'vitest';
import { parseTesseractTsv } from '../src/platform/ocr/tesseract-tsv.js';

const HEADER = ['level', 'page_num', 'block_num', 'par_num', 'line_num', 'word_num', 'left', 'top', 'width', 'height', 'conf', 'text'].join('\t');

/** One TSV row: level, block, paragraph, line, word, box, confidence, text (page is always 1). */
function row(level: number, block: number, par: number, line: number, word: number, box: [number, number, number, number], conf: number, text = ''): string {
  return [level, 1, block, par, line, word, ...box, conf, text].join('\t');
}

/**
 * A page of 800×600 with two blocks:
 *   block 1, paragraph 1: line 1 "新疆 维吾尔" (characters as separate words, plus a conf -1
 *     row with a space, as tesseract writes with preserve_interword_spaces), line 2 "Hello world."
 *   block 1, paragraph 2: line 1 "Second paragraph"
 *   block 2, paragraph 1: line 1 "培训中心 2017"
 */
const TSV = [
  HEADER,
  row(1, 0, 0, 0, 0, [0, 0, 800, 600], -1),
  row(2, 1, 0, 0, 0, [40, 30, 500, 200], -1),
  row(3, 1, 1, 0, 0, [40, 30, 500, 120], -1),
  row(4, 1, 1, 1, 0, [40, 30, 300, 50], -1),
  row(5, 1, 1, 1, 1, [40, 30, 50, 50], 96.5, '新'),
  row(5, 1, 1, 1, 2, [92, 30, 50, 50], 95.25, '疆'),
  row(5, 1, 1, 1, 3, [142, 30, 0, 0], -1, ' '),
  row(5, 1, 1, 1, 4, [160, 30, 50, 50], 91, '维'),
  row(5, 1, 1, 1, 5, [212, 30, 50, 50], 90, '吾'),
  row(5, 1, 1, 1, 6, [264, 30, 50, 50], 89, '尔'),
  row(4, 1, 1, 2, 0, [40, 100, 260, 40], -1),
  row(5, 1, 1, 2, 1, [40, 100, 120, 40], 93, 'Hello'),
  row(5, 1, 1, 2, 2, [170, 100, 130, 40], 92, 'world.'),
  row(3, 1, 2, 0, 0, [40, 180, 400, 40], -1),
  row(4, 1, 2, 1, 0, [40, 180, 400, 40], -1),
  row(5, 1, 2, 1, 1, [40, 180, 150, 40], 88, 'Second'),
  row(5, 1, 2, 1, 2, [200, 180, 240, 40], 87, 'paragraph'),
  row(2, 2, 0, 0, 0, [40, 400, 400, 50], -1),
  row(3, 2, 1, 0, 0, [40, 400, 400, 50], -1),
  row(4, 2, 1, 1, 0, [40, 400, 400, 50], -1),
  row(5, 2, 1, 1, 1, [40, 400, 50, 50], 80, '培'),
  row(5, 2, 1, 1, 2, [92, 400, 50, 50], 81, '训'),
  row(5, 2, 1, 1, 3, [144, 400, 50, 50], 82, '中'),
  row(5, 2, 1, 1, 4, [196, 400, 50, 50], 83, '心'),
  row(5, 2, 1, 1, 5, [300, 400, 100, 50], 84, '2017'),
].join('\n');

describe('parseTesseractTsv', () => {
  const result = parseTesseractTsv(`${TSV}\n`);

  it('joins Chinese characters without spaces and Latin words with one, a line per line, a blank line between paragraphs', () => {
    expect(result.text).toBe(['新疆维吾尔', 'Hello world.', '', 'Second paragraph', '', '培训中心2017'].join('\n'));
  });

  it('keeps each word with its box and confidence', () => {
    expect(result.words.map((w) => w.text)).toEqual(['新', '疆', '维', '吾', '尔', 'Hello', 'world.', 'Second', 'paragraph', '培', '训', '中', '心', '2017']);
    expect(result.words[0]).toEqual({ text: '新', x: 40, y: 30, w: 50, h: 50, conf: 96.5 });
    expect(result.words[6]).toEqual({ text: 'world.', x: 170, y: 100, w: 130, h: 40, conf: 92 });
  });

  it('ignores the conf -1 rows: page, block, paragraph and line rows, and empty words', () => {
    expect(result.words).toHaveLength(14);
    expect(result.words.every((w) => w.conf >= 0 && w.text.trim() !== '')).toBe(true);
    const confs = [96.5, 95.25, 91, 90, 89, 93, 92, 88, 87, 80, 81, 82, 83, 84];
    expect(result.meanConfidence).toBeCloseTo(confs.reduce((a, b) => a + b, 0) / confs.length, 6);
  });

  it('takes the page size from the page row (level 1)', () => {
    expect({ width: result.width, height: result.height }).toEqual({ width: 800, height: 600 });
  });

  it('reads a page with no words as empty text, no words and mean confidence 0', () => {
    const empty = parseTesseractTsv([HEADER, row(1, 0, 0, 0, 0, [0, 0, 640, 480], -1), row(2, 1, 0, 0, 0, [0, 0, 640, 480], -1)].join('\n'));
    expect(empty).toEqual({ text: '', words: [], meanConfidence: 0, width: 640, height: 480 });
    expect(parseTesseractTsv('')).toEqual({ text: '', words: [], meanConfidence: 0, width: 0, height: 0 });
  });

  it('starts a new line when only the line number changes, and keeps Chinese punctuation joined', () => {
    const tsv = [
      HEADER,
      row(1, 0, 0, 0, 0, [0, 0, 300, 200], -1),
      row(5, 1, 1, 1, 1, [0, 0, 20, 20], 90, '第'),
      row(5, 1, 1, 1, 2, [20, 0, 20, 20], 90, '一'),
      row(5, 1, 1, 1, 3, [40, 0, 20, 20], 90, '，'),
      row(5, 1, 1, 1, 4, [60, 0, 20, 20], 90, '二'),
      row(5, 1, 1, 2, 1, [0, 30, 40, 20], 90, 'next'),
      row(5, 1, 1, 2, 2, [50, 30, 40, 20], 90, 'line'),
    ].join('\n');
    expect(parseTesseractTsv(tsv).text).toBe('第一，二\nnext line');
  });
});
