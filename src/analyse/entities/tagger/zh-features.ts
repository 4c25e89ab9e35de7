/**
 * Features of each character of a Chinese passage for the tagger: characters and character pairs
 * in a window of two, character classes, surnames, and where the character falls in the longest
 * gazetteer match of each type (CC-CEDICT typed names, GB/T 2260 and street-level regions,
 * THUOCL places and people). Characters are folded first (traditional → simplified, full-width →
 * half-width) so traditional text meets the model trained on simplified text.
 */
import { foldChar } from '../../normalise/normalise.js';
import * as hash from './hash.js';
import { featureWriter } from './zh-feature-writer.js';
import { childOf, gazetteerTrie } from './zh-gazetteer-trie.js';
import * as gazetteer from './zh-gazetteer.js';
import type { ZhGazetteer } from './zh-gazetteer.js';

// Bound once: a loader that turns ES modules into CommonJS (tsx, which runs the training script
// and npm run eval:ner) reads each imported name through a getter, and a getter call per feature
// was a sixth of the tagger's time there.
const bucket = hash.bucket;
const mix = hash.mix;
const mixString = hash.mixString;
const pairBits = gazetteer.pairBits;
const PREFIX = gazetteer.PREFIX;

const folded = new Int32Array(65536);

/** A UTF-16 code folded as the features see it (traditional → simplified, full-width → ASCII). */
export function foldCode(code: number): number {
  let f = folded[code]!;
  if (f === 0) {
    const out = foldChar(String.fromCharCode(code));
    f = out.length === 1 ? out.charCodeAt(0) : code;
    folded[code] = f;
  }
  return f;
}

/** `text` folded character by character as the features see it (traditional → simplified, full-width → ASCII); same length. */
export function foldHan(text: string): string {
  let out = '';
  const codes = new Uint16Array(Math.min(text.length, 4096));
  for (let k = 0; k < text.length; k += 4096) {
    const end = Math.min(text.length, k + 4096);
    for (let i = k; i < end; i++) codes[i - k] = foldCode(text.charCodeAt(i));
    out += String.fromCharCode.apply(null, codes.subarray(0, end - k) as unknown as number[]);
  }
  return out;
}

const NUMERALS = new Set([...'〇零一二三四五六七八九十百千万亿两'].map((c) => c.charCodeAt(0)));

function classOf(code: number): number {
  if (code >= 48 && code <= 57) return 1;
  if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return 2;
  if (NUMERALS.has(code)) return 5;
  if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf)) return 0;
  if (code === 0xb7 || code === 0x30fb || code === 0x2022 || code === 0xff0e) return 6; // middle dots of foreign names
  if (code < 0x3000 || (code >= 0xff00 && code <= 0xff65) || (code >= 0x3000 && code <= 0x303f)) return 3;
  return 4;
}

/** classOf for every UTF-16 code, filled on first use. */
const classes = new Uint8Array(65536).fill(255);

function classOfCode(code: number): number {
  let k = classes[code]!;
  if (k === 255) {
    k = classOf(code);
    classes[code] = k;
  }
  return k;
}

/** Working arrays of zhFeatures, kept between calls (a page is many short chunks; allocating them each time fed the garbage collector). */
let scratch = makeScratch(0);

function makeScratch(n: number) {
  return { size: n, wordPos: new Uint8Array(n), wordLen: new Uint8Array(n), wStart: new Int32Array(n + 1), wHash: new Int32Array(n + 1), wIndex: new Int32Array(n + 1), prevWord: new Int32Array(n), nextWord: new Int32Array(n), orgAhead: new Int32Array(n), locAhead: new Int32Array(n), wordTag: new Int32Array(n), wordTagId: new Uint8Array(n), prevTag: new Int32Array(n), nextTag: new Int32Array(n), prevTagId: new Uint8Array(n), nextTagId: new Uint8Array(n), wordHash: new Int32Array(n), c: new Int32Array(n + 4), cls: new Int32Array(n + 4), coverStart: new Int32Array(n * 3), coverLength: new Int32Array(n * 3), endsAt: new Uint8Array(n + 1), startsAt: new Uint8Array(n + 1), surnameAt: new Uint8Array(n + 4) };
}

