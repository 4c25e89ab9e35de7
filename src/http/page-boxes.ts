/** A highlight box on a page image, in the image's pixels. */
export interface PageBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

type OcrWordRow = [string, number, number, number, number, number];

/**
 * Boxes around the highlighted spans of the page's text, cut from the boxes of the OCR words they
 * fall in (in proportion, for a word of several characters). The text was
 * made from the words in order, so each word is found again from where the previous one ended.
 */
export function boxesForSpans(text: string, words: unknown, spans: Array<[number, number]>): PageBox[] {
  if (!Array.isArray(words) || spans.length === 0) return [];
  const boxes: PageBox[] = [];
  let cursor = 0;
  for (const word of words as OcrWordRow[]) {
    if (!Array.isArray(word) || typeof word[0] !== 'string' || word[0] === '') continue;
    const at = text.indexOf(word[0], cursor);
    if (at < 0) continue;
    const end = at + word[0].length;
    cursor = end;
    // A Chinese "word" of OCR is often a whole run of characters: outline only the matched part of it.
    for (const [s, e] of spans) {
      if (s >= end || e <= at) continue;
      const from = Math.max(s, at) - at;
      const to = Math.min(e, end) - at;
      const unit = word[3] / (end - at);
      boxes.push({ x: Math.round(word[1] + from * unit), y: word[2], w: Math.round((to - from) * unit), h: word[4] });
    }
  }
  return boxes;
}
