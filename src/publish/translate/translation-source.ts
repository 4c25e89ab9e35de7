/**
 * Where an imported translation comes from: a document of the collection (its stored pages) or
 * a text file's bytes. A file must be text — UTF-8 or UTF-16 with its byte-order mark — and not
 * empty; a PDF or Word file is ingested first and imported by its document id. A form feed
 * (\f) separates the pages of a file, as pdftotext writes them.
 */
import { DossierError } from '../../domain/errors.js';

export interface TranslationText {
  /** The translation's pages, in order. */
  pages: Array<{ page: number; text: string }>;
}

export function readTranslationFile(bytes: Uint8Array, name: string): TranslationText {
  let text: string;
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    else {
      if (bytes.includes(0)) throw new Error('binary');
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    }
  } catch {
    throw new DossierError('invalid_argument', `${name} is not a text file in UTF-8 or UTF-16: ingest a PDF or Word translation first and import it by its document id (--from ID)`);
  }
  const pages = text.split('\f').map((t, i) => ({ page: i + 1, text: t }));
  if (!pages.some((p) => p.text.trim())) throw new DossierError('invalid_argument', `${name} holds no text to align`);
  return { pages };
}
