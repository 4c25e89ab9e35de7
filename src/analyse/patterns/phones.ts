import type { Mention } from '../../domain/entities.js';
import { mentionOf } from './mention.js';

/**
 * Telephone numbers: Chinese mobiles and landlines (with or without +86 / 0086) and international
 * numbers written with a +country code; value.e164 is the number as dialled from abroad.
 *
 * Digits are everywhere in documents, so a number counts only when it stands alone: no digit,
 * letter or decimal point glued to either side (which rules out the middle of long digit runs,
 * ID numbers, version numbers and prices like 138.00), and no currency sign or unit of money next
 * to it (13800138000元 is an amount). Landlines need their area code set off (010-12345678,
 * (0991) 1234567): eleven bare digits starting with 0 are as often a serial number as a phone.
 * Dates do not match: a landline starts with its trunk 0 (or +86) and a mobile is 1[3-9] and ten
 * more digits, while 2017-02-03 starts with a year. Separators inside a number are one space or
 * dash; spaced international groups can still swallow a short number written right after them
 * (+44 20 7946 0958 12 → one number), up to E.164's 15 digits.
 */

const PREFIX_86 = String.raw`(?:(?:\+|00)86[ -]?|\(\+?86\)[ -]?)`;
const MOBILE = new RegExp(String.raw`(?<intl>${PREFIX_86})?(?<num>1[3-9]\d(?:[ -]?\d{4}){2})`, 'g');

// Area codes without their trunk 0: 10 (Beijing), 2x (the big cities), three digits elsewhere.
const AREA = String.raw`(?:10|2\d|[3-9]\d{2})`;
const LOCAL = String.raw`[1-9]\d{2,3}[ -]?\d{4}`;
const EXTENSION = String.raw`(?:[ ]?(?:-|转|分机|ext\.?|x)[ ]?(?<ext>\d{1,5}))?`;
const LANDLINE = new RegExp(
  String.raw`(?:${PREFIX_86}(?:\(0\)|0)?(?<area1>${AREA})[ -]?|\(0(?<area2>${AREA})\)[ ]?|0(?<area3>${AREA})[ -])(?<local>${LOCAL})${EXTENSION}`,
  'g',
);

// +CC then groups of digits, a (0) trunk prefix allowed (+44 (0)20 …); +86 is handled above.
const INTERNATIONAL = /\+(?!86)[1-9]\d{0,2}(?:[ .-]?(?:\(\d{1,4}\)|\d{1,5}))+/g;
// North American numbers as written in English text without +1: (202) 555-0143, 202-555-0143.
const NANP = /(?:\((?<a1>[2-9]\d\d)\) ?|(?<a2>[2-9]\d\d)-)(?<ex>[2-9]\d\d)-(?<line>\d{4})/g;

const MONEY_BEFORE = /[¥￥$€£]\s*$|(?:RMB|USD|HKD|EUR|GBP|CNY)\s*$/;
const MONEY_AFTER = /^\s*(?:元|万|亿|块|美元|港元|港币|欧元|英镑|%|‰|yuan|dollars?|RMB|USD)/;

/** True when text[start, end) is not glued to other digits, letters, decimals or money. */
function standsAlone(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 2), start);
  const after = text.slice(end, end + 2);
  if (/[0-9A-Za-z+]$/.test(before) || /\d[.,/-]$/.test(before)) return false;
  if (/^[0-9A-Za-z]/.test(after) || /^[.,/-]\d/.test(after)) return false;
  return !MONEY_BEFORE.test(text.slice(Math.max(0, start - 4), start)) && !MONEY_AFTER.test(text.slice(end, end + 8));
}

const digitsOf = (s: string): string => s.replace(/\D/g, '');

/** Phone numbers in a text: Chinese mobiles and landlines, +country-code numbers, North American numbers. */
export function findPhones(text: string): Mention[] {
  const mentions: Mention[] = [];
  const add = (start: number, end: number, value: Record<string, string>, confidence: number): void => {
    if (standsAlone(text, start, end)) mentions.push(mentionOf(text, 'PHONE', start, end, value, confidence));
  };
  for (const m of text.matchAll(MOBILE)) {
    add(m.index, m.index + m[0].length, { kind: 'mobile', country: 'CN', e164: `+86${digitsOf(m.groups!.num!)}` }, m.groups!.intl ? 0.95 : 0.9);
  }
  for (const m of text.matchAll(LANDLINE)) {
    const g = m.groups!;
    const area = g.area1 ?? g.area2 ?? g.area3 ?? '';
    const value: Record<string, string> = { kind: 'landline', country: 'CN', areaCode: `0${area}`, e164: `+86${area}${digitsOf(g.local!)}` };
    if (g.ext) value.extension = g.ext;
    add(m.index, m.index + m[0].length, value, 0.85);
  }
  for (const m of text.matchAll(INTERNATIONAL)) {
    // E.164 allows at most 15 digits: past that the groups are taken to be a following number
    // (+44 20 7946 0958 2017) and dropped; fewer than 8 is a sum or a code, not a phone.
    let number = m[0];
    while (digitsOf(number.replace(/\(0\)/, '')).length > 15) number = number.replace(/[ .-]?(?:\(\d{1,4}\)|\d{1,5})$/, '');
    const digits = digitsOf(number.replace(/\(0\)/, ''));
    if (digits.length < 8) continue;
    add(m.index, m.index + number.length, { kind: 'international', e164: `+${digits}` }, 0.8);
  }
  for (const m of text.matchAll(NANP)) {
    const g = m.groups!;
    add(m.index, m.index + m[0].length, { kind: 'north_american', country: 'US', e164: `+1${g.a1 ?? g.a2}${g.ex}${g.line}` }, 0.6);
  }
  return mentions;
}
