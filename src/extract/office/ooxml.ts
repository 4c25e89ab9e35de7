import type { Metadata, Page } from '../../domain/document.js';
import type { ChildFile, ExtractionResult } from '../../domain/extraction.js';
import { xmlFields, xmlText, type XmlTextRules } from './xml-text.js';
import { openZipPackage, ZipEntryTooLargeError, type ZipPackage } from './zip-entries.js';

const WORD: XmlTextRules = {
  text: new Set(['w:t']),
  block: new Set(['w:p', 'w:tr']),
  chars: { 'w:tab': '\t', 'w:br': '\n', 'w:cr': '\n', 'w:noBreakHyphen': '-' },
  skip: new Set(['w:instrText', 'w:delText']),
};
const DRAWING: XmlTextRules = { text: new Set(['a:t']), block: new Set(['a:p']), chars: { 'a:br': '\n', 'a:tab': '\t' } };
const SHEET_STRINGS: XmlTextRules = { text: new Set(['t']), block: new Set(['si']), chars: {}, skip: new Set(['rPh']) };

const CORE_FIELDS: Record<string, string> = {
  'dc:title': 'title', 'dc:subject': 'subject', 'dc:creator': 'author', 'cp:keywords': 'keywords',
  'dc:description': 'description', 'cp:lastModifiedBy': 'lastModifiedBy', 'cp:revision': 'revision',
  'dcterms:created': 'created', 'dcterms:modified': 'modified', 'cp:lastPrinted': 'lastPrinted', 'cp:category': 'category',
};
const APP_FIELDS: Record<string, string> = { Application: 'application', AppVersion: 'appVersion', Company: 'company', Manager: 'manager', Pages: 'pageCount', Template: 'template', TotalTime: 'editingMinutes' };

/** Office core and app properties (docProps/core.xml, docProps/app.xml). */
async function readProperties(zip: ZipPackage): Promise<Metadata> {
  const metadata: Metadata = {};
  const core = await zip.read('docProps/core.xml');
  if (core) for (const [k, v] of Object.entries(xmlFields(core.toString('utf8'), Object.keys(CORE_FIELDS)))) metadata[CORE_FIELDS[k]!] = v;
  const app = await zip.read('docProps/app.xml');
  if (app) for (const [k, v] of Object.entries(xmlFields(app.toString('utf8'), Object.keys(APP_FIELDS)))) metadata[APP_FIELDS[k]!] = v;
  return metadata;
}

function byNumber(prefix: string, names: string[]): string[] {
  const n = (s: string) => Number(/(\d+)\.xml$/.exec(s)?.[1] ?? 0);
  return names.filter((s) => s.startsWith(prefix) && s.endsWith('.xml')).sort((a, b) => n(a) - n(b));
}

async function wordPages(zip: ZipPackage, metadata: Metadata): Promise<Page[]> {
  const body = await zip.read('word/document.xml');
  if (!body) throw new Error('word/document.xml is missing');
  const xml = body.toString('utf8');
  if (xml.includes('<w:del ') || xml.includes('<w:ins ')) metadata.trackedChanges = true;
  const parts = [xmlText(xml, WORD)];
  // Headers, footers, notes and comments hold text a reporter needs to find too.
  const extra = zip.names.filter((n) => /^word\/(header\d*|footer\d*|footnotes|endnotes|comments)\.xml$/.test(n)).sort();
  for (const name of extra) {
    const part = await zip.read(name);
    const text = part ? xmlText(part.toString('utf8'), WORD) : '';
    if (text !== '') parts.push(text);
  }
  if (extra.some((n) => n.includes('comments'))) metadata.hasComments = true;
  return [{ page: 1, text: parts.join('\n\n') }];
}

async function slidePages(zip: ZipPackage): Promise<Page[]> {
  const pages: Page[] = [];
  for (const name of byNumber('ppt/slides/slide', zip.names)) {
    const part = await zip.read(name);
    pages.push({ page: pages.length + 1, text: part ? xmlText(part.toString('utf8'), DRAWING) : '' });
  }
  return pages;
}

async function sheetPages(zip: ZipPackage): Promise<Page[]> {
  const strings = await zip.read('xl/sharedStrings.xml');
  const shared = strings ? xmlText(strings.toString('utf8'), SHEET_STRINGS) : '';
  const values: string[] = [];
  for (const name of byNumber('xl/worksheets/sheet', zip.names)) {
    const part = await zip.read(name);
    if (!part) continue;
    // Numbers and inline strings live in the sheets; shared strings are listed once above.
    const inline = xmlText(part.toString('utf8'), { text: new Set(['t']), block: new Set(['row']), chars: {} });
    const numbers = [...part.toString('utf8').matchAll(/<c [^>]*?(?:t="n"[^>]*)?>\s*<v>([^<]*)<\/v>/g)].map((m) => m[1]).join(' ');
    values.push([inline, numbers].filter(Boolean).join('\n'));
  }
  return [{ page: 1, text: [shared, ...values].filter((t) => t.trim() !== '').join('\n\n') }];
}

/** Extract text and properties from an Office Open XML file (DOCX, PPTX, XLSX). */
/** Files embedded in the package (OLE objects, other documents, pictures) become children. */
async function embeddedFiles(zip: ZipPackage, storeChild: StoreChild): Promise<ChildFile[]> {
  const children: ChildFile[] = [];
  for (const name of zip.names.filter((n) => /^(word|xl|ppt)\/(embeddings|media)\/[^/]+$/.test(n)).sort()) {
    const bytes = await zip.read(name);
    if (bytes && bytes.length > 0) children.push(await storeChild(name, bytes));
  }
  return children;
}

export type StoreChild = (name: string, content: Uint8Array) => Promise<ChildFile>;

export async function extractOoxml(file: string, mime: string, maxEntryBytes: number, storeChild: StoreChild): Promise<ExtractionResult> {
  let zip: ZipPackage;
  try {
    zip = await openZipPackage(file, maxEntryBytes);
  } catch (error) {
    return { ok: false, mime, reason: 'corrupt', message: `the Office file is not a readable ZIP package: ${(error as Error).message}` };
  }
  try {
    const metadata = await readProperties(zip);
    let pages: Page[];
    if (zip.names.includes('word/document.xml')) pages = await wordPages(zip, metadata);
    else if (zip.names.some((n) => n.startsWith('ppt/slides/'))) pages = await slidePages(zip);
    else if (zip.names.some((n) => n.startsWith('xl/'))) pages = await sheetPages(zip);
    else return { ok: false, mime, reason: 'unsupported', message: 'an Office package with no document, slides or sheets in it', metadata };
    const title = typeof metadata.title === 'string' ? metadata.title : null;
    const children = await embeddedFiles(zip, storeChild);
    return { ok: true, extraction: { mime, title, pages, metadata, children, needsOcr: false } };
  } catch (error) {
    if (error instanceof ZipEntryTooLargeError) return { ok: false, mime, reason: 'archive_bomb', message: error.message };
    return { ok: false, mime, reason: 'corrupt', message: `the Office file could not be parsed: ${(error as Error).message}` };
  } finally {
    zip.close();
  }
}
