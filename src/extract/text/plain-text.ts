import type { ExtractionResult } from '../../domain/extraction.js';
import { decodeText } from './decode-text.js';

/** Plain text in any encoding: BOM, UTF-8, UTF-16, GBK/GB18030, Big5 and single-byte code pages. */
export function extractPlainText(bytes: Buffer, mime: string): ExtractionResult {
  const { text, encoding } = decodeText(bytes);
  return {
    ok: true,
    extraction: { mime, title: null, pages: [{ page: 1, text: text.replace(/\r\n?/g, '\n') }], metadata: { encoding }, children: [], needsOcr: false },
  };
}
