import { readResource } from '../resources.js';

let syllables: Set<string> | null = null;
let longest = 6;

/** Every toneless pinyin syllable that CC-CEDICT's proper nouns use (ü written v). */
function syllableSet(): Set<string> {
  if (syllables) return syllables;
  const set = new Set<string>(['a', 'o', 'e', 'ai', 'ei', 'ao', 'ou', 'an', 'en', 'ang', 'eng', 'er']);
  for (const row of readResource('cedict/names.tsv')) {
    for (const raw of (row[2] ?? '').split(' ')) {
      const s = raw.toLowerCase().replace(/[1-5]$/, '').replace(/ü/g, 'v');
      if (/^[a-z]{1,6}$/.test(s)) set.add(s);
    }
  }
  longest = Math.max(...[...set].map((s) => s.length));
  syllables = set;
  return set;
}

/**
 * Split a run of Latin letters into pinyin syllables, longest first ("xijinping" → xi jin ping),
 * or null when it is not pinyin. Apostrophes and spaces already separate syllables.
 */
export function syllabify(latin: string): string[] | null {
  const set = syllableSet();
  const out: string[] = [];
  for (const part of latin.toLowerCase().replace(/ü/g, 'v').split(/[\s'’-]+/).filter(Boolean)) {
    let i = 0;
    while (i < part.length) {
      let found = 0;
      for (let len = Math.min(longest, part.length - i); len > 0; len--) {
        const candidate = part.slice(i, i + len);
        // Prefer a split that leaves a valid start for the rest (xian → xian, not xi|an, is fine either way).
        if (set.has(candidate)) {
          found = len;
          break;
        }
      }
      if (found === 0) return null;
      out.push(part.slice(i, i + found));
      i += found;
    }
  }
  return out.length ? out : null;
}
