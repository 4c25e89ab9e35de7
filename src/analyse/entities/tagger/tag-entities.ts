/**
 * People, places and organisations found by the trained tagger (resources/ner/MODEL.md): Chinese
 * passages character by character, English passages word by word. Offsets are UTF-16 units of
 * the whole text (`offset` is where the passage starts in it).
 */
import type { Mention, MentionType } from '../../../domain/entities.js';
import type { NamesDictionary } from '../../dictionary/names-dictionary.js';
import type { Segmenter } from '../../segment/segmenter.js';
import { enLexicon } from '../en-lexicon.js';
import { findEnglishEntities, TECH_TERMS } from '../english.js';
import { enFeatures, ruleCodes, tokenizeEnglish } from './en-features.js';
import { GroupedEmissions } from './grouped-emissions.js';
import { spansOfTags, viterbi, type GroupedSums, type LinearChain } from './linear-chain.js';
import { chineseTagger, englishTagger } from './ner-resources.js';
import { foldCode, foldHan, ungroupedOf, zhFeatures, type Segment } from './zh-features.js';

const TYPES: Record<string, MentionType> = { PER: 'PERSON', LOC: 'LOCATION', ORG: 'ORGANIZATION' };

/** Sentence ends, where a long passage is cut so the decoder's tables stay small. */
const SENTENCE_END = new Uint8Array(65536);
for (const c of '。！？!?\n；;') SENTENCE_END[c.charCodeAt(0)] = 1;
const MAX_CHUNK = 1000;

export function chunksOf(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (SENTENCE_END[text.charCodeAt(i)] === 1 || i - start + 1 >= MAX_CHUNK) {
      out.push([start, i + 1]);
      start = i + 1;
    }
  }
  if (start < text.length) out.push([start, text.length]);
  return out;
}

/** Personal pronouns, which no name holds as a word of its own (谢谢你 "thank you" is no person). */
const PRONOUNS = new Set(['你', '我', '他', '她', '您', '你们', '我们', '他们', '她们', '咱们']);
const PRONOUN_CHARS = /[你我他她您咱]/u;

/**
 * Whether jieba cuts a personal pronoun out of [start, end) of `folded` — a post-pass measured in
 * MODEL.md. The segmenter runs only for a person span holding a pronoun's character, which is rare.
 */
function holdsPronoun(segmenter: Segmenter, chunk: string, folded: () => string, start: number, end: number): boolean {
  if (!PRONOUN_CHARS.test(chunk.slice(start, end))) return false;
  let at = 0;
  for (const { word } of segmenter.tag(folded(), true)) {
    if (at >= end) break;
    if (at >= start && at + word.length <= end && PRONOUNS.has(word)) return true;
    at += word.length;
  }
  return false;
}

const EDITOR_TYPES: Record<string, MentionType> = { person: 'PERSON', place: 'LOCATION', org: 'ORGANIZATION' };

/** Templates of a model file written before the templates were stored in it: the first 25, jieba's included. */
const FIRST_TEMPLATES = Array.from({ length: 25 }, (_, i) => i);

let grouped: { model: LinearChain; groups: GroupedEmissions | null } | null = null;
let keys = new Int32Array(1024);

/** The memo of the grouped templates' sums for this model (one per process, as the model is). */
function groupsOf(model: LinearChain, templates: readonly number[]): GroupedEmissions | null {
  if (grouped?.model !== model) grouped = { model, groups: GroupedEmissions.fits(model) && model.templates === templates ? new GroupedEmissions(model) : null };
  return grouped.groups;
}

function keyBuffer(length: number): Int32Array {
  if (keys.length < 4 * length) keys = new Int32Array(8 * length);
  return keys;
}

/**
 * jieba's words and tags of each chunk of `text`, from one cut of the whole passage (one call
 * across the native boundary instead of one a sentence), or null when they might differ from
 * cutting each chunk alone: jieba cuts runs of Han letters and digits independently, and a chunk
 * ends on a sentence end (。！？!?；; or a line break, none in such a run, folded or not), so the
 * page's words restricted to a chunk are the chunk's words — unless a chunk was cut at MAX_CHUNK
 * inside a run, or a word would straddle a chunk's end (checked).
 */
export function wordsOfChunks(text: string, chunks: ReadonlyArray<[number, number]>, segmenter: Segmenter): Array<{ words: string[]; tags: string[]; from: number; to: number }> | null {
  if (chunks.length < 2) return null;
  for (const [, e] of chunks) if (SENTENCE_END[text.charCodeAt(e - 1)] !== 1 && e !== text.length) return null;
  const { words, tags } = segmenter.tagWords(foldHan(text));
  const out: Array<{ words: string[]; tags: string[]; from: number; to: number }> = [];
  let w = 0;
  let at = 0;
  for (const [, e] of chunks) {
    const first = w;
    while (at < e && w < words.length) at += words[w++]!.length;
    if (at !== e) return null;
    out.push({ words, tags, from: first, to: w });
  }
  return w === words.length ? out : null;
}

