/**
 * Resolution keys (src/analyse/resolve), imported directly: a pure function of a name and the
 * names dictionary. Every form of one name shares a key; a Latin alias that spells only part of
 * a Han name does not take its key; pinyin keys link Latin names only when every word is pinyin.
 */
import { describe, expect, it } from 'vitest';
import { defaultAnalyser, entityKey, pinyinKeyOfHan, pinyinKeyOfLatin } from '../src/analyse/index.js';

const names = defaultAnalyser().names;
const key = (text: string) => entityKey(text, names).key;

describe('entityKey', () => {
  it('folds traditional to simplified and drops the middle dot of transcribed names', () => {
    expect(key('習近平')).toBe('习近平');
    expect(key('习近平')).toBe('习近平');
    expect(key('伊力哈木·土赫提')).toBe(key('伊力哈木土赫提'));
  });

  it('takes the Han key of a Latin name the dictionary knows, with or without accents, in either order', () => {
    expect(key('Xi Jinping')).toBe('习近平');
    expect(key('Xí Jìnpíng')).toBe('习近平');
    expect(key('XI JINPING')).toBe('习近平');
    expect(key('Jinping Xi')).toBe('习近平');
    expect(key('Chen Quanguo')).toBe('陈全国');
    expect(key('Ilham Tohti')).toBe(key('伊力哈木·土赫提'));
    expect(entityKey('Xi Jinping', names).confidence).toBeLessThan(1);
  });

  it('does not make "Xinjiang" the county 新绛县 just because CC-CEDICT calls the county so', () => {
    expect(key('Xinjiang')).not.toBe('新绛县');
  });

  it('keeps other Latin names as themselves', () => {
    expect(key('John  Smith')).toBe('latin:john smith');
    expect(entityKey('John Smith', names).name).toBe('John Smith');
  });
});

describe('pinyin keys', () => {
  it('joins the toneless pinyin of a Han name, polyphones in context', () => {
    expect(pinyinKeyOfHan('陈全国')).toBe('chenquanguo');
    expect(pinyinKeyOfHan('新疆')).toBe('xinjiang');
    expect(pinyinKeyOfHan('latin:x')).toBeNull();
  });

  it('spells a Latin key as pinyin only when all of it is pinyin of two or more syllables', () => {
    expect(pinyinKeyOfLatin('latin:zhou lixin')).toBe('zhoulixin');
    expect(pinyinKeyOfLatin('latin:john smith')).toBeNull();
    expect(pinyinKeyOfLatin('latin:li')).toBeNull();
    expect(pinyinKeyOfLatin('习近平')).toBeNull();
  });
});
