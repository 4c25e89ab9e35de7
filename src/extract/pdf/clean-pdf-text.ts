/**
 * PDF text layers carry artefacts of how fonts were embedded: Kangxi radicals (U+2F00–U+2FDF)
 * and CJK compatibility ideographs stand in for ordinary characters (⾏ for 行). They are mapped
 * back here so that stored text reads as the page does.
 */
export function cleanPdfText(text: string): string {
  return text
    .replace(/[\u2f00-\u2fdf\uf900-\ufaff]/g, (ch) => ch.normalize('NFKC'))
    .replaceAll('\u0000', '')
    .replace(/[ \t]+\n/g, '\n');
}

/**
 * True when a page's text layer is not its real content and the page needs OCR: no text, or
 * garbage (private-use glyphs, replacement characters, control characters from unmapped fonts).
 */
export function needsOcr(text: string): boolean {
  const visible = text.replace(/\s+/g, '');
  if (visible.length < 3) return true;
  let bad = 0;
  for (const ch of visible) {
    const code = ch.codePointAt(0)!;
    if (code === 0xfffd || (code >= 0xe000 && code <= 0xf8ff) || code < 0x20 || (code >= 0x7f && code < 0xa0)) bad++;
  }
  return bad / Array.from(visible).length > 0.3;
}