function scratchFor(n: number): ReturnType<typeof makeScratch> {
  if (scratch.size < n) scratch = makeScratch(Math.max(n, 2 * scratch.size, 1024));
  return scratch;
}

let surnameCodes: { of: ReadonlySet<number>; table: Uint8Array } | null = null;

/** The gazetteer's surnames as a table by UTF-16 code (a Set lookup per character cost more than the features around it). */
function surnameTable(surnames: ReadonlySet<number>): Uint8Array {
  if (surnameCodes?.of !== surnames) {
    const table = new Uint8Array(65536);
    for (const code of surnames) if (code < 65536) table[code] = 1;
    surnameCodes = { of: surnames, table };
  }
  return surnameCodes.table;
}

const tagHashes = new Map<string, number>();
/** A small number for each of jieba's tags, in the order they were first seen (0: no word, 1: after the last word), and back. */
const tagIds = new Map<number, number>([
  [0, 0],
  [1, 1],
]);
const tagById = [0, 1];

function tagHash(tag: string): number {
  let h = tagHashes.get(tag);
  if (h === undefined) {
    h = mixString(40, tag);
    tagHashes.set(tag, h);
    if (!tagIds.has(h)) {
      tagIds.set(h, tagById.length);
      tagById.push(h);
    }
  }
  return h;
}

const BOS = 0x110001;
const EOS = 0x110002;

/** Position codes of a character in a match: none, begin, middle, end, single. */
function positionIn(start: number, length: number, i: number): number {
  if (length === 0) return 0;
  if (length === 1) return 4;
  if (i === start) return 1;
  if (i === start + length - 1) return 3;
  return 2;
}

/**
 * Feature templates, numbered: a model stores the templates it was trained with (model-file.ts), so
 * a template's number and meaning never change. 20–24 need jieba's words and tags.
 *  0 bias · 1–5 characters at −2…+2 · 6–9 neighbouring pairs · 10 the pair around the character ·
 *  11 the triple around it · 12 classes at −1…+1 · 13 surnames at −2…0 with the class ·
 *  14–16 position in the longest gazetteer match of each type · 17 the three combined ·
 *  18 types of matches ending before it, with the character · 19 types of matches starting after it,
 *  with the character · 20–24 jieba: position in the word with its tag, with the character, with
 *  the previous word's tag, with the next word's tag, the word · 25 the triple ending at it ·
 *  26 the triple starting at it · 27 the combined gazetteer positions with the character ·
 *  28 classes at −2…+2 · 29 position in the word with the previous word · 30 with the next word ·
 *  31 the nearest organisation suffix ahead (公司, 委员会, …局: a jieba word ending in one) within the
 *  clause, its distance and suffix · 32 the same for place suffixes (省, 市, 县 …) ·
 *  33 the character with its word's length and its position in it
 */
export const ZH_TEMPLATE_COUNT = 34;
const JIEBA_TEMPLATES = [20, 21, 22, 23, 24, 29, 30, 31, 32, 33];

/** Word endings of organisations' names (MSRA's ORG spans end on them far more often than not). */
const ORG_SUFFIXES = ['公司', '集团', '银行', '大学', '学院', '学校', '中学', '小学', '医院', '委员会', '办公室', '政府', '党委', '中心', '研究所', '研究院', '协会', '学会', '基金会', '联合会', '总会', '商会', '报社', '电视台', '电台', '博物馆', '图书馆', '法院', '检察院', '军区', '部队', '组织', '联盟', '俱乐部', '分行', '支行', '工厂', '议会', '国会', '政协', '人大', '大会', '党', '委', '部', '局', '厅', '署', '处', '办', '所', '院', '会', '社', '报', '台', '馆', '厂', '队', '团', '站', '行', '校', '司', '组'];
const LOC_SUFFIXES = ['自治区', '自治州', '自治县', '特别行政区', '地区', '省', '市', '县', '区', '镇', '乡', '村', '州', '岛', '山', '河', '江', '湖', '海', '洋', '路', '街', '国', '洲'];

