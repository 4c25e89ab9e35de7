import type { Mention } from '../../domain/entities.js';
import { defaultAnalyser, type TextAnalyser } from '../analyse-text.js';
import { findChineseEntities } from './chinese.js';
import { findEnglishEntities } from './english.js';

const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;

/**
 * The rule-based extractor (before the trained tagger): kept to measure the tagger against in
 * npm run eval:ner, and for its English output, which the English model reads as a feature.
 * People, places and organisations named in a text, with UTF-16 offsets into it and a confidence.
 * Han passages go through the Chinese path (jieba's tags, names dictionaries, surnames, titles and
 * suffixes), Latin passages through the English one (capitalised chunks, context words,
 * gazetteers); a mixed text is split into both. The analyser supplies the segmenter and the names
 * dictionary, so names editors added to a workspace are found too.
 *
 * @example findEntitiesByRules('自治区党委书记陈全国会见了 Xi Jinping') // 陈全国 PERSON, 自治区党委 ORGANIZATION, Xi Jinping PERSON
 */
export function findEntitiesByRules(text: string, analyser: TextAnalyser = defaultAnalyser()): Mention[] {
  const out: Mention[] = [];
  let start = 0;
  let mode: 'zh' | 'en' | null = null;
  const flush = (end: number) => {
    if (mode === 'zh') out.push(...findChineseEntities(text.slice(start, end), start, analyser.segmenter, analyser.names));
    else if (mode === 'en') out.push(...findEnglishEntities(text.slice(start, end), start));
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
      // A Latin passage ends at the last letter-or-punctuation before the Han text, so the
      // Chinese path sees its own punctuation; cutting at i is enough for both.
      flush(i);
      mode = want;
    }
  }
  flush(text.length);
  return out;
}
