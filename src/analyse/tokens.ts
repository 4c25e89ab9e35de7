/**
 * Dossier's own token stream, the same for every search backend. Text is NFKC-normalised,
 * case- and diacritic-folded; Latin/digit runs become words; Han (and kana, hangul) runs become
 * overlapping character bigrams, so any substring of two or more characters can be found
 * without a word segmenter. A lone Han character is its own token.
 */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|[\p{L}\p{N}]+/gu;

/** Fold for search: NFKC, lower case, no combining marks (Xí Jìnpíng → xi jinping). */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC');
}

/** The tokens of a text, in order. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const match of foldText(text).matchAll(RUN)) {
    const run = match[0];
    if (!CJK.test(run[0] ?? '')) {
      tokens.push(run);
      continue;
    }
    const chars = Array.from(run);
    if (chars.length === 1) {
      tokens.push(run);
      continue;
    }
    for (let i = 0; i + 1 < chars.length; i++) tokens.push(`${chars[i]}${chars[i + 1]}`);
  }
  return tokens;
}

/** Tokens joined by spaces, the form written to a full-text column. */
export function tokenStream(text: string): string {
  return tokenize(text).join(' ');
}
