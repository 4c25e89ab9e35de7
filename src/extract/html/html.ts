import { Parser } from 'htmlparser2';
import type { Metadata } from '../../domain/document.js';
import type { ExtractionResult } from '../../domain/extraction.js';
import { decodeText } from '../text/decode-text.js';
import { blockRange, mainContent } from './main-content.js';

const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'select']);
const BLOCK = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'tr', 'table', 'section', 'article', 'header', 'footer', 'aside', 'nav', 'main', 'blockquote', 'pre',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'dd', 'dt', 'dl', 'figure', 'figcaption', 'address', 'form', 'fieldset', 'title',
]);
const CELL = new Set(['td', 'th']);
const META_NAMES: Record<string, string> = { author: 'author', description: 'description', keywords: 'keywords', generator: 'generator', date: 'date', 'dc.title': 'dcTitle', 'dc.creator': 'author', 'dc.date': 'date' };

/** The charset an HTML file declares in a meta tag, read from its first bytes. */
export function declaredCharset(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 4096).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1] ?? null;
}

/** The visible text of an HTML document and its title; scripts and styles never reach the text. */
export function htmlToText(html: string): { title: string | null; text: string; metadata: Metadata } {
  const out: string[] = [];
  const metadata: Metadata = {};
  let title = '';
  let inTitle = 0;
  let hidden = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'title') inTitle++;
        else if (HIDDEN.has(name)) hidden++;
        if (name === 'meta') {
          const key = META_NAMES[(attributes.name ?? attributes.property ?? '').toLowerCase()];
          if (key && attributes.content) metadata[key] = attributes.content.trim();
        }
        if (name === 'img' && attributes.alt && hidden === 0) out.push(` ${attributes.alt} `);
        if (BLOCK.has(name)) out.push('\n');
      },
      ontext(text) {
        if (inTitle > 0) title += text;
        else if (hidden === 0) out.push(text);
      },
      onclosetag(name) {
        if (name === 'title') inTitle = Math.max(0, inTitle - 1);
        else if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
        if (BLOCK.has(name)) out.push('\n');
        else if (CELL.has(name)) out.push('\t');
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: false },
  );
  parser.write(html);
  parser.end();
  const text = out
    .join('')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const cleanTitle = title.replace(/\s+/g, ' ').trim();
  return { title: cleanTitle === '' ? null : cleanTitle, text, metadata };
}

/**
 * Extract an HTML file: decode by BOM, meta charset or detection, then keep the visible text —
 * all of it, menus and footers included. The main-content block (main-content.ts) gives the
 * document's title and, as `mainContentStart`/`mainContentEnd` (character offsets in the text),
 * where snippets should come from; the page's own <title> stays in the metadata.
 */
export function extractHtml(bytes: Buffer): ExtractionResult {
  const mime = 'text/html';
  const decoded = decodeText(bytes, declaredCharset(bytes));
  const { title: pageTitle, text, metadata } = htmlToText(decoded.text);
  metadata.encoding = decoded.encoding;
  if (pageTitle) metadata.title = pageTitle;
  const main = mainContent(decoded.text, pageTitle);
  const range = main ? blockRange(text, htmlToText(main.html).text) : null;
  if (range && (range[0] > 0 || range[1] < text.length)) {
    metadata.mainContentStart = range[0];
    metadata.mainContentEnd = range[1];
  }
  const title = main?.title ?? pageTitle;
  return { ok: true, extraction: { mime, title, pages: [{ page: 1, text }], metadata, children: [], needsOcr: false } };
}
