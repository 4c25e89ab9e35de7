/** Segmenter's table of words' tags (src/analyse/segment/word-table.ts) answers as a Map would, through growth and clearing. */
import { describe, expect, it } from 'vitest';
import { WordTable } from '../src/analyse/segment/word-table.js';

describe('WordTable', () => {
  it('keeps every word and its latest value as a Map does, past many growths', () => {
    const table = new WordTable(4);
    const map = new Map<string, string>();
    let seed = 11;
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) | 0) >>> 8) % 3000;
    for (let k = 0; k < 20_000; k++) {
      // Words of one to three characters from a small alphabet, so many recur and are set again.
      const n = next();
      const word = String.fromCharCode(0x4e00 + (n % 40), ...(n % 3 > 0 ? [0x4e00 + ((n >> 2) % 40)] : []), ...(n % 3 > 1 ? [0x4e00 + ((n >> 4) % 40)] : []));
      // A fresh string each time, as jieba hands words back.
      const fresh = [...word].join('');
      table.set(fresh, `t${k % 7}`);
      map.set(word, `t${k % 7}`);
    }
    expect(table.size).toBe(map.size);
    for (const [word, tag] of map) expect(table.get([...word].join(''))).toBe(tag);
    expect(table.get('不在')).toBeUndefined();
    expect(table.has('不在')).toBe(false);
    table.clear();
    expect(table.size).toBe(0);
    expect(table.get([...map.keys()][0]!)).toBeUndefined();
  });
});
