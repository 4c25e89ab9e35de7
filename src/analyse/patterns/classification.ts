import type { Mention } from '../../domain/entities.js';
import { mentionOf } from './mention.js';

/**
 * Classification marks (密级, GB/T 9704 and the State Secrets Law): 绝密 (top secret), 机密
 * (secret), 秘密 (confidential), optionally with ★ and a period: 绝密★启用前, 机密★1年, 秘密★10年,
 * 机密★长期. 内部 / 内部资料 / 内部使用 / 内部文件 are not state-secret levels but are marked the
 * same way on internal papers; they are reported as level 'internal'. English marks (TOP SECRET,
 * SECRET, CONFIDENTIAL, RESTRICTED) are reported when written in capitals as a mark.
 *
 * The same words are ordinary vocabulary (商业秘密, 秘密的, 机密文件, 内部管理), so a word counts
 * as a mark only where a mark stands:
 * - followed by a star (★, ☆, *): anywhere;
 * - in brackets of its own (【机密】, [秘密], 〔绝密〕): 0.8;
 * - at the start of a line and followed by the end of the line, or by a space and a short rest
 *   of the line (the header line "机密  特急", or "秘密" alone): 0.8, or 0.6 for 内部 levels, which
 *   head ordinary lines more often.
 * A star counts for 0.95 when it is ★ or ☆, 0.8 when it is an ASCII * (typed for ★, or Markdown).
 * Anywhere else the word is prose and not reported.
 */

const LEVELS: Readonly<Record<string, string>> = {
  绝密: 'top_secret',
  机密: 'secret',
  秘密: 'confidential',
  内部: 'internal',
  内部资料: 'internal',
  内部使用: 'internal',
  内部文件: 'internal',
  'TOP SECRET': 'top_secret',
  SECRET: 'secret',
  CONFIDENTIAL: 'confidential',
  RESTRICTED: 'restricted',
};

const WORD = '(?<word>绝密|机密|秘密|内部资料|内部使用|内部文件|内部)';
const PERIOD = String.raw`(?<period>启用前|长期|\d{1,2}\s?年|[一二三四五六七八九十]{1,3}年|\d{1,2}\s?个月)`;
const STARRED = new RegExp(String.raw`${WORD}\s?[★☆*]\s?${PERIOD}?`, 'g');
const BRACKETED = new RegExp(String.raw`[【[〔(「]\s?${WORD}\s?[】\]〕)」]`, 'g');
// The rest of a header line is short (特急, a copy number); OCR'd prose spaced out word by word is not.
const LINE_START = new RegExp(String.raw`(?<=^|\n)[ \t\u3000]*${WORD}(?=(?:[ \t\u3000][^\n]{0,16})?\r?$)`, 'gm');
const ENGLISH = /(?<=^|\n)[ \t]*(?<word>TOP SECRET|SECRET|CONFIDENTIAL|RESTRICTED)(?=[ \t]*(?:\/\/|\r?$))/gm;

/** Classification marks in a text, with their level and, when written, their period (1年, 长期, 启用前). */
export function findClassificationMarks(text: string): Mention[] {
  const mentions: Mention[] = [];
  /** whole: report the star and period with the word; otherwise the word alone, without brackets or indentation. */
  const add = (m: RegExpMatchArray, confidence: number, whole: boolean): void => {
    const word = m.groups!.word!;
    const start = m.index! + m[0].indexOf(word);
    const end = whole ? m.index! + m[0].trimEnd().length : start + word.length;
    const value: Record<string, string> = { level: LEVELS[word]!, mark: word };
    if (m.groups!.period) value.period = m.groups!.period.replace(/\s/g, '');
    mentions.push(mentionOf(text, 'CLASSIFICATION', start, end, value, confidence));
  };
  for (const m of text.matchAll(STARRED)) add(m, /[★☆]/.test(m[0]) ? 0.95 : 0.8, true);
  for (const m of text.matchAll(BRACKETED)) add(m, 0.8, false);
  for (const m of text.matchAll(LINE_START)) add(m, m.groups!.word!.startsWith('内部') ? 0.6 : 0.8, false);
  for (const m of text.matchAll(ENGLISH)) add(m, 0.8, false);
  return mentions;
}
