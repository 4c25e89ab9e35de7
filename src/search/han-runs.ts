import { foldText, type TextAnalyser } from '../analyse/index.js';

/**
 * A pasted Chinese sentence or question is one "word" to the query parser (no spaces), and as
 * one phrase it matches only where it is copied verbatim. Split it as a reader would: its Han runs
 * become the words jieba finds in them (with HMM, so an unknown name such as 范廷颂 stays whole)
 * and, for ranking by any term, the bigrams the index holds; other chunks ("3", "ω-force") stay as
 * they are. Null when the term is one word already (习近平, 新疆维吾尔自治区), so that queries which
 * worked before are compiled exactly as before.
 */
export interface SplitTerm {
  /** What `all` must find: the words of two or more characters (a run of only single-character words stays whole) and the other chunks. */
  all: string[];
  /** What `any` ranks by: those words, every bigram of each Han run, and the other chunks. */
  any: string[];
}

const HAN_OR_NOT = /\p{Script=Han}+|[^\p{Script=Han}]+/gu;
const KANA_HANGUL = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Words of a Han run in its own script, segmented on the folded (simplified) form. */
function wordsOf(run: string, analyser: TextAnalyser): string[] {
  const chars = Array.from(run);
  const folded = chars.map((c) => foldText(c));
  // Segment only when folding keeps one character per character, so words map back to the run.
  if (folded.some((f) => Array.from(f).length !== 1)) return [run];
  const out: string[] = [];
  let at = 0;
  for (const { word } of analyser.segmenter.tag(folded.join(''), true)) {
    const len = Array.from(word).length;
    out.push(chars.slice(at, at + len).join(''));
    at += len;
  }
  return at === chars.length ? out : [run];
}

function bigramsOf(run: string): string[] {
  const chars = Array.from(run);
  if (chars.length < 2) return [run];
  return chars.slice(0, -1).map((c, i) => c + chars[i + 1]!);
}

/** Split an unquoted term that holds a Han run of several words; null to keep it as one phrase. */
export function splitHanTerm(text: string, analyser: TextAnalyser): SplitTerm | null {
  if (!/\p{Script=Han}/u.test(text) || KANA_HANGUL.test(text)) return null;
  const chunks = (text.match(HAN_OR_NOT) ?? []).filter((c) => analyser.analyse(c, { pinyin: false }).exact.length > 0);
  const runs = chunks.map((c) => (/\p{Script=Han}/u.test(c) ? { han: true, text: c, words: wordsOf(c, analyser) } : { han: false, text: c, words: [c] }));
  if (runs.length === 1 && runs[0]!.words.length === 1) return null;
  if (runs.length === 1 && Array.from(runs[0]!.text).length <= 2) return null;
  const all: string[] = [];
  const any: string[] = [];
  for (const run of runs) {
    if (!run.han) {
      all.push(run.text);
      any.push(run.text);
      continue;
    }
    const long = run.words.filter((w) => Array.from(w).length >= 2);
    all.push(...(long.length ? long : [run.text]));
    any.push(...long, ...bigramsOf(run.text));
  }
  return { all: [...new Set(all)], any: [...new Set(any)] };
}
