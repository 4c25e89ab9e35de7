/** The scripts Dossier tells apart; everything else is 'other'. */
export type Script = 'han' | 'latin' | 'arabic' | 'cyrillic' | 'kana' | 'hangul' | 'digit' | 'other';

export function scriptOf(ch: string): Script {
  if (/\p{Script=Han}/u.test(ch)) return 'han';
  if (/\p{Script=Latin}/u.test(ch)) return 'latin';
  if (/\p{N}/u.test(ch)) return 'digit';
  if (/\p{Script=Arabic}/u.test(ch)) return 'arabic';
  if (/\p{Script=Cyrillic}/u.test(ch)) return 'cyrillic';
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(ch)) return 'kana';
  if (/\p{Script=Hangul}/u.test(ch)) return 'hangul';
  return 'other';
}

/** Letters peculiar to Uyghur among Arabic-script languages (ئۇيغۇرچە). */
const UYGHUR = /[\u06d0\u06c6\u06c7\u06c8\u06ad\u06be\u06cb\u0626]/u;

/**
 * The language of a passage, by its dominant script: zh for Han, en for Latin (the only
 * Latin-script language the chain treats specially), ug for Uyghur Arabic script, ar for other
 * Arabic script, ru for Cyrillic, ja/ko for kana/hangul; und when there is nothing to go on.
 */
export function languageOf(text: string): string {
  const counts: Partial<Record<Script, number>> = {};
  let sample = 0;
  for (const ch of text) {
    const s = scriptOf(ch);
    if (s === 'other' || s === 'digit') continue;
    counts[s] = (counts[s] ?? 0) + 1;
    if (++sample > 20_000) break;
  }
  const [top] = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  if (!top || top[1] < 2) return 'und';
  switch (top[0] as Script) {
    case 'han':
      return (counts.kana ?? 0) > top[1] * 0.1 ? 'ja' : 'zh';
    case 'latin':
      return 'en';
    case 'arabic':
      return UYGHUR.test(text.slice(0, 50_000)) ? 'ug' : 'ar';
    case 'cyrillic':
      return 'ru';
    case 'kana':
      return 'ja';
    case 'hangul':
      return 'ko';
    default:
      return 'und';
  }
}
