/**
 * Chinese documents often type digits, Latin letters and the punctuation of numbers and addresses
 * in their full-width forms (１３８００１３８０００, （０９９１）, ＠). Each such form is one UTF-16
 * unit, as is its ASCII counterpart, so replacing one by the other keeps every offset: the
 * patterns run on the folded text and the mentions point into the original.
 *
 * The full-width comma, semicolon, full stop and quotes are left alone: they are Chinese sentence
 * punctuation, and folding ， to , would make "电话，138…" look like a digit group "0,138".
 */
const FOLDED = /[０-９Ａ-Ｚａ-ｚ＋－（）［］＠．／：＊＃％＆＝？＿～]/g;

/** The text with full-width digits, letters and number/address punctuation replaced by ASCII; same length, same offsets. */
export function foldFullWidth(text: string): string {
  return text.replace(FOLDED, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}
