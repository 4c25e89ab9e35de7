import type { Mention } from '../../domain/entities.js';
import { defaultAnalyser, type TextAnalyser } from '../analyse-text.js';
import { tagChinese, tagEnglish } from './tagger/tag-entities.js';

const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;

/**
 * People, places and organisations named in a text, with UTF-16 offsets into it and a confidence,
 * read by the trained tagger (resources/ner/MODEL.md): Han passages character by character,
 * Latin passages word by word; a mixed text is split into both. The analyser supplies the
 * segmenter (whose words and tags are features) and the names dictionary, so names editors
 * added to a workspace are found with the type they gave.
 *
 * Two post-passes: a place closed short of its administrative suffix takes it (extendPlaceSuffixes),
 * and a person tagged as a bare two-character surname takes the next character (completeCompoundSurnames).
 * Names with a middle dot (伊力哈木·土赫提) and titles before names are left to the model: taking
 * dotted names from the rules was measured and lowered F1 on the held-out news slice (MODEL.md).
 *
 * @example findEntities('自治区党委书记陈全国会见了 Xi Jinping') // 陈全国 PERSON, 自治区党委 ORGANIZATION, Xi Jinping PERSON
 */
export function findEntities(text: string, analyser: TextAnalyser = defaultAnalyser()): Mention[] {
  const out: Mention[] = [];
  let start = 0;
  let mode: 'zh' | 'en' | null = null;
  const flush = (end: number) => {
    if (mode === 'zh') out.push(...chinese(text.slice(start, end), start, analyser));
    else if (mode === 'en') out.push(...tagEnglish(text.slice(start, end), start));
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // ASCII outside letters (spaces, digits, punctuation) stays with the passage it is in.
    const isLatin = (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 0xc0 && code < 0x250 && LATIN.test(text[i]!));
    const isHan = !isLatin && code >= 0x2e80 && ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code < 0xd800 || code > 0xdfff ? HAN.test(text[i]!) : HAN.test(text.slice(i, i + 2))));
    const want = isLatin ? 'en' : isHan ? 'zh' : null;
    if (want === null || want === mode) continue;
    if (mode === null) mode = want;
    else {
      flush(i);
      mode = want;
    }
  }
  flush(text.length);
  return out;
}

/** Administrative suffixes a place name ends with, and what after one makes it a title or body (县长, 县委). */
const PLACE_SUFFIX = /^[县省镇乡州]/u;
const NOT_AFTER_SUFFIX = /^.[委长政民级城里]/u;

/**
 * Post-pass: a place the model closed one character short of its administrative suffix (红柳泉 in
 * 红柳泉县, an unknown county) takes the suffix, unless a title or a body follows it (县长, 县委).
 */
export function extendPlaceSuffixes(passage: string, offset: number, found: Mention[]): Mention[] {
  return found.map((m, k) => {
    if (m.type !== 'LOCATION') return m;
    const after = passage.slice(m.end - offset, m.end - offset + 2);
    const next = found[k + 1];
    if (!PLACE_SUFFIX.test(after) || NOT_AFTER_SUFFIX.test(after) || (next && next.start < m.end + 1)) return m;
    return { ...m, text: m.text + after[0]!, end: m.end + 1 };
  });
}

/** Two-character surnames, which the model sometimes takes for the whole name (欧阳|明). */
const COMPOUND_SURNAMES = new Set(['欧阳', '上官', '司马', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '令狐', '端木', '轩辕', '南宫', '西门', '独孤']);
const NOT_A_GIVEN_NAME = /^[的了是在和与及等说称对向把被将也都又就会为于从到给让、，。！？\s]/u;

/** Post-pass: a person tagged as a bare two-character surname takes the character after it (欧阳明). */
export function completeCompoundSurnames(passage: string, offset: number, found: Mention[]): Mention[] {
  return found.map((m, k) => {
    if (m.type !== 'PERSON' || !COMPOUND_SURNAMES.has(m.text)) return m;
    const after = passage.slice(m.end - offset, m.end - offset + 1);
    const next = found[k + 1];
    if (!/^\p{Script=Han}$/u.test(after) || NOT_A_GIVEN_NAME.test(after) || (next && next.start <= m.end)) return m;
    return { ...m, text: m.text + after, end: m.end + 1 };
  });
}

function chinese(passage: string, offset: number, analyser: TextAnalyser): Mention[] {
  const found = tagChinese(passage, offset, analyser.segmenter, analyser.names);
  return completeCompoundSurnames(passage, offset, extendPlaceSuffixes(passage, offset, found));
}