/**
 * The id (1-based index in `list`) of the longest entry of `list` that `word` ends with, 0 when
 * none: candidates are indexed by their last character, so a word costs one array lookup and
 * rarely an endsWith.
 */
function suffixMatcher(list: readonly string[]): (word: string) => number {
  const byLast = new Map<number, Array<[string, number]>>();
  list.forEach((suffix, i) => {
    const last = suffix.charCodeAt(suffix.length - 1);
    const entries = byLast.get(last) ?? [];
    entries.push([suffix, i + 1]);
    entries.sort((x, y) => y[0].length - x[0].length);
    byLast.set(last, entries);
  });
  const table: Array<Array<[string, number]> | undefined> = new Array(65536);
  for (const [code, entries] of byLast) table[code] = entries;
  return (word) => {
    const entries = table[word.charCodeAt(word.length - 1)];
    if (entries === undefined) return 0;
    for (const [suffix, id] of entries) if (word.endsWith(suffix)) return id;
    return 0;
  };
}
const orgSuffix = suffixMatcher(ORG_SUFFIXES);
const locSuffix = suffixMatcher(LOC_SUFFIXES);

/** jieba's words of the folded text and their tags (Segmenter.tagWords), or those of a longer text with the range that is this one's. */
export type Segment = (folded: string) => { words: readonly string[]; tags: readonly string[]; from?: number; to?: number };

/**
 * Templates 29–33's inputs: each character's word length, the hashes of the words before and
 * after its word, and the nearest organisation / place suffix word ahead in the clause (distance
 * × 64 + suffix). Reads the words' starts and hashes zhFeatures found (scratch.wStart, wHash).
 */
function fillWordContext(folds: string, words: readonly string[], count: number, n: number): void {
  const { wordLen, prevWord, nextWord, orgAhead, locAhead, wStart, wHash, wIndex } = scratch;
  wStart[count] = n;
  let nearOrg = 0;
  let nearLoc = 0;
  let orgAt = -1;
  let locAt = -1;
  for (let w = count - 1; w >= 0; w--) {
    const s = wStart[w]!;
    const e = wStart[w + 1]!;
    const word = words[wIndex[w]!]!;
    if (classOfCode(folds.charCodeAt(s)) === 3) orgAt = locAt = -1;
    const org = orgSuffix(word);
    if (org > 0) {
      orgAt = e;
      nearOrg = org;
    }
    const loc = locSuffix(word);
    if (loc > 0) {
      locAt = e;
      nearLoc = loc;
    }
    const len = Math.min(e - s, 6);
    const before = w > 0 ? wHash[w - 1]! : 44;
    const after = w + 1 < count ? wHash[w + 1]! : 45;
    for (let i = s; i < e; i++) {
      wordLen[i] = len;
      prevWord[i] = before;
      nextWord[i] = after;
      const od = orgAt - i;
      orgAhead[i] = orgAt < 0 || od > 12 ? 0 : Math.min(od, 9) * 64 + nearOrg;
      const ld = locAt - i;
      locAhead[i] = locAt < 0 || ld > 8 ? 0 : Math.min(ld, 9) * 64 + nearLoc;
    }
  }
}

const all = new Int32Array(ZH_TEMPLATE_COUNT);
const gazPos = new Int32Array(3);
/** The output of zhFeatures(…, reuse = true), kept between calls. */
let outBuffer = new Int32Array(0);

/**
 * Feature hashes of every character of `text` for the given templates: out[i * templates.length + k],
 * bucketed by `mask`. `segment` (jieba) is called only when a template needs it. With `reuse`, the
 * array returned is a buffer kept for the next call (valid until then, and possibly longer than
 * the text's features): the tagger reads it at once, training keeps fresh arrays.
 */
