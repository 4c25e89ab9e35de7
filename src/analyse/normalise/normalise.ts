import { readResource } from '../resources.js';

/**
 * CJK Radicals Supplement look-alikes (U+2E80–U+2EFF) that PDF text layers emit in place of
 * ordinary characters; NFKC leaves these alone, unlike the Kangxi radicals (U+2F00–U+2FDF).
 */
const RADICALS: Record<string, string> = {
  '⺁': '厂', '⺄': '乙', '⺅': '亻', '⺇': '几', '⺈': '刀', '⺊': '卜', '⺋': '卩', '⺌': '小', '⺍': '小', '⺎': '兀', '⺏': '尢', '⺐': '尢',
  '⺑': '尢', '⺒': '巳', '⺓': '幺', '⺔': '彐', '⺕': '彐', '⺖': '忄', '⺗': '心', '⺘': '扌', '⺙': '攵', '⺛': '旡', '⺜': '日', '⺝': '月',
  '⺞': '歹', '⺟': '母', '⺠': '民', '⺡': '氵', '⺢': '水', '⺣': '灬', '⺤': '爫', '⺥': '爫', '⺦': '丬', '⺧': '牛', '⺨': '犭', '⺩': '王',
  '⺪': '疋', '⺫': '目', '⺬': '示', '⺭': '礻', '⺮': '竹', '⺯': '糸', '⺰': '纟', '⺱': '网', '⺲': '网', '⺳': '网', '⺴': '网', '⺵': '网',
  '⺶': '羊', '⺷': '羊', '⺸': '羊', '⺹': '老', '⺺': '聿', '⺻': '聿', '⺼': '肉', '⺽': '臼', '⺾': '艹', '⺿': '艹', '⻀': '艹', '⻁': '虎',
  '⻂': '衤', '⻃': '西', '⻄': '西', '⻅': '见', '⻆': '角', '⻇': '角', '⻈': '讠', '⻉': '贝', '⻊': '足', '⻋': '车', '⻌': '辶', '⻍': '辶',
  '⻎': '辶', '⻏': '阝', '⻐': '金', '⻑': '長', '⻒': '镸', '⻓': '长', '⻔': '门', '⻕': '阜', '⻖': '阝', '⻗': '雨', '⻘': '青', '⻙': '韦',
  '⻚': '页', '⻛': '风', '⻜': '飞', '⻝': '食', '⻞': '食', '⻟': '食', '⻠': '饣', '⻡': '首', '⻢': '马', '⻣': '骨', '⻤': '鬼', '⻥': '鱼',
  '⻦': '鸟', '⻧': '卤', '⻨': '麦', '⻩': '黄', '⻪': '黾', '⻫': '齐', '⻬': '齐', '⻭': '齿', '⻮': '齿', '⻯': '龙', '⻰': '龍', '⻱': '龜',
  '⻲': '亀', '⻳': '龟',
};

let t2s: Map<string, string> | null = null;

/** Traditional → simplified, one character to one character (derived from CC-CEDICT). */
export function simplifiedChar(ch: string): string {
  t2s ??= new Map(readResource('cedict/t2s.tsv').map(([t, s]) => [t!, s!]));
  return t2s.get(ch) ?? ch;
}

// Folding is per character and text repeats its characters endlessly: remember every answer.
const exactCache = new Map<string, string>();
const foldCache = new Map<string, string>();

/** A character as stored for exact search: NFKC, radical look-alikes mapped, lower case. */
export function exactChar(ch: string): string {
  let out = exactCache.get(ch);
  if (out === undefined) {
    out = (RADICALS[ch] ?? ch).normalize('NFKC').toLowerCase();
    exactCache.set(ch, out);
  }
  return out;
}

/** A character as folded for normalised search: also without diacritics and simplified. */
export function foldChar(ch: string): string {
  let out = foldCache.get(ch);
  if (out === undefined) {
    out = '';
    for (const c of exactChar(ch).normalize('NFD').replace(/\p{M}+/gu, '')) out += simplifiedChar(c);
    foldCache.set(ch, out);
  }
  return out;
}

/** Fold a whole string for normalised comparison (Xí Jìnpíng → xi jinping, 習近平 → 习近平). */
export function foldText(text: string): string {
  let out = '';
  for (const ch of text) out += foldChar(ch);
  return out;
}
