/**
 * What two sentences in different languages can share beyond their length: numbers (2017,
 * 3.5, 1,200), Latin words left in the Chinese (NASA, iPhone), and CC-CEDICT words whose English
 * gloss appears in the translation (培训 "to train" ↔ "training"). English words are compared by
 * their first five letters, a crude stem that lets "educate" meet "education".
 */
import { lookUpWords } from './cedict-glosses.js';

const STOP = new Set(
  'the a an and or of to in on at for with by from as is are be was were been this that these those it its one ones sb sth etc used form bound classifier abbr old variant surname kind word measure particle also not do does have has he she they we you i me my your our his her their who what which when where there here how all some any no yes so such very more most than then into out up down over under about after before again just only can could would should will may might must shall let make made get got take put lit fig esp someone something person people'.split(' '),
);

/** The comparable stem of an English word, or null for a word too short or too common to tell. */
export function stem(word: string): string | null {
  const w = word.toLowerCase().replace(/['’]s$/, '');
  if (w.length < 3 || STOP.has(w) || !/^[a-z]/.test(w)) return null;
  return w.slice(0, 5);
}

/** Numbers as digits without separators; full-width digits folded. */
export function numbersOf(text: string): string[] {
  const folded = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  return Array.from(folded.matchAll(/\d[\d,，]*(?:\.\d+)?/g), (m) => m[0].replace(/[,，]/g, '').replace(/\.0+$/, '')).filter((n) => n.length > 0);
}

export interface SourceFeatures {
  /** Length in characters, spaces left out. */
  length: number;
  numbers: string[];
  /** Dictionary words: the stems of their glosses, and how much a match counts (less for one character). */
  words: Array<{ stems: Set<string>; weight: number }>;
}

export interface TargetFeatures {
  length: number;
  numbers: string[];
  stems: Set<string>;
}

const charLength = (text: string) => text.replace(/\s+/g, '').length;

export function sourceFeatures(sentence: string, withWords: boolean): SourceFeatures {
  const words: SourceFeatures['words'] = [];
  if (withWords) {
    for (const piece of lookUpWords(sentence)) {
      if (piece.entry) {
        const gloss = piece.entry.gloss.replace(/\([^)]*\)/g, ' ').replace(/\S*\p{Script=Han}\S*/gu, ' ');
        const stems = new Set(Array.from(gloss.matchAll(/[A-Za-zÀ-ÿ'’-]+/g), (m) => stem(m[0])).filter((s): s is string => s !== null));
        if (stems.size) words.push({ stems, weight: Array.from(piece.text).length > 1 ? 1 : 0.3 });
      } else {
        // Latin words left in the original (names, acronyms) match themselves.
        for (const m of piece.text.matchAll(/[A-Za-z][A-Za-z'’-]+/g)) {
          const s = stem(m[0]);
          if (s) words.push({ stems: new Set([s]), weight: 1.5 });
        }
      }
    }
  }
  return { length: charLength(sentence), numbers: numbersOf(sentence), words };
}

export function targetFeatures(sentence: string): TargetFeatures {
  const stems = new Set(Array.from(sentence.matchAll(/[A-Za-zÀ-ÿ'’-]+/g), (m) => stem(m[0])).filter((s): s is string => s !== null));
  return { length: charLength(sentence), numbers: numbersOf(sentence), stems };
}
