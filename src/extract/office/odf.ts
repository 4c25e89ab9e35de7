import type { Metadata } from '../../domain/document.js';
import type { ExtractionResult } from '../../domain/extraction.js';
import { xmlFields, xmlText, type XmlTextRules } from './xml-text.js';
import { openZipPackage, ZipEntryTooLargeError, type ZipPackage } from './zip-entries.js';

const ODF: XmlTextRules = {
  text: new Set(['office:body']),
  block: new Set(['text:p', 'text:h', 'table:table-row', 'text:list-item']),
  chars: { 'text:s': ' ', 'text:tab': '\t', 'text:line-break': '\n' },
  skip: new Set(['text:tracked-changes', 'office:annotation-end', 'text:note-citation', 'draw:image']),
};

const META_FIELDS: Record<string, string> = {
  'dc:title': 'title', 'dc:subject': 'subject', 'dc:description': 'description', 'meta:keyword': 'keywords',
  'meta:initial-creator': 'author', 'dc:creator': 'lastModifiedBy', 'meta:creation-date': 'created', 'dc:date': 'modified',
  'meta:generator': 'application', 'meta:editing-cycles': 'revision', 'meta:printed-by': 'printedBy', 'dc:language': 'language',
};

/** The media type an OpenDocument package declares in its `mimetype` entry. */
export async function odfMimeType(zip: ZipPackage): Promise<string | null> {
  const declared = await zip.read('mimetype');
  return declared ? declared.toString('ascii').trim() : null;
}

/** Extract text and metadata from an OpenDocument file (ODT, ODS, ODP). */
export async function extractOdf(file: string, mime: string, maxEntryBytes: number): Promise<ExtractionResult> {
  let zip: ZipPackage;
  try {
    zip = await openZipPackage(file, maxEntryBytes);
  } catch (error) {
    return { ok: false, mime, reason: 'corrupt', message: `the OpenDocument file is not a readable ZIP package: ${(error as Error).message}` };
  }
  try {
    const metadata: Metadata = {};
    // Encrypted parts (meta.xml too) inflate to garbage: ask the manifest before reading any.
    const manifest = await zip.read('META-INF/manifest.xml');
    if (manifest?.toString('utf8').includes('encryption-data')) {
      return { ok: false, mime, reason: 'encrypted', message: 'the OpenDocument file is password-protected', metadata };
    }
    const meta = await zip.read('meta.xml');
    if (meta) for (const [k, v] of Object.entries(xmlFields(meta.toString('utf8'), Object.keys(META_FIELDS)))) metadata[META_FIELDS[k]!] = v;
    const content = await zip.read('content.xml');
    if (!content) return { ok: false, mime, reason: 'corrupt', message: 'content.xml is missing', metadata };
    const text = xmlText(content.toString('utf8'), ODF);
    const title = typeof metadata.title === 'string' ? metadata.title : null;
    return { ok: true, extraction: { mime, title, pages: [{ page: 1, text }], metadata, children: [], needsOcr: false } };
  } catch (error) {
    if (error instanceof ZipEntryTooLargeError) return { ok: false, mime, reason: 'archive_bomb', message: error.message };
    return { ok: false, mime, reason: 'corrupt', message: `the OpenDocument file could not be parsed: ${(error as Error).message}` };
  } finally {
    zip.close();
  }
}
