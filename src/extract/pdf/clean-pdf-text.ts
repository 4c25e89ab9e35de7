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

/** True when a page's text is too thin to be its real content: it needs OCR. */
export function needsOcr(text: string): boolean {
  return text.replace(/\s+/g, '').length < 3;
}