export function zhFeatures(text: string, gaz: ZhGazetteer, mask: number, templates: readonly number[], segment?: Segment, reuse = false, grouped?: Int32Array): Int32Array {
  const n = text.length;
  // With `grouped`, the templates of GROUPED_TEMPLATES are left out of the output (its width is
  // ungroupedOf(templates).length) and each character's key of each group goes to grouped
  // instead (GROUPS): the tagger adds their rows' sums from a memo (grouped-emissions.ts).
  const kept = grouped !== undefined ? ungroupedOf(templates) : templates;
  const width = kept.length;
  const { c, cls, coverStart, coverLength, endsAt, startsAt, surnameAt } = scratchFor(n);
  c[0] = BOS;
  c[1] = BOS;
  c[n + 2] = EOS;
  c[n + 3] = EOS;
  let changed = false;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    const f = foldCode(code);
    c[i + 2] = f;
    if (f !== code) changed = true;
  }
  cls[0] = cls[1] = cls[n + 2] = cls[n + 3] = 7;
  for (let i = 0; i < n; i++) cls[i + 2] = classOfCode(c[i + 2]!);

  // Longest match of each type covering each character, and the types of matches ending before
  // (endsAt[i]) and starting after it.
  coverStart.fill(-1, 0, n * 3);
  coverLength.fill(0, 0, n * 3);
  endsAt.fill(0, 0, n + 1);
  startsAt.fill(0, 0, n + 1);
  // Most text needs no folding: the string is rebuilt only when a character changed.
  let folds = text;
  if (changed) {
    folds = '';
    // apply, not spread: spreading a typed array walks an iterator (3.6 against 0.9 µs for a sentence).
    for (let k = 0; k < n; k += 4096) folds += String.fromCharCode.apply(null, c.subarray(k + 2, Math.min(n, k + 4096) + 2) as unknown as number[]);
  }
  // jieba's words: each character's position in its word, the word's tag, and its neighbours' tags.
  const needs = needsOf(templates);
  const wantsJieba = segment !== undefined && needs.jieba;
  const { wordPos, wordTag, wordTagId, prevTag, nextTag, prevTagId, nextTagId, wordHash, wordLen, orgAhead, locAhead } = scratch;
  if (wantsJieba) {
    wordPos.fill(0, 0, n);
    wordTag.fill(0, 0, n);
    wordTagId.fill(0, 0, n);
    prevTag.fill(0, 0, n);
    nextTag.fill(0, 0, n);
    prevTagId.fill(0, 0, n);
    nextTagId.fill(0, 0, n);
    wordHash.fill(0, 0, n);
    // The text's words are words[from … to) (all of them unless the segmenter cut a longer text).
    const { words, tags, from = 0, to = words.length } = segment(folds);
    const { wStart, wHash, wIndex } = scratch;
    let count = 0;
    let at = 0;
    let prev = 0;
    let prevId = 0;
    let lastStart = 0;
    let lastEnd = 0;
    for (let w = from; w < to; w++) {
      const word = words[w]!;
      const s = folds.startsWith(word, at) ? at : folds.indexOf(word, at);
      if (s < 0) continue;
      const e = s + word.length;
      const tag = tagHash(tags[w]!);
      const tagId = tagIds.get(tag)!;
      const full = word.length <= 8 ? mixString(41, word) : 43;
      const hash = word.length >= 2 && word.length <= 8 ? full : 0;
      wStart[count] = s;
      wHash[count] = full;
      wIndex[count++] = w;
      for (let i = lastStart; i < lastEnd; i++) {
        nextTag[i] = tag;
        nextTagId[i] = tagId;
      }
      for (let i = s; i < e; i++) {
        wordPos[i] = e - s === 1 ? 4 : i === s ? 1 : i === e - 1 ? 3 : 2;
        wordTag[i] = tag;
        wordTagId[i] = tagId;
        prevTag[i] = prev;
        prevTagId[i] = prevId;
        wordHash[i] = hash;
      }
      prev = tag;
      prevId = tagId;
      lastStart = s;
      lastEnd = e;
      at = e;
    }
    for (let i = lastStart; i < lastEnd; i++) {
      nextTag[i] = 1;
      nextTagId[i] = 1;
    }
    if (needs.wordContext) fillWordContext(folds, words, count, n);
  }
  const pairs = gaz.pairs;
  const trie = gazetteerTrie(gaz);
  for (let s = 0; s < n; s++) {
    if (cls[s + 2] !== 0 || s + 2 > n) continue;
    let per = 0;
    let loc = 0;
    let org = 0;
    const second = c[s + 3]!;
    if (second > 0xffff) continue;
    let bits = pairBits(pairs, c[s + 2]!, second);
    // Longer matches are walked in the trie (gaz.entries.get(folds.slice(s, s + len)) as integer probes), from the pair's node.
    let node = -1;
    for (let len = 2; bits !== 0; ) {
      if (bits & 1) per = len;
      if (bits & 2) loc = len;
      if (bits & 4) org = len;
      if (!(bits & PREFIX) || ++len > gaz.maxLength || s + len > n) break;
      if (node === -1) node = childOf(trie, childOf(trie, 0, c[s + 2]!), second);
      node = node < 0 ? -1 : childOf(trie, node, c[s + len + 1]!);
      bits = node < 0 ? 0 : trie.bits[node]!;
    }
    for (let t = 0; t < 3; t++) {
      const len = t === 0 ? per : t === 1 ? loc : org;
      if (len === 0) continue;
      endsAt[s + len] = endsAt[s + len]! | (1 << t);
      startsAt[s] = startsAt[s]! | (1 << t);
      for (let i = s; i < s + len; i++) {
        if (coverLength[i * 3 + t]! < len) {
          coverLength[i * 3 + t] = len;
          coverStart[i * 3 + t] = s;
        }
      }
    }
  }

  const surnames = surnameTable(gaz.surnames);
  for (let j = 2; j < n + 2; j++) surnameAt[j] = surnames[c[j]!]!;
  let out: Int32Array;
  if (reuse) {
    if (outBuffer.length < n * width) outBuffer = new Int32Array(Math.max(n * width, 2 * outBuffer.length));
    out = outBuffer;
  } else out = new Int32Array(n * width);
  // When the tagger groups, the templates left are written by a generated loop (zh-feature-writer.ts).
  const writer = grouped !== undefined && (wantsJieba || !needs.jieba) ? featureWriter(kept) : null;
  if (writer !== null) writer(scratch, n, out, mask);
  for (let i = 0; i < n; i++) {
    const j = i + 2;
    const sur = (surnameAt[j - 2]! ? 1 : 0) | (surnameAt[j - 1]! ? 2 : 0) | (surnameAt[j]! ? 4 : 0);
    let combined = 0;
    for (let t = 0; t < 3; t++) {
      const len = coverLength[i * 3 + t]!;
      const at = positionIn(coverStart[i * 3 + t]!, len, i);
      gazPos[t] = at + Math.min(len, 6) * 5;
      combined = combined * 5 + at;
    }
    if (grouped !== undefined) {
      const x = c[j]!;
      grouped[4 * i] = groupKey(cls[j - 1]!, cls[j]!, cls[j + 1]!, sur, gazPos[0]!, gazPos[1]!, gazPos[2]!);
      grouped[4 * i + 1] = ((wordPos[i]! * 256 + wordTagId[i]!) * 1024 + orgAhead[i]!) * 1024 + locAhead[i]!;
      grouped[4 * i + 2] = (((x * 8 + endsAt[i]!) * 8 + startsAt[i + 1]!) * 8 + wordPos[i]!) * 8 + wordLen[i]!;
      grouped[4 * i + 3] = ((wordPos[i]! * 256 + wordTagId[i]!) * 256 + prevTagId[i]!) * 256 + nextTagId[i]!;
    }
    if (writer === null) writeFeatures(i, sur, combined, grouped !== undefined, wantsJieba, needs.candidates, out, kept, mask);
  }
  return out;
}

