/**
 * The reading aid over a Chinese original: its words with tone-marked pinyin and their first
 * CC-CEDICT glosses; other text as it is. CC-CEDICT © MDBG, CC BY-SA 4.0.
 */
import { lookUpWords, toneMarks } from './cedict-glosses.js';

export interface AidedPiece {
  text: string;
  pinyin?: string;
  gloss?: string;
}

export const CEDICT_CREDIT = 'Pinyin and glosses from CC-CEDICT (© MDBG, CC BY-SA 4.0)';

export function readingAid(text: string): AidedPiece[] {
  return lookUpWords(text).map((p) => (p.entry ? { text: p.text, pinyin: toneMarks(p.entry.pinyin), gloss: p.entry.gloss } : { text: p.text }));
}
