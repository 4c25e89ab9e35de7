import type { Page } from '../../domain/document.js';
import type { ExtractionResult } from '../../domain/extraction.js';
import { xmlFields, xmlText, type XmlTextRules } from './xml-text.js';
import { openZipPackage, ZipEntryTooLargeError, type ZipPackage } from './zip-entries.js';

const MIME = 'application/vnd.ms-visio.drawing';
/** Shapes' text: <Text> holds runs with <cp/>, <pp/>, <tp/> format markers between them. */
const SHAPE_TEXT: XmlTextRules = { text: new Set(['Text']), block: new Set(['Shape']), chars: {} };

function pageNumber(name: string): number {
  return Number(/page(\d+)\.xml$/.exec(name)?.[1] ?? 0);
}

/** A Visio 2013+ drawing (.vsdx): each page's shape text one page, title and author from docProps. */
export async function extractVsdx(file: string, maxEntryBytes: number): Promise<ExtractionResult> {
  let zip: ZipPackage;
  try {
    zip = await openZipPackage(file, maxEntryBytes);
  } catch (error) {
    return { ok: false, mime: MIME, reason: 'corrupt', message: `the drawing is not a readable ZIP package: ${(error as Error).message}` };
  }
  try {
    const names = zip.names.filter((n) => /^visio\/pages\/page\d+\.xml$/.test(n)).sort((a, b) => pageNumber(a) - pageNumber(b));
    const pages: Page[] = [];
    for (const name of names) {
      const xml = await zip.read(name);
      pages.push({ page: pages.length + 1, text: xml ? xmlText(xml.toString('utf8'), SHAPE_TEXT).trim() : '' });
    }
    if (pages.length === 0) pages.push({ page: 1, text: '' });
    const core = await zip.read('docProps/core.xml');
    const fields = core ? xmlFields(core.toString('utf8'), ['dc:title', 'dc:creator']) : {};
    const metadata = { drawingPages: names.length, ...(fields['dc:creator'] ? { author: fields['dc:creator'] } : {}) };
    return { ok: true, extraction: { mime: MIME, title: fields['dc:title'] ?? null, pages, metadata, children: [], needsOcr: false } };
  } catch (error) {
    if (error instanceof ZipEntryTooLargeError) return { ok: false, mime: MIME, reason: 'archive_bomb', message: error.message };
    return { ok: false, mime: MIME, reason: 'corrupt', message: `the drawing could not be read: ${(error as Error).message}` };
  } finally {
    zip.close();
  }
}
