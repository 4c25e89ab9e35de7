import { foldText } from '../normalise/normalise.js';
import type { Segmenter } from './segmenter.js';

/** A word of a text and where it is: [start, end) in UTF-16 units. */
export interface Word {
  text: string;
  start: number;
  end: number;
}

/**
 * The words of a text as a reader would count them: Han runs cut by the segmenter (with the
 * names dictionary, so 陈全国 is one word), Latin and other letter runs split at non-letters,
 * punctuation and spaces left out. What `dossier analyse` prints as tokens.
 */
export function segmentWords(text: string, segmenter: Segmenter): Word[] {
  const out: Word[] = [];
  for (const run of text.matchAll(/\p{Script=Han}+|[\p{L}\p{N}\p{M}]+(?:['’][\p{L}]+)*/gu)) {
    const start = run.index;
    if (/^\p{Script=Han}/u.test(run[0])) {
      // jieba's dictionary is simplified: cut the folded run, then take the words from the original.
      const folded = foldText(run[0]);
      const words = folded.length === run[0].length ? segmenter.cut(folded) : segmenter.cut(run[0]);
      let at = start;
      for (const word of words) {
        out.push({ text: text.slice(at, at + word.length), start: at, end: at + word.length });
        at += word.length;
      }
    } else {
      out.push({ text: run[0], start, end: start + run[0].length });
    }
  }
  return out;
}