/** The hashes of character i's templates `kept`, bucketed, to out (zhFeatures' loop when no generated writer fits). */
function writeFeatures(i: number, sur: number, combined: number, grouping: boolean, wantsJieba: boolean, candidates: boolean, out: Int32Array, kept: readonly number[], mask: number): void {
  const { c, cls, endsAt, startsAt, wordPos, wordTag, prevTag, nextTag, wordHash, wordLen, prevWord, nextWord, orgAhead, locAhead } = scratch;
  const width = kept.length;
  const j = i + 2;
  const a = c[j - 2]!, b = c[j - 1]!, x = c[j]!, d = c[j + 1]!, e = c[j + 2]!;
  all[1] = mix(1, a);
  all[2] = mix(2, b);
  all[4] = mix(4, d);
  all[5] = mix(5, e);
  all[6] = mix(mix(6, a), b);
  all[7] = mix(mix(7, b), x);
  all[8] = mix(mix(8, x), d);
  all[9] = mix(mix(9, d), e);
  all[10] = mix(mix(10, b), d);
  all[11] = mix(mix(mix(11, b), x), d);
  // The grouped templates' hashes (GROUPED_TEMPLATES) are needed only when they are written
  // (not grouped): when grouped, the keys stand for them.
  if (!grouping) {
    all[0] = mix(0, 1);
    all[3] = mix(3, x);
    all[12] = mix(12, cls[j - 1]! * 64 + cls[j]! * 8 + cls[j + 1]!);
    all[13] = mix(13, sur * 8 + cls[j]!);
    for (let t = 0; t < 3; t++) all[14 + t] = mix(14 + t, gazPos[t]!);
    all[17] = mix(17, combined);
    all[18] = mix(mix(18, endsAt[i]!), x);
    all[19] = mix(mix(19, startsAt[i + 1]!), x);
  }
  if (wantsJieba) {
    const wp = wordPos[i]!;
    all[21] = mix(mix(mix(21, wp), wordTag[i]!), x);
    all[24] = mix(mix(24, wp), wordHash[i]!);
    all[29] = mix(mix(29, wp), prevWord[i]!);
    all[30] = mix(mix(30, wp), nextWord[i]!);
    if (!grouping) {
      all[20] = mix(mix(20, wp), wordTag[i]!);
      all[22] = mix(mix(mix(22, wp), wordTag[i]!), prevTag[i]!);
      all[23] = mix(mix(mix(23, wp), wordTag[i]!), nextTag[i]!);
      all[31] = mix(31, orgAhead[i]!);
      all[32] = mix(32, locAhead[i]!);
      all[33] = mix(mix(mix(33, x), wp), wordLen[i]!);
    }
  }
  if (candidates) {
    all[25] = mix(mix(mix(25, a), b), x);
    all[26] = mix(mix(mix(26, x), d), e);
    all[27] = mix(mix(27, combined), x);
    all[28] = mix(28, (((cls[j - 2]! * 8 + cls[j - 1]!) * 8 + cls[j]!) * 8 + cls[j + 1]!) * 8 + cls[j + 2]!);
  }
  const o = i * width;
  for (let k = 0; k < width; k++) out[o + k] = bucket(all[kept[k]!]!, mask);
}

