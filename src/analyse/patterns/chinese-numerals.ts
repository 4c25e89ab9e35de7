/**
 * Chinese numerals as dates write them: years digit by digit (二〇一七, 一九九八, with 〇, 零 or ○
 * for zero) and months and days as counted numbers (十, 十二, 二十三, 三十一, also 廿 and 卅).
 */

const DIGITS: Readonly<Record<string, number>> = {
  '〇': 0, '零': 0, '○': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
};

/** Characters that can spell a year digit by digit. */
export const YEAR_DIGIT = '[〇零○一二三四五六七八九]';
/** A counted number from 1 to 39: 一 … 九, 十, 十一, 二十, 二十三, 廿三, 卅一. */
export const SMALL_NUMBER = '(?:[二三]?十[一二三四五六七八九]?|[廿卅][一二三四五六七八九]?|[一二三四五六七八九])';

/** The value of a year written digit by digit: 二〇一七 → 2017. */
export function chineseYearValue(s: string): number {
  return Number([...s].map((ch) => DIGITS[ch] ?? NaN).join(''));
}

/** The value of a counted number from 1 to 39: 十 → 10, 二十三 → 23, 廿三 → 23. */
export function chineseSmallNumberValue(s: string): number {
  const tens = s.replace(/^廿/, '二十').replace(/^卅/, '三十');
  const at = tens.indexOf('十');
  if (at < 0) return DIGITS[tens] ?? NaN;
  const high = at === 0 ? 1 : (DIGITS[tens.slice(0, at)] ?? NaN);
  const low = at === tens.length - 1 ? 0 : (DIGITS[tens.slice(at + 1)] ?? NaN);
  return high * 10 + low;
}
