import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { NamesDictionary } from '../dictionary/names-dictionary.js';
import { WordTable } from './word-table.js';

/**
 * Chinese word segmentation: jieba's dictionary plus every name the chain knows, so 陈全国 is one
 * word, not 陈|全国. It runs on folded (simplified) text, the form jieba's dictionary is in.
 * Without HMM new-word guessing: an unknown run like 西金平 stays in pieces, so it never gets the
 * pinyin of a real name.
 */
export class Segmenter {
  private readonly jieba: Jieba;
  private readonly known = new Set<string>();
  /** jieba's tag of each word seen by tagWords, filled on first sight; emptied when words are added. */
  private readonly wordTags = new WordTable();
  /** The sub-words of each long word cut so far (subWords); emptied when words are added. */
  private readonly parts = new Map<string, string[]>();

  constructor(names: NamesDictionary) {
    this.jieba = Jieba.withDict(dict);
    this.addWords(names.hanForms());
  }

  /** Add words (editors' dictionary entries) so they segment as one. */
  addWords(words: string[]): void {
    const fresh = words.filter((w) => w.length > 1 && !this.known.has(w));
    if (fresh.length === 0) return;
    for (const w of fresh) this.known.add(w);
    this.wordTags.clear();
    this.parts.clear(); // a new word may now be found inside a long one
    // A high frequency makes a known name win over the split its characters would otherwise get.
    this.jieba.loadDict(Buffer.from(fresh.map((w) => `${w.replace(/\s+/g, '')} 200000 nr`).join('\n')));
  }

  /** Words of a run of Han text, in order; their lengths add up to the run's. */
  cut(run: string): string[] {
    return this.jieba.cut(run, false);
  }

  /**
   * Words of a run with jieba's part-of-speech tags (nr person, ns place, nt organisation, x for a
   * word only HMM guessed …), for entity extraction. With `hmm`, unknown names come out whole
   * (张敬涛) rather than in characters. Every name the chain knows is tagged nr here, whatever it
   * names: the entity extractor has its own types for them.
   */
  tag(run: string, hmm = true): Array<{ word: string; tag: string }> {
    return this.jieba.tag(run, hmm);
  }

  /**
   * What tag(run, true) returns, as two arrays, for less: jieba's tag() is its cut with HMM plus
   * each word's dictionary tag, and building a tagged object per word across the native boundary
   * costs more than the cut itself (1.6 against 0.65 µs a character). Here the cut crosses it and
   * each word's tag is looked up once per process (words not seen yet go to jieba in one call).
   */
  tagWords(run: string): { words: string[]; tags: string[] } {
    const words = this.jieba.cut(run, true);
    const tags = new Array<string>(words.length);
    let missing: string[] | null = null;
    for (let i = 0; i < words.length; i++) {
      const tag = this.wordTags.get(words[i]!);
      if (tag === undefined) (missing ??= []).push(words[i]!);
      else tags[i] = tag;
    }
    if (missing) {
      this.learnTags(missing, run);
      for (let i = 0; i < words.length; i++) tags[i] ??= this.wordTags.get(words[i]!)!;
    }
    return { words, tags };
  }

  /**
   * Tags of words not seen yet: each alone, between line breaks, in one call. A word jieba cuts
   * further when alone (而来 → 而|来, though 而来 is in its dictionary) takes its tag from tag() on
   * the whole run, so the tags are always tag()'s.
   */
  private learnTags(words: string[], run: string): void {
    if (this.wordTags.size > 500_000) this.wordTags.clear();
    const plain = [...new Set(words)].filter((w) => !/\s/.test(w));
    for (const w of words) if (/\s/.test(w)) this.wordTags.set(w, outOfDictionaryTag(w));
    let k = 0;
    let pieces: Array<{ word: string; tag: string }> = [];
    let split: Set<string> | null = null;
    const settle = () => {
      const word = plain[k++];
      if (word === undefined) return;
      if (pieces.length === 1 && pieces[0]!.word === word) this.wordTags.set(word, pieces[0]!.tag);
      else (split ??= new Set()).add(word);
      pieces = [];
    };
    for (const piece of this.jieba.tag(plain.join('\n'), true)) {
      if (piece.word === '\n') settle();
      else pieces.push(piece);
    }
    settle();
    const cutFurther = split as Set<string> | null; // assigned in settle(), which TypeScript does not follow
    if (cutFurther) {
      for (const { word, tag } of this.jieba.tag(run, true)) if (cutFurther.has(word)) this.wordTags.set(word, tag);
      for (const word of cutFurther) if (!this.wordTags.has(word)) this.wordTags.set(word, outOfDictionaryTag(word));
    }
  }

  /** The dictionary words inside a long word (新疆维吾尔自治区 → 新疆, 维吾尔, 自治区), itself excluded. */
  subWords(word: string): string[] {
    if (word.length < 3) return [];
    // Long words recur through a text (a statute names its own title on every page): one cut each.
    let parts = this.parts.get(word);
    if (parts === undefined) {
      parts = [...new Set(this.jieba.cutForSearch(word, false))].filter((w) => w !== word && w.length > 1);
      if (this.parts.size > 100_000) this.parts.clear();
      this.parts.set(word, parts);
    }
    return parts;
  }
}

/** jieba's tag for a word outside its dictionary: m for digits, eng for other ASCII letters or digits, x otherwise. */
function outOfDictionaryTag(word: string): string {
  let eng = 0;
  let digits = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    const digit = c >= 48 && c <= 57;
    if (digit || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) eng++;
    if (digit) digits++;
  }
  return eng === 0 ? 'x' : eng === digits ? 'm' : 'eng';
}
