import path from 'node:path';
import type { Metadata, Page } from '../../domain/document.js';
import type { ExtractionResult } from '../../domain/extraction.js';
import { htmlToText } from '../html/html.js';
import { openZipPackage, ZipEntryTooLargeError, type ZipPackage } from '../office/zip-entries.js';

const MIME = 'application/epub+zip';

/** Font obfuscation (IDPF, Adobe) is "encryption" of fonts only: the text stays readable. */
const FONT_OBFUSCATION = /idpf\.org\/2008\/embedding|ns\.adobe\.com\/pdf\/enc#RC/;

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'i').exec(tag);
  return match ? (match[2] ?? match[3] ?? null) : null;
}

function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&');
}

/** The text of the first element of a name in the package document (dc:title …). */
function element(xml: string, name: string): string | null {
  const match = new RegExp(`<(?:\\w+:)?${name}\\b[^>]*>([\\s\\S]*?)</(?:\\w+:)?${name}>`, 'i').exec(xml);
  const text = match?.[1] ? decodeEntities(match[1].replace(/<[^>]+>/g, '')).trim() : '';
  return text || null;
}

async function readText(zip: ZipPackage, name: string): Promise<string | null> {
  return (await zip.read(name))?.toString('utf8') ?? null;
}

/**
 * An EPUB book: its chapters in reading order (the package's spine), each chapter one page, with
 * title, authors, language and date from the package document. DRM-encrypted books are `encrypted`.
 */
export async function extractEpub(file: string, maxEntryBytes: number): Promise<ExtractionResult> {
  let zip: ZipPackage;
  try {
    zip = await openZipPackage(file, maxEntryBytes);
  } catch (error) {
    return { ok: false, mime: MIME, reason: 'corrupt', message: `the EPUB is not a readable ZIP package: ${(error as Error).message}` };
  }
  try {
    const encryption = await readText(zip, 'META-INF/encryption.xml');
    if (encryption) {
      const algorithms = [...encryption.matchAll(/<(?:\w+:)?EncryptionMethod\b[^>]*>/g)].map((m) => attribute(m[0], 'Algorithm') ?? '');
      if (algorithms.some((a) => !FONT_OBFUSCATION.test(a))) return { ok: false, mime: MIME, reason: 'encrypted', message: 'the book is protected by DRM (its chapters are encrypted)' };
    }
    const container = await readText(zip, 'META-INF/container.xml');
    const rootTag = container ? /<(?:\w+:)?rootfile\b[^>]*>/i.exec(container)?.[0] : undefined;
    const opfPath = rootTag ? attribute(rootTag, 'full-path') : zip.names.find((n) => n.endsWith('.opf'));
    const opf = opfPath ? await readText(zip, opfPath) : null;
    if (!opfPath || !opf) return { ok: false, mime: MIME, reason: 'corrupt', message: 'the EPUB has no package document (content.opf)' };
    const base = path.posix.dirname(opfPath);
    const manifest = new Map<string, { href: string; type: string }>();
    for (const m of opf.matchAll(/<(?:\w+:)?item\b[^>]*>/gi)) {
      const id = attribute(m[0], 'id');
      const href = attribute(m[0], 'href');
      if (id && href) manifest.set(id, { href: decodeURIComponent(decodeEntities(href).split('#')[0]!), type: attribute(m[0], 'media-type') ?? '' });
    }
    const pages: Page[] = [];
    for (const ref of opf.matchAll(/<(?:\w+:)?itemref\b[^>]*>/gi)) {
      const item = manifest.get(attribute(ref[0], 'idref') ?? '');
      if (!item || !/html|xml/.test(item.type)) continue;
      const name = path.posix.normalize(base === '.' ? item.href : `${base}/${item.href}`);
      const html = await readText(zip, name);
      if (html === null) continue;
      pages.push({ page: pages.length + 1, text: htmlToText(html).text });
    }
    const metadata: Metadata = { chapters: pages.length };
    const creators = [...opf.matchAll(/<dc:creator\b[^>]*>([\s\S]*?)<\/dc:creator>/gi)].map((m) => decodeEntities(m[1]!.trim())).filter(Boolean);
    if (creators.length) metadata.author = creators.join(', ');
    for (const field of ['language', 'date', 'publisher', 'identifier'] as const) {
      const value = element(opf, field);
      if (value) metadata[field] = value;
    }
    if (pages.length === 0) pages.push({ page: 1, text: '' });
    return { ok: true, extraction: { mime: MIME, title: element(opf, 'title'), pages, metadata, children: [], needsOcr: false } };
  } catch (error) {
    if (error instanceof ZipEntryTooLargeError) return { ok: false, mime: MIME, reason: 'archive_bomb', message: error.message };
    return { ok: false, mime: MIME, reason: 'corrupt', message: `the EPUB could not be read: ${(error as Error).message}` };
  } finally {
    zip.close();
  }
}
