import { pinyin } from 'pinyin-pro';

const cache = new Map<string, string[]>();

/**
 * Toneless pinyin syllables of a Han word, polyphones resolved in context (pinyin-pro):
 * 习近平 → [xi, jin, ping]; ü is written v, as people type it (绿 → lv).
 */
export function pinyinSyllables(word: string): string[] {
  const hit = cache.get(word);
  if (hit) return hit;
  const syllables = pinyin(word, { toneType: 'none', type: 'array', v: true, nonZh: 'removed' }).map((s) => s.toLowerCase()).filter(Boolean);
  if (cache.size > 200_000) cache.clear();
  cache.set(word, syllables);
  return syllables;
}