/**
 * Templates whose inputs are a few small integers, in two groups: the bias, the classes at −1…+1,
 * the surnames, the gazetteer positions and their combination (about 1,200 values over the 234k
 * characters of the tuning slice), and the position in jieba's word with its tag and the
 * organisation and place suffixes ahead (about 10,000), and the character with the types of the
 * gazetteer matches ending before and starting after it and its word's length and its position in
 * it (about 20,000), and the position in the word with its tag and its neighbours' tags (about
 * 20,000). The sum of a group's weight rows is
 * looked up once per value (grouped-emissions.ts) instead of being added row by row for every
 * character. zhFeatures(…, grouped) writes a key per group and character: grouped[4i + group].
 */
export const GROUPS = [
  [0, 12, 13, 14, 15, 16, 17],
  [20, 31, 32],
  [3, 18, 19, 33],
  [22, 23],
];
export const GROUPED_TEMPLATES = GROUPS.flat();
let ungrouped: { of: readonly number[]; kept: readonly number[] } | null = null;
let needed: { of: readonly number[]; jieba: boolean; wordContext: boolean; candidates: boolean } | null = null;

/** What a template list needs computed (jieba's words, their context, the candidate templates 25–28), found once per list. */
function needsOf(templates: readonly number[]): { jieba: boolean; wordContext: boolean; candidates: boolean } {
  if (needed?.of !== templates) needed = { of: templates, jieba: templates.some((t) => JIEBA_TEMPLATES.includes(t)), wordContext: templates.some((t) => t >= 29), candidates: templates.some((t) => t >= 25 && t <= 28) };
  return needed;
}

