/**
 * Characters a leak-hunter plants to tell copies apart, and the visible text a reader sees in
 * their place. Compare diffs the visible texts (so a planted mark is not a "text change") and
 * then reports, where the visible texts agree, every raw character that differs: the marks.
 */
export type InvisibleKind = 'zero-width' | 'homoglyph' | 'full-width' | 'space' | 'line-break';

/** U+200B–U+200D, U+2060, U+FEFF: no width at all. */
const ZERO_WIDTH = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);
/** No-break, en/em/thin/hair … spaces and the ideographic space, all read as a space. */
const SPACES = new Set([0x00a0, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x202f, 0x205f, 0x3000]);

/** Cyrillic and Greek letters drawn like Latin ones (Unicode confusables, the common set). */
const HOMOGLYPHS: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ѕ: 's', і: 'i', ј: 'j', ԁ: 'd', ԛ: 'q', ԝ: 'w', ё: 'ë', ї: 'ï',
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y', Х: 'X', Ѕ: 'S', І: 'I', Ј: 'J', Ԁ: 'D', Ԛ: 'Q', Ԝ: 'W',
  α: 'a', ο: 'o', ν: 'v', ρ: 'p', τ: 't', υ: 'u', ι: 'i', κ: 'k', χ: 'x', γ: 'y',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
};

/** How a raw character differs from what it looks like, or null for an ordinary one. */
export function invisibleKind(ch: string): InvisibleKind | null {
  const cp = ch.codePointAt(0) ?? 0;
  if (ZERO_WIDTH.has(cp)) return 'zero-width';
  if (SPACES.has(cp)) return 'space';
  if (ch === '\r') return 'line-break';
  if (HOMOGLYPHS[ch] !== undefined) return 'homoglyph';
  if (cp >= 0xff10 && cp <= 0xff5a && /[\p{L}\p{N}]/u.test(ch)) return 'full-width';
  return null;
}

/** What a reader sees: '' for a zero-width character, the Latin letter, the ASCII digit or letter, a space. */
function visibleOf(ch: string): string {
  const kind = invisibleKind(ch);
  if (kind === 'zero-width') return '';
  if (kind === 'space') return ' ';
  if (kind === 'homoglyph') return HOMOGLYPHS[ch] ?? ch;
  if (kind === 'full-width') return String.fromCharCode((ch.codePointAt(0) ?? 0) - 0xfee0);
  return ch;
}

/**
 * A text as seen, with a map back to the raw text: visible unit i comes from raw [rawStart[i],
 * rawEnd[i]); zero-width characters are dropped and a CR before LF joins the LF.
 */
export interface VisibleText {
  raw: string;
  text: string;
  rawStart: number[];
  rawEnd: number[];
}

export function visibleText(raw: string): VisibleText {
  let text = '';
  const rawStart: number[] = [];
  const rawEnd: number[] = [];
  for (let i = 0; i < raw.length; ) {
    const cp = raw.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    const ch = raw.slice(i, i + width);
    if (ch === '\r' && raw[i + 1] === '\n') {
      text += '\n';
      rawStart.push(i);
      rawEnd.push(i + 2);
      i += 2;
      continue;
    }
    const seen = ch === '\r' ? '\n' : visibleOf(ch);
    for (let u = 0; u < seen.length; u++) {
      rawStart.push(i);
      rawEnd.push(i + width);
    }
    text += seen;
    i += width;
  }
  return { raw, text, rawStart, rawEnd };
}

/** "U+200B" for a character. */
export const codePointName = (ch: string): string => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
