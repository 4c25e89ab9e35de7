import { dict } from '@node-rs/jieba/dict.js';
import { readResource } from '../resources.js';
import { COMPOUND_SURNAMES } from './zh-affixes.js';

export type NameType = 'PER' | 'LOC' | 'ORG';

/**
 * What the Chinese path knows about words and characters, read once per process:
 * - jieba's own part-of-speech tags (its dictionary, before the names dictionary re-tags every
 *   CC-CEDICT name as nr), for nr/ns/nt/nz words;
 * - CC-CEDICT proper nouns typed by their gloss (resources/entities/zh-names.tsv);
 * - surnames (CC-CEDICT) weighted by how many of jieba's person names start with them, and
 *   given-name characters weighted by how often they follow a surname in those names.
 */
export interface ZhLexicon {
  jiebaTag: Map<string, string>;
  cedict: Map<string, NameType>;
  /** Common words that jieba or CC-CEDICT also tag as names (文明, 海洋, 成功): not names by themselves. */
  common: Set<string>;
  /** Surname → share of person names starting with it (0..1, relative to the most common). */
  surname: Map<string, number>;
  /** Given-name character → how name-like (0..1). */
  given: Map<string, number>;
  /** Characters that spell foreign names (尔 斯 拉 克 …): frequent in jieba's transliterated names (nrt). */
  transliteration: Set<string>;
  /** The same, taken more widely (three names or more): for the parts of names written with a dot. */
  spelling: Set<string>;
}

let lexicon: ZhLexicon | null = null;

const KEPT_TAGS = new Set(['nr', 'nrfg', 'nrt', 'ns', 'nt', 'nz']);

export function zhLexicon(): ZhLexicon {
  if (lexicon) return lexicon;
  const jiebaTag = new Map<string, string>();
  const cedictSurnames = new Set(readResource('entities/zh-surnames.tsv').map(([s]) => s!));
  const surnameCount = new Map<string, number>();
  const givenCount = new Map<string, number>();
  const translitCount = new Map<string, number>();
  const text = dict.toString();
  let at = 0;
  while (at < text.length) {
    let nl = text.indexOf('\n', at);
    if (nl < 0) nl = text.length;
    const line = text.slice(at, nl);
    at = nl + 1;
    const a = line.indexOf(' ');
    const b = line.indexOf(' ', a + 1);
    if (a < 0 || b < 0) continue;
    const tag = line.slice(b + 1).trim();
    if (!KEPT_TAGS.has(tag)) continue;
    const word = line.slice(0, a);
    jiebaTag.set(word, tag);
    if (tag === 'nrt') for (const ch of word) translitCount.set(ch, (translitCount.get(ch) ?? 0) + 1);
    if (tag !== 'nr' || word.length !== 3) continue;
    const first = word[0]!;
    if (!cedictSurnames.has(first)) continue;
    surnameCount.set(first, (surnameCount.get(first) ?? 0) + 1);
    for (const ch of word.slice(1)) givenCount.set(ch, (givenCount.get(ch) ?? 0) + 1);
  }
  const cedict = new Map<string, NameType>();
  for (const [word, type] of readResource('entities/zh-names.tsv')) cedict.set(word!, type as NameType);
  const normalise = (counts: Map<string, number>, floor: number) => {
    const top = Math.max(...counts.values());
    const out = new Map<string, number>();
    for (const [ch, n] of counts) if (n >= floor) out.set(ch, Math.log(n + 1) / Math.log(top + 1));
    return out;
  };
  const surname = normalise(surnameCount, 3);
  for (const s of cedictSurnames) if (s.length === 2 && !surname.has(s)) surname.set(s, 0.6);
  for (const [s, weight] of COMPOUND_SURNAMES) surname.set(s, weight);
  const common = new Set(readResource('entities/zh-common.tsv').map(([w]) => w!));
  const transliteration = new Set([...translitCount].filter(([, n]) => n >= 8).map(([ch]) => ch));
  const spelling = new Set([...translitCount].filter(([, n]) => n >= 3).map(([ch]) => ch));
  lexicon = { jiebaTag, cedict, common, surname, given: normalise(givenCount, 2), transliteration, spelling };
  return lexicon;
}
