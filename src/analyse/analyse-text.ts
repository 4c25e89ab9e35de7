import { stemmer } from 'stemmer';
import { bundledNames, type NameEntry, type NamesDictionary } from './dictionary/names-dictionary.js';
import { exactChar, foldChar } from './normalise/normalise.js';
import { pinyinSyllables } from './pinyin/pinyin.js';
import { Segmenter } from './segment/segmenter.js';

/** One token and where it came from: [start, end) in UTF-16 units of the original text. */
export interface Token {
  t: string;
  s: number;
  e: number;
}

/**
 * Dossier's token streams for one text, one per search field:
 * - exact: the text's own script (NFKC, radical look-alikes fixed, lower case, accents kept)
 * - norm: folded (no accents, traditional → simplified)
 * - stem: English stems of Latin words
 * - py: joined pinyin of each known Han word of two or more characters (习近平 → xijinping)
 * - pys: the syllables of those words, with a boundary token between words so that a syllable
 *   phrase never spans two words (西|金平 is not "xi jin ping")
 * Han, kana and hangul become overlapping bigrams in exact and norm, so any substring of two or
 * more characters is findable; a lone character is its own token.
 */
export interface AnalysedText {
  exact: Token[];
  norm: Token[];
  stem: Token[];
  py: Token[];
  pys: Token[];
}

/** The token that separates words in the syllable stream. */
export const WORD_BOUNDARY = '_';

const enum Kind {
  Separator,
  Word,
  Cjk,
}

const kinds = new Map<number, Kind>();

function kindOf(code: number, ch: string): Kind {
  if (code < 128) {
    if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return Kind.Word;
    return Kind.Separator;
  }
  let kind = kinds.get(code);
  if (kind === undefined) {
    if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(ch)) kind = Kind.Cjk;
    else if (/[\p{L}\p{N}\p{M}]/u.test(ch)) kind = Kind.Word;
    else kind = Kind.Separator;
    kinds.set(code, kind);
  }
  return kind;
}

let defaultChain: TextAnalyser | null = null;

/**
 * The analysis chain with the bundled dictionary and a workspace's own names (`dossier dict add`):
 * what main.ts and every extraction process build, so that both sides analyse alike.
 */
export function analyserWithNames(extra: Array<{ han: string; aliases: string[]; type: string }>): TextAnalyser {
  const names = bundledNames();
  for (const entry of extra) names.add({ han: entry.han, aliases: entry.aliases, type: entry.type as NameEntry['type'] });
  return new TextAnalyser(names);
}

/** The analysis chain with the bundled dictionary, created once per process. */
export function defaultAnalyser(): TextAnalyser {
  defaultChain ??= new TextAnalyser(bundledNames());
  return defaultChain;
}

export class TextAnalyser {
  readonly segmenter: Segmenter;

  constructor(readonly names: NamesDictionary) {
    this.segmenter = new Segmenter(names);
  }

  /** Analyse a text; without pinyin (for highlighting) the segmenter is not run at all. */
  analyse(text: string, options: { pinyin?: boolean } = {}): AnalysedText {
    const withPinyin = options.pinyin ?? true;
    const out: AnalysedText = { exact: [], norm: [], stem: [], py: [], pys: [] };
    let i = 0;
    const n = text.length;
    while (i < n) {
      const code = text.codePointAt(i)!;
      const ch = String.fromCodePoint(code);
      const kind = kindOf(code, ch);
      if (kind === Kind.Separator) {
        i += ch.length;
        continue;
      }
      // Collect a run of one kind, char by char, keeping each char's offsets.
      const chars: Array<{ s: number; e: number; x: string; f: string }> = [];
      let j = i;
      while (j < n) {
        const c = text.codePointAt(j)!;
        const cs = String.fromCodePoint(c);
        if (kindOf(c, cs) !== kind) break;
        chars.push({ s: j, e: j + cs.length, x: c < 128 ? cs.toLowerCase() : exactChar(cs), f: c < 128 ? cs.toLowerCase() : foldChar(cs) });
        j += cs.length;
      }
      if (kind === Kind.Word) this.addWord(chars, out);
      else this.addCjk(chars, out, withPinyin);
      i = j;
    }
    return out;
  }

  private addWord(chars: Array<{ s: number; e: number; x: string; f: string }>, out: AnalysedText): void {
    const s = chars[0]!.s;
    const e = chars[chars.length - 1]!.e;
    const exact = chars.map((c) => c.x).join('');
    const norm = chars.map((c) => c.f).join('');
    if (!exact) return;
    out.exact.push({ t: exact, s, e });
    out.norm.push({ t: norm, s, e });
    if (/^[a-z]+$/.test(norm)) out.stem.push({ t: norm.length > 2 ? stemmer(norm) : norm, s, e });
  }

  private addCjk(chars: Array<{ s: number; e: number; x: string; f: string }>, out: AnalysedText, withPinyin: boolean): void {
    if (chars.length === 1) {
      const c = chars[0]!;
      out.exact.push({ t: c.x, s: c.s, e: c.e });
      out.norm.push({ t: c.f, s: c.s, e: c.e });
    } else {
      for (let k = 0; k + 1 < chars.length; k++) {
        const a = chars[k]!;
        const b = chars[k + 1]!;
        out.exact.push({ t: a.x + b.x, s: a.s, e: b.e });
        out.norm.push({ t: a.f + b.f, s: a.s, e: b.e });
      }
    }
    if (withPinyin) this.addPinyin(chars, out);
  }

  /** Segment the folded run into words and add the pinyin of known words of 2+ characters. */
  private addPinyin(chars: Array<{ s: number; e: number; f: string }>, out: AnalysedText): void {
    const folded = chars.map((c) => c.f).join('');
    if (!/\p{Script=Han}/u.test(folded) || folded.length !== chars.length) return;
    let k = 0;
    for (const word of this.segmenter.cut(folded)) {
      const len = Array.from(word).length;
      const first = chars[k];
      const last = chars[k + len - 1];
      k += len;
      if (!first || !last || len < 2 || !/^\p{Script=Han}+$/u.test(word)) {
        continue;
      }
      const syllables = pinyinSyllables(word);
      if (syllables.length !== len) continue;
      out.py.push({ t: syllables.join(''), s: first.s, e: last.e });
      // Known words inside a compound (新疆 in 新疆维吾尔自治区) get their own pinyin token too.
      const wordChars = Array.from(word);
      for (const part of this.segmenter.subWords(word)) {
        const at = Array.from(word.slice(0, word.indexOf(part))).length;
        const partLen = Array.from(part).length;
        const partSyllables = syllables.slice(at, at + partLen);
        if (partSyllables.length === partLen && wordChars.length > at) out.py.push({ t: partSyllables.join(''), s: chars[k - len + at]!.s, e: chars[k - len + at + partLen - 1]!.e });
      }
      if (out.pys.length > 0) out.pys.push({ t: WORD_BOUNDARY, s: first.s, e: first.s });
      syllables.forEach((syllable, index) => {
        const c = chars[k - len + index]!;
        out.pys.push({ t: syllable, s: c.s, e: c.e });
      });
    }
  }
}

/** Tokens joined by spaces: the form written to a full-text column. */
export function streamOf(tokens: Token[]): string {
  return tokens.map((t) => t.t).join(' ');
}
