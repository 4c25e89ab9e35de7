import type { Mention } from '../../domain/entities.js';
import { isoDay, isoMonth } from './calendar.js';
import { chineseSmallNumberValue, chineseYearValue, SMALL_NUMBER, YEAR_DIGIT } from './chinese-numerals.js';
import { mentionOf } from './mention.js';

/**
 * Calendar dates written out in full: 2017年2月3日, 二〇一七年二月三日, 2017-02-03, 2017/2/3,
 * 2017.2.3, 3 February 2017, February 3, 2017, Feb. 3, 2017, and months (2017年2月, February 2017).
 * value.date is 'YYYY-MM-DD' or 'YYYY-MM'; value.precision says which.
 *
 * Left out on purpose: a year alone (2017年 is as often a count or a budget line as a date),
 * a day without its year (2月3日: which year is the document's business), and all-numeric
 * day-month orders (03/02/2017 is 3 February in London and March 2 in Washington).
 */

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
// Capitalised only: 'may' and 'march' in lower case are a verb far more often than a month.
const MONTH = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEPT?(?:EMBER)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)`;
const DAY = String.raw`(?<day>\d{1,2})(?:st|nd|rd|th)?`;

const PATTERNS: ReadonlyArray<{ re: RegExp; read: (g: Record<string, string | undefined>) => [number, number, number?] }> = [
  {
    // 2017年2月3日, 2017 年 2 月, 2017年2月3号
    re: /(?<!\d)(?<year>\d{4})\s?年\s?(?<month>\d{1,2})\s?月(?:\s?(?<day>\d{1,2})\s?[日号])?/g,
    read: (g) => [Number(g.year), Number(g.month), g.day === undefined ? undefined : Number(g.day)],
  },
  {
    // 二〇一七年二月三日, 一九九八年十二月, 二〇一七年元月 (元月 is January)
    re: new RegExp(String.raw`(?<!${YEAR_DIGIT})(?<year>${YEAR_DIGIT}{4})年(?<month>元|${SMALL_NUMBER})月(?:(?<day>${SMALL_NUMBER})[日号])?`, 'g'),
    read: (g) => [chineseYearValue(g.year!), g.month === '元' ? 1 : chineseSmallNumberValue(g.month!), g.day === undefined ? undefined : chineseSmallNumberValue(g.day)],
  },
  {
    // 2017-02-03, 2017/2/3, 2017.2.3: the same separator twice, and not part of a longer dotted number or a version (1.2017.2.3, v2017.02.03)
    re: /(?<![\w.\-/])(?<year>\d{4})(?<sep>[-/.])(?<month>\d{1,2})\k<sep>(?<day>\d{1,2})(?!\d|[.\-/]\d)/g,
    read: (g) => [Number(g.year), Number(g.month), Number(g.day)],
  },
  {
    // 3 February 2017, 3rd Feb. 2017, 3 Feb, 2017, 3rd of February 2017
    re: new RegExp(String.raw`(?<![\w.])${DAY}\s(?:of\s)?(?<month>${MONTH})\.?,?\s(?<year>\d{4})(?![\w])`, 'g'),
    read: (g) => [Number(g.year), monthNumber(g.month!), Number(g.day)],
  },
  {
    // February 3, 2017, Feb. 3 2017
    re: new RegExp(String.raw`(?<![\w])(?<month>${MONTH})\.?\s${DAY},?\s(?<year>\d{4})(?![\w])`, 'g'),
    read: (g) => [Number(g.year), monthNumber(g.month!), Number(g.day)],
  },
  {
    // February 2017, Feb. 2017; not the tail of an impossible day (31 February 2017)
    re: new RegExp(String.raw`(?<![\w]|\d(?:st|nd|rd|th)?\s(?:of\s)?)(?<month>${MONTH})\.?,?\s(?<year>\d{4})(?![\w])`, 'g'),
    read: (g) => [Number(g.year), monthNumber(g.month!)],
  },
];

function monthNumber(name: string): number {
  return MONTHS[name.slice(0, name.toLowerCase().startsWith('sept') ? 4 : 3).toLowerCase()] ?? NaN;
}

/** Dates (day or month precision) in a text, Chinese and English, each checked against the calendar. */
export function findDates(text: string): Mention[] {
  const mentions: Mention[] = [];
  for (const { re, read } of PATTERNS) {
    for (const m of text.matchAll(re)) {
      const [year, month, day] = read(m.groups ?? {});
      const date = day === undefined ? isoMonth(year, month) : isoDay(year, month, day);
      if (!date) continue;
      const precision = day === undefined ? 'month' : 'day';
      mentions.push(mentionOf(text, 'DATE', m.index, m.index + m[0].length, { date, precision }, 0.9));
    }
  }
  return mentions;
}
