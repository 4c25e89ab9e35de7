/**
 * Tokens of an English passage and their features for the tagger: the word and its neighbours
 * (lower-cased), word shapes, prefixes and suffixes, capitalisation in context (a headline in
 * capitals, the first word of a sentence), and the gazetteer types of the longest match covering
 * the word (countries, cities, first and last names, organisations from resources/entities).
 */
import * as hash from './hash.js';

// Bound once: a loader that turns ES modules into CommonJS (tsx, which runs the training script
// and npm run eval:ner) reads each imported name through a getter, and a getter call per feature
// was a sixth of the tagger's time there.
const bucket = hash.bucket;
const mix = hash.mix;
const mixString = hash.mixString;

export const EN_WIDTH = 32;

export interface EnToken {
  text: string;
  start: number;
  end: number;
}

/** Words (with inner apostrophes, hyphens, dots and ampersands; initials like U.S. and the A. of A. Morland), numbers, and single marks. */
const TOKEN = /(?:\p{L}\.){2,}|\p{Lu}\.(?=\s+\p{Lu})|[\p{L}\p{N}]+(?:['’.&-][\p{L}\p{N}]+)*|\S/gu;

/** A possessive ending (Xi Jinping's, Reuters’s), a token of its own as in CoNLL-2003. */
const POSSESSIVE = /^(.+?\p{L})(['’][sS])$/u;

/**
 * Tokens as CoNLL-2003 cuts them; with `possessives` (the default) "Jinping's" is "Jinping" + "'s",
 * so the model meets the name it learnt rather than an unknown word (which it read as an
 * organisation). The gazetteer keeps its entries whole (Ben & Jerry's), as when the model was trained.
 */
export function tokenizeEnglish(text: string, possessives = true): EnToken[] {
  const out: EnToken[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const split = possessives ? POSSESSIVE.exec(m[0]) : null;
    if (split) {
      const cut = m.index + split[1]!.length;
      out.push({ text: split[1]!, start: m.index, end: cut }, { text: split[2]!, start: cut, end: m.index + m[0].length });
    } else out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

export interface EnGazetteer {
  /** Lower-cased entries and their prefixes (in words): type bits, bit 30 when longer entries go on. */
  entries: Map<string, number>;
  typeBits: Map<string, number>;
}

const PREFIX = 1 << 30;

export function buildEnGazetteer(rows: Iterable<[string, string[]]>): EnGazetteer {
  const typeBits = new Map<string, number>();
  const entries = new Map<string, number>();
  for (const [name, types] of rows) {
    let bits = 0;
    for (const t of types) {
      if (!typeBits.has(t)) typeBits.set(t, 1 << typeBits.size);
      bits |= typeBits.get(t)!;
    }
    const words = tokenizeEnglish(name.toLowerCase(), false).map((w) => w.text);
    if (words.length === 0 || words.length > 6) continue;
    const key = words.join(' ');
    entries.set(key, (entries.get(key) ?? 0) | bits);
    for (let k = 1; k < words.length; k++) {
      const p = words.slice(0, k).join(' ');
      entries.set(p, (entries.get(p) ?? 0) | PREFIX);
    }
  }
  return { entries, typeBits };
}

export function shapeOf(word: string, short: boolean): string {
  let out = '';
  for (const ch of word) {
    const s = /\p{Lu}/u.test(ch) ? 'X' : /\p{Ll}/u.test(ch) ? 'x' : /\p{N}/u.test(ch) ? 'd' : ch;
    if (short && out.endsWith(s)) continue;
    if (!short && out.length >= 2 && out.endsWith(s + s) && out.length > 4) continue;
    out += s;
  }
  return out;
}

const PAD = '<s>';
const END = '</s>';

/**
 * Feature hashes of the tokens of one sentence (or line): out[i * EN_WIDTH + k], bucketed by `mask`.
 * `rules`: per token, what the rule-based extractor said (ruleCodes), as evidence rather than the answer.
 */
export function enFeatures(words: readonly string[], gaz: EnGazetteer, mask: number, rules?: Int32Array): Int32Array {
  const n = words.length;
  const lower = words.map((w) => w.toLowerCase());
  const shapes = words.map((w) => shapeOf(w, true));
  const longShapes = words.map((w) => shapeOf(w, false));
  let letters = 0;
  let upper = 0;
  for (const w of words) for (const ch of w) if (/\p{L}/u.test(ch)) {
    letters++;
    if (/\p{Lu}/u.test(ch)) upper++;
  }
  const headline = letters > 8 && upper / letters > 0.8 ? 1 : 0;
  // Longest gazetteer match covering each token, and the token's position in it.
  const gazBits = new Int32Array(n);
  const gazPos = new Int32Array(n);
  const gazLen = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    let key = '';
    let bestLen = 0;
    let bestBits = 0;
    for (let len = 1; len <= 6 && s + len <= n; len++) {
      key = len === 1 ? lower[s]! : `${key} ${lower[s + len - 1]!}`;
      const bits = gaz.entries.get(key);
      if (bits === undefined) break;
      if (bits & ~PREFIX) {
        bestLen = len;
        bestBits = bits & ~PREFIX;
      }
      if (!(bits & PREFIX)) break;
    }
    for (let i = s; i < s + bestLen; i++) {
      if (gazLen[i]! >= bestLen) continue;
      gazLen[i] = bestLen;
      gazBits[i] = bestBits;
      gazPos[i] = bestLen === 1 ? 4 : i === s ? 1 : i === s + bestLen - 1 ? 3 : 2;
    }
  }
  const w = (i: number) => (i < 0 ? PAD : i >= n ? END : lower[i]!);
  const sh = (i: number) => (i < 0 ? PAD : i >= n ? END : shapes[i]!);
  const out = new Int32Array(n * EN_WIDTH).fill(-1);
  for (let i = 0; i < n; i++) {
    const o = i * EN_WIDTH;
    const word = words[i]!;
    const lw = lower[i]!;
    const f = (k: number, h: number) => {
      out[o + k] = bucket(h, mask);
    };
    f(0, mix(0, 1));
    f(1, mixString(1, lw));
    f(2, mixString(2, w(i - 1)));
    f(3, mixString(3, w(i + 1)));
    f(4, mixString(4, w(i - 2)));
    f(5, mixString(5, w(i + 2)));
    f(6, mixString(6, word));
    f(7, mixString(mix(7, headline), longShapes[i]!));
    f(8, mixString(mix(8, headline), shapes[i]!));
    f(9, mixString(mixString(9, sh(i - 1)), shapes[i]!));
    f(10, mixString(mixString(10, shapes[i]!), sh(i + 1)));
    for (let k = 1; k <= 4; k++) {
      if (lw.length > k) {
        f(10 + k, mixString(10 + k, lw.slice(0, k)));
        f(14 + k, mixString(14 + k, lw.slice(-k)));
      }
    }
    f(19, mixString(mixString(19, w(i - 1)), lw));
    f(20, mixString(mixString(20, lw), w(i + 1)));
    f(21, mix(mix(mix(21, gazBits[i]!), gazPos[i]!), headline));
    f(22, mix(mix(22, gazBits[i]!), gazLen[i]! > 3 ? 3 : gazLen[i]!));
    f(23, mix(mix(23, i === 0 ? 1 : 0), (headline ? 2 : 0) + (/^\p{Lu}/u.test(word) ? 1 : 0)));
    f(24, mix(24, i > 0 ? gazBits[i - 1]! : -1));
    f(25, mix(25, i + 1 < n ? gazBits[i + 1]! : -1));
    f(26, mixString(mix(26, headline), sh(i - 1) + '|' + shapes[i]! + '|' + sh(i + 1)));
    f(27, mixString(mixString(27, w(i - 1)), shapes[i]!));
    f(28, mixString(mixString(28, shapes[i]!), w(i + 1)));
    f(29, mixString(mixString(29, w(i - 2)), w(i - 1)));
    const rule = rules?.[i] ?? 0;
    f(30, mix(30, rule));
    f(31, mixString(mix(31, rule), shapes[i]!));
  }
  return out;
}

const RULE_TYPES: Record<string, number> = { PERSON: 1, LOCATION: 2, ORGANIZATION: 3 };

/** Per token, the type and position (BIES) of the rule-based span covering it: type * 5 + position, 0 outside. */
export function ruleCodes(tokens: readonly EnToken[], spans: ReadonlyArray<{ start: number; end: number; type: string }>): Int32Array {
  const out = new Int32Array(tokens.length);
  let t = 0;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  for (const span of sorted) {
    const type = RULE_TYPES[span.type];
    if (!type) continue;
    while (t < tokens.length && tokens[t]!.end <= span.start) t++;
    let last = t;
    while (last < tokens.length && tokens[last]!.start < span.end) last++;
    for (let i = t; i < last; i++) out[i] = type * 5 + (last - t === 1 ? 4 : i === t ? 1 : i === last - 1 ? 3 : 2);
  }
  return out;
}
