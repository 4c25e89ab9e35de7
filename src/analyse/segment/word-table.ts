/**
 * A string → string table for words jieba hands back (Segmenter.tagWords' tag of each word):
 * open addressing on a hash of the word's UTF-16 codes. Each word comes back from jieba as a new
 * string, and a Map hashed and compared it more slowly than this loop over its two or three
 * characters (findEntities on eval:ner's pages: MODEL.md's speed section).
 */
export class WordTable {
  private keys: Array<string | undefined>;
  private values: string[];
  private mask: number;
  size = 0;

  constructor(private readonly initial = 1 << 14) {
    this.keys = new Array<string | undefined>(initial).fill(undefined);
    this.values = new Array<string>(initial).fill('');
    this.mask = initial - 1;
  }

  get(word: string): string | undefined {
    const keys = this.keys;
    const mask = this.mask;
    for (let slot = hashOf(word) & mask; ; slot = (slot + 1) & mask) {
      const key = keys[slot];
      if (key === undefined) return undefined;
      if (key === word) return this.values[slot];
    }
  }

  has(word: string): boolean {
    return this.get(word) !== undefined;
  }

  set(word: string, value: string): void {
    if (2 * (this.size + 1) > this.keys.length) this.grow();
    const keys = this.keys;
    const mask = this.mask;
    for (let slot = hashOf(word) & mask; ; slot = (slot + 1) & mask) {
      const key = keys[slot];
      if (key === undefined) {
        keys[slot] = word;
        this.values[slot] = value;
        this.size++;
        return;
      }
      if (key === word) {
        this.values[slot] = value;
        return;
      }
    }
  }

  clear(): void {
    this.keys = new Array<string | undefined>(this.initial).fill(undefined);
    this.values = new Array<string>(this.initial).fill('');
    this.mask = this.initial - 1;
    this.size = 0;
  }

  private grow(): void {
    const keys = this.keys;
    const values = this.values;
    this.keys = new Array<string | undefined>(2 * keys.length).fill(undefined);
    this.values = new Array<string>(2 * keys.length).fill('');
    this.mask = 2 * keys.length - 1;
    this.size = 0;
    for (let slot = 0; slot < keys.length; slot++) if (keys[slot] !== undefined) this.set(keys[slot]!, values[slot]!);
  }
}

function hashOf(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x9e3779b1);
  return h ^ (h >>> 15);
}