/**
 * `names`: the workspace's names dictionary. A name in it typed person, place or org (editors'
 * `dossier dict add`, the seed aliases) is taken with that type, leftmost and longest first, over
 * what the model read there, unless the model's span holds it whole (新疆 inside 新疆维吾尔自治区党委).
 */
export function tagChinese(text: string, offset: number, segmenter: Segmenter, names?: NamesDictionary): Mention[] {
  const { model, masks, gazetteer } = chineseTagger();
  const mask = model.buckets - 1;
  const templates = model.templates ?? FIRST_TEMPLATES;
  const out: Mention[] = [];
  const chunks = chunksOf(text);
  const segmented = wordsOfChunks(text, chunks, segmenter);
  const groups = groupsOf(model, templates);
  // Made once a passage, not once a chunk: under tsx (npm run eval:ner) each closure made in the
  // loop also cost a __name call defining its name.
  let words: ReturnType<Segment> | undefined;
  const segment: Segment = (f) => words ?? segmenter.tagWords(f);
  let chunk = '';
  let foldedChunk: string | undefined;
  const folded = () => (foldedChunk ??= foldHan(chunk));
  const sums: GroupedSums | undefined = groups === null ? undefined : { width: ungroupedOf(templates).length, add: (emit, length) => groups.add(emit, sums!.keys!, length), keys: undefined };
  for (let k = 0; k < chunks.length; k++) {
    const [s, e] = chunks[k]!;
    chunk = text.slice(s, e);
    words = segmented?.[k];
    foldedChunk = undefined;
    const keys = sums === undefined ? undefined : (sums.keys = keyBuffer(chunk.length));
    const features = zhFeatures(chunk, gazetteer, mask, templates, segment, true, keys);
    const tags = viterbi(model, masks, features, chunk.length, sums);
    const found: Array<{ start: number; end: number; type: MentionType }> = [];
    for (const span of spansOfTags(model.tags, tags)) {
      const type = TYPES[span.type];
      if (type && !(type === 'PERSON' && holdsPronoun(segmenter, chunk, folded, span.start, span.end))) found.push({ start: span.start, end: span.end, type });
    }
    if (names) {
      for (let at = 0; at < chunk.length; at++) {
        const candidates = names.typedStartingWith(foldCode(chunk.charCodeAt(at)));
        const name = candidates.length === 0 ? undefined : candidates.find((h) => folded().startsWith(h, at));
        const type = name === undefined ? undefined : EDITOR_TYPES[names.get(name)?.type ?? ''];
        if (name === undefined || !type) continue;
        const start = at;
        const stop = at + name.length;
        at = stop - 1;
        if (found.some((f) => f.start <= start && stop <= f.end && f.end - f.start > name.length)) continue;
        for (let k = found.length - 1; k >= 0; k--) if (found[k]!.start < stop && start < found[k]!.end) found.splice(k, 1);
        found.push({ start, end: stop, type });
      }
      found.sort((a, b) => a.start - b.start);
    }
    for (const f of found) out.push({ text: chunk.slice(f.start, f.end), type: f.type, start: offset + s + f.start, end: offset + s + f.end, confidence: 0.85 });
  }
  return out;
}

/**
 * Words that name a kind of place or body, never one on their own ("the County said", "County
 * officials"): a mention of one such word alone is dropped (a documented post-pass, measured in
 * npm run eval:ner).
 */
const GENERIC = new Set(['county', 'province', 'city', 'region', 'district', 'prefecture', 'township', 'village', 'town', 'state', 'party', 'committee', 'government', 'office', 'bureau', 'department', 'ministry', 'centre', 'center', 'court', 'police', 'council', 'secretary', 'president', 'autonomous', 'university', 'company', 'group', 'agency', 'commission']);

/** Mail header names, which a leak's e-mails and notes about them are full of. */
const MAIL_HEADERS = new Set(['message-id', 'in-reply-to', 'reply-to', 'references', 'content-type', 'content-transfer-encoding', 'content-disposition', 'mime-version', 'x-mailer', 'return-path', 'delivered-to', 'received', 'dkim-signature']);

const PLACE_KINDS = new Set(['county', 'province', 'prefecture', 'district', 'township', 'region']);