/** `templates` without the grouped ones, in order: the features zhFeatures writes when it groups. */
export function ungroupedOf(templates: readonly number[]): readonly number[] {
  if (ungrouped?.of !== templates) ungrouped = { of: templates, kept: templates.filter((t) => !GROUPED_TEMPLATES.includes(t)) };
  return ungrouped.kept;
}

/** The inputs of the grouped templates in one integer (30 bits): classes at −1…+1, surname bits, gazetteer positions. */
function groupKey(before: number, at: number, after: number, sur: number, per: number, loc: number, org: number): number {
  return ((((before * 8 + at) * 8 + after) * 8 + sur) * 64 + per) * 4096 + loc * 64 + org;
}

/** The hashes (unbucketed, in GROUPS' order) of the templates of group `group` for a key zhFeatures wrote: what it would have written. */
export function groupedHashes(group: number, key: number, out: Int32Array): void {
  if (group === 3) {
    // ((word position × 256 + tag id) × 256 + previous word's tag id) × 256 + next word's tag id
    const wp = key >>> 24;
    const tag = tagById[(key >>> 16) & 255]!;
    out[0] = mix(mix(mix(22, wp), tag), tagById[(key >>> 8) & 255]!);
    out[1] = mix(mix(mix(23, wp), tag), tagById[key & 255]!);
    return;
  }
  if (group === 2) {
    // (((character × 8 + types ending before) × 8 + types starting after) × 8 + word position) × 8 + word length
    const x = key >>> 12;
    out[0] = mix(3, x);
    out[1] = mix(mix(18, (key >>> 9) & 7), x);
    out[2] = mix(mix(19, (key >>> 6) & 7), x);
    out[3] = mix(mix(mix(33, x), (key >>> 3) & 7), key & 7);
    return;
  }
  if (group === 1) {
    // (word position × 256 + tag id) × 1024 + organisation suffix ahead) × 1024 + place suffix ahead;
    // jieba's tag set (about 60) stays far below 256 ids.
    out[0] = mix(mix(20, key >>> 28), tagById[(key >>> 20) & 255]!);
    out[1] = mix(31, (key >>> 10) & 1023);
    out[2] = mix(32, key & 1023);
    return;
  }
  const org = key & 63;
  const loc = (key >>> 6) & 63;
  const per = (key >>> 12) & 63;
  const sur = (key >>> 18) & 7;
  const after = (key >>> 21) & 7;
  const at = (key >>> 24) & 7;
  const before = (key >>> 27) & 7;
  out[0] = mix(0, 1);
  out[1] = mix(12, before * 64 + at * 8 + after);
  out[2] = mix(13, sur * 8 + at);
  out[3] = mix(14, per);
  out[4] = mix(15, loc);
  out[5] = mix(16, org);
  out[6] = mix(17, ((per % 5) * 5 + (loc % 5)) * 5 + (org % 5));
}
