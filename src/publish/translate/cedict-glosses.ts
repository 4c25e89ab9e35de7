/**
 * CC-CEDICT's words with their pinyin and first English glosses (resources/cedict/glosses.tsv.gz,
 * derived by scripts/build-cedict-glosses.ts; CC BY-SA 4.0, © MDBG). Read once, on first use:
 * the reading aid looks words up, the aligner takes their glosses as anchors.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { foldText } from '../../analyse/index.js';

export interface GlossEntry {
  word: string;
  /** Numbered pinyin as CC-CEDICT writes it (xue2 xiao4). */
  pinyin: string;
  gloss: string;
}

const FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'resources', 'cedict', 'glosses.tsv.gz');
export const MAX_WORD = 4;

let dictionary: Map<string, GlossEntry> | null = null;

export function cedictGlosses(): Map<string, GlossEntry> {
  if (dictionary) return dictionary;
  dictionary = new Map();
  for (const line of zlib.gunzipSync(fs.readFileSync(FILE)).toString('utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [word, pinyin, gloss] = line.split('\t');
    if (word && pinyin && gloss) dictionary.set(word, { word, pinyin, gloss });
  }
  return dictionary;
}

const HAN = /\p{Script=Han}/u;

/** A stretch of text: a dictionary word with its entry, or anything else as it is. */
export interface TextPiece {
  text: string;
  entry: GlossEntry | null;
}

/**
 * Cut a text into dictionary words by forward maximum matching (longest word first), over the
 * simplified form so traditional text finds its entries too; the original characters are kept.
 */
export function lookUpWords(text: string): TextPiece[] {
  const dict = cedictGlosses();
  const chars = Array.from(text);
  const simple = chars.map((c) => (HAN.test(c) ? foldText(c) : c));
  const out: TextPiece[] = [];
  let plain = '';
  for (let i = 0; i < chars.length; ) {
    let found: GlossEntry | null = null;
    let length = 0;
    if (HAN.test(chars[i]!)) {
      for (let n = Math.min(MAX_WORD, chars.length - i); n >= 1; n--) {
        const entry = dict.get(simple.slice(i, i + n).join(''));
        if (entry) {
          found = entry;
          length = n;
          break;
        }
      }
    }
    if (!found) {
      plain += chars[i];
      i++;
      continue;
    }
    if (plain) out.push({ text: plain, entry: null });
    plain = '';
    out.push({ text: chars.slice(i, i + length).join(''), entry: found });
    i += length;
  }
  if (plain) out.push({ text: plain, entry: null });
  return out;
}

const TONE_MARKS: Record<string, string[]> = {
  a: ['ā', 'á', 'ǎ', 'à'], e: ['ē', 'é', 'ě', 'è'], i: ['ī', 'í', 'ǐ', 'ì'], o: ['ō', 'ó', 'ǒ', 'ò'], u: ['ū', 'ú', 'ǔ', 'ù'], ü: ['ǖ', 'ǘ', 'ǚ', 'ǜ'],
};

/** xue2 xiao4 → xuéxiào: the mark on a or e, else on the o of ou, else on the last vowel. */
export function toneMarks(numbered: string): string {
  return numbered
    .split(' ')
    .map((syllable) => {
      const m = /^([a-zü:]+)([1-5])$/i.exec(syllable);
      if (!m) return syllable;
      const base = m[1]!.replace(/u:/g, 'ü').replace(/U:/g, 'Ü');
      const tone = Number(m[2]);
      if (tone === 5) return base;
      const lower = base.toLowerCase();
      let at = lower.search(/[ae]/);
      if (at < 0) at = lower.indexOf('ou');
      if (at < 0) for (let k = lower.length - 1; k >= 0; k--) if ('iouü'.includes(lower[k]!)) { at = k; break; }
      if (at < 0) return base;
      const vowel = lower[at]!;
      let marked = TONE_MARKS[vowel]?.[tone - 1] ?? vowel;
      if (base[at] !== lower[at]) marked = marked.toUpperCase();
      return base.slice(0, at) + marked + base.slice(at + 1);
    })
    .join('');
}