export function tagEnglish(text: string, offset = 0): Mention[] {
  const { model, masks, gazetteer } = englishTagger();
  const common = enLexicon().common;
  const commonWord = (word: string) => {
    const lower = word.toLowerCase();
    return common.has(lower) && !gazetteer.entries.has(lower);
  };
  const mask = model.buckets - 1;
  const out: Mention[] = [];
  const tokens = tokenizeEnglish(text);
  const rules = ruleCodes(tokens, findEnglishEntities(text, 0));
  // A line, or a sentence within it, is one sequence: CoNLL's unit.
  let from = 0;
  const flush = (to: number) => {
    if (to <= from) return;
    const words = tokens.slice(from, to);
    const tags = viterbi(model, masks, enFeatures(words.map((w) => w.text), gazetteer, mask, rules.subarray(from, to)), words.length);
    for (const span of spansOfTags(model.tags, tags)) {
      const type = TYPES[span.type];
      if (!type) continue;
      // "The" is not part of a name ("The County", "The Bank of England").
      const first = /^the$/i.test(words[span.start]!.text) ? span.start + 1 : span.start;
      if (first >= span.end) continue;
      const lastWord = words[span.end - 1]!.text.toLowerCase();
      if (span.end - first === 1 && GENERIC.has(lastWord)) continue;
      // A word in capitals for emphasis in running text ("This document is FICTIONAL"): after a
      // lower-case word, unknown to the gazetteer, and not taken by the rules (which know acronyms).
      const only = words[first]!.text;
      const before = words[first - 1]?.text ?? '';
      if (span.end - first === 1 && only.length >= 4 && /^\p{Lu}+$/u.test(only) && /^\p{Ll}/u.test(before) && rules[from + first] === 0 && !gazetteer.entries.has(only.toLowerCase())) continue;
      // An ordinary word capitalised at the start of a line or in a signature ("Dossier tips desk",
      // "Hello."): one word the dictionary knows in lower case, no name in the gazetteer, and not
      // taken by the rules, is not a name (a post-pass measured in MODEL.md).
      if (span.end - first === 1 && rules[from + first] === 0 && commonWord(only)) continue;
      // File formats, encodings and protocols (PDF, UTF-8, RFC): a leak's own vocabulary, which the
      // news the model learnt from does not have; the rules' list of them is kept as a filter.
      if (words.slice(first, span.end).every((w) => TECH_TERMS.has(w.text.toUpperCase().replace(/-\d+$/, '')) || /^[\w-]+\.[a-z]{2,4}$/.test(w.text) || MAIL_HEADERS.has(w.text.toLowerCase()))) continue;
      const start = words[first]!.start;
      const end = words[span.end - 1]!.end;
      // Hongliuquan County, Kashgar Prefecture: a name ending in a kind of region is a place.
      const kind = span.end - first > 1 && PLACE_KINDS.has(lastWord) ? 'LOCATION' : type;
      out.push({ text: text.slice(start, end), type: kind, start: offset + start, end: offset + end, confidence: 0.85 });
    }
    from = to;
  };
  for (let i = 0; i < tokens.length; i++) {
    const next = tokens[i + 1];
    // A line break ends a sequence unless the line stops mid-sentence (after a lower-case word or
    // a comma), as lines wrapped inside a paragraph do.
    const newline = next !== undefined && text.slice(tokens[i]!.end, next.start).includes('\n') && !/^(\p{Ll}[\p{L}'’-]*|,)$/u.test(tokens[i]!.text);
    const sentenceEnd = /^[.!?]$/.test(tokens[i]!.text) && next !== undefined && /^\p{Lu}/u.test(next.text);
    if (newline || sentenceEnd || i - from >= 200) flush(i + 1);
  }
  flush(tokens.length);
  return autonomousRegions(text, offset, out);
}

/**
 * Capitalised words on one line ending in a kind of autonomous area ("Xinjiang Uyghur Autonomous
 * Region", "Ili Kazakh Autonomous Prefecture"): news rarely has them, so the model cut them
 * ("Xinjiang" + "Autonomous Region" on a line of its own) or missed them; such a name is a place.
 */
const AUTONOMOUS = /(?<![\p{L}\p{N}])((?:\p{Lu}[\p{L}'’-]*[ \t]+)+)(?:Autonomous (?:Region|Prefecture|County|Banner)|Special Administrative Region)(?![\p{L}\p{N}])/gu;
/** Capitalised words that open a sentence rather than a name ("In Xinjiang Uyghur Autonomous Region"). */
const NOT_A_NAME_START = /^(?:The|In|At|From|To|Of|For|And|On|By|With|Across|Within|Outside|Inside)[ \t]+/u;

/** Post-pass (MODEL.md): a capitalised name ending in "Autonomous Region" and the like is one place, unless a longer mention holds it ("… Autonomous Region Party Committee"). */
export function autonomousRegions(text: string, offset: number, found: Mention[]): Mention[] {
  if (!text.includes('Autonomous') && !text.includes('Special Administrative')) return found;
  let out = found;
  for (const m of text.matchAll(AUTONOMOUS)) {
    let start = m.index;
    let name = m[0];
    for (let cut = NOT_A_NAME_START.exec(name); cut; cut = NOT_A_NAME_START.exec(name)) {
      start += cut[0].length;
      name = name.slice(cut[0].length);
    }
    if (name.startsWith('Autonomous') || name.startsWith('Special Administrative')) continue;
    const s = offset + start;
    const e = s + name.length;
    if (out.some((f) => f.start <= s && e <= f.end && f.end - f.start > e - s)) continue;
    out = out.filter((f) => f.end <= s || f.start >= e);
    out.push({ text: name, type: 'LOCATION', start: s, end: e, confidence: 0.85 });
  }
  return out.sort((a, b) => a.start - b.start);
}
