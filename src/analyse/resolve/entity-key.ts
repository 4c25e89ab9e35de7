import type { EntityType } from '../../domain/entities.js';
import type { NamesDictionary } from '../dictionary/names-dictionary.js';
import { foldText } from '../normalise/normalise.js';
import { pinyinSyllables } from '../pinyin/pinyin.js';
import { syllabify } from '../pinyin/syllables.js';

/** Where a name's resolution key came from, and how sure that makes us it is the same entity. */
export interface EntityKey {
  /** What every form of one name folds to: simplified Han (习近平), or `latin:` + folded Latin. */
  key: string;
  /** The form to show: the Han form when known, else the text as written. */
  name: string;
  /** 1 for the same characters (traditional or simplified), lower when a Latin form was looked up. */
  confidence: number;
}

const HAN = /\p{Script=Han}/u;
// Separators inside names: the middle dot of transcribed Uyghur names (·, •, ‧, ・), spaces, hyphens.
const NAME_SEPARATORS = /[\s·•‧・.\-‐'’]+/g;

/** A Latin name folded for comparison: no accents, lower case, one space between words. */
export function foldLatinName(text: string): string {
  return foldText(text).replace(NAME_SEPARATORS, ' ').trim();
}

/**
 * The resolution key of a name: 習近平 and 习近平 share 习近平; "Xi Jinping" and "Xí Jìnpíng" are
 * looked up among the dictionary's Latin forms (CC-CEDICT's English names, the alias table,
 * editors' entries) and take the Han form's key when exactly one Han form goes by that name,
 * in either order of family and given name. Other Latin names keep a key of their own, which
 * `pinyinKeyOfLatin` may later link to a Han entity.
 */
export function entityKey(text: string, names: NamesDictionary): EntityKey {
  if (HAN.test(text)) {
    const han = foldText(text).replace(NAME_SEPARATORS, '');
    return { key: han, name: text.replace(/\s+/g, ''), confidence: 1 };
  }
  const latin = foldLatinName(text);
  const words = latin.split(' ');
  const candidates = [latin];
  if (words.length === 2) candidates.push(`${words[1]} ${words[0]}`);
  for (const candidate of candidates) {
    // 伊力哈木·土赫提 is in the dictionary with and without its middle dot: one name.
    const han = [...new Set(names.hanForAlias(candidate).map((h) => h.replace(NAME_SEPARATORS, '')))].filter((h) => !namesOnlyPart(candidate, h));
    if (han.length === 1) return { key: han[0]!, name: han[0]!, confidence: candidate === latin ? 0.95 : 0.85 };
  }
  return { key: `latin:${latin}`, name: text.trim().replace(/\s+/g, ' '), confidence: 1 };
}

/**
 * Whether a Latin alias spells only the start of the Han name: CC-CEDICT calls 新绛县 (Xinjiang
 * County) "Xinjiang", which must not make every "Xinjiang" the county rather than 新疆.
 */
function namesOnlyPart(latin: string, han: string): boolean {
  const spelled = syllabify(latin)?.join('');
  const full = pinyinKeyOfHan(han);
  if (!spelled || !full || spelled === full) return false;
  const chars = Array.from(han);
  for (let cut = chars.length - 1; cut >= 1; cut--) if (pinyinKeyOfHan(chars.slice(0, cut).join('')) === spelled) return true;
  return false;
}

/** The joined toneless pinyin of a Han key (习近平 → xijinping), or null when it has none. */
export function pinyinKeyOfHan(han: string): string | null {
  const chars = Array.from(han);
  if (!chars.every((c) => HAN.test(c))) return null;
  const syllables = pinyinSyllables(han);
  return syllables.length === chars.length ? syllables.join('') : null;
}

/**
 * The joined pinyin a Latin key spells, when every word is pinyin ("latin:chen quanguo" →
 * chenquanguo), or null ("latin:john smith"). Single syllables are too ambiguous to link.
 */
export function pinyinKeyOfLatin(key: string): string | null {
  if (!key.startsWith('latin:')) return null;
  const latin = key.slice('latin:'.length);
  const syllables = syllabify(latin);
  if (!syllables || syllables.length < 2) return null;
  return syllables.join('');
}

/** Whether a mention type names something (and so resolves to an entity) rather than a pattern. */
export function isNamedType(type: string): type is EntityType {
  return type === 'PERSON' || type === 'LOCATION' || type === 'ORGANIZATION';
}
