import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { NamesDictionary } from '../dictionary/names-dictionary.js';

/**
 * Chinese word segmentation: jieba's dictionary plus every name the chain knows, so 陈全国 is one
 * word, not 陈|全国. It runs on folded (simplified) text, the form jieba's dictionary is in.
 * Without HMM new-word guessing: an unknown run like 西金平 stays in pieces, so it never gets the
 * pinyin of a real name.
 */
export class Segmenter {
  private readonly jieba: Jieba;
  private readonly known = new Set<string>();
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
