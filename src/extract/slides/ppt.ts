import fs from 'node:fs';
import CFB from 'cfb';
import type { Page } from '../../domain/document.js';
import type { ExtractionResult } from '../../domain/extraction.js';

/** Record types of the PowerPoint binary format ([MS-PPT] 2.13.24) that carry what we read. */
const RT = {
  document: 0x03e8,
  slide: 0x03ee,
  slideAtom: 0x03ef,
  notes: 0x03f0,
  slidePersistAtom: 0x03f3,
  slideListWithText: 0x0ff0,
  userEditAtom: 0x0ff5,
  persistDirectoryAtom: 0x1772,
  textChars: 0x0fa0,
  textBytes: 0x0fa8,
  cString: 0x0fba,
} as const;

const ENCRYPTED_TOKEN = 0xf3d1c4df;
const MAX_PPT_BYTES = 512 * 1024 * 1024;

interface RecordHeader {
  version: number;
  instance: number;
  type: number;
  length: number;
  /** Offset of the record's body (after the 8-byte header). */
  body: number;
}

function header(stream: Buffer, offset: number): RecordHeader | null {
  if (offset < 0 || offset + 8 > stream.length) return null;
  const verInstance = stream.readUInt16LE(offset);
  const length = stream.readUInt32LE(offset + 4);
  if (offset + 8 + length > stream.length) return null;
  return { version: verInstance & 0x0f, instance: verInstance >>> 4, type: stream.readUInt16LE(offset + 2), length, body: offset + 8 };
}

/** The records directly inside a container. */
function* childrenOf(stream: Buffer, container: RecordHeader): Generator<RecordHeader> {
  let offset = container.body;
  const end = container.body + container.length;
  while (offset + 8 <= end) {
    const child = header(stream, offset);
    if (!child || child.body + child.length > end) return;
    yield child;
    offset = child.body + child.length;
  }
}

function atomText(stream: Buffer, record: RecordHeader): string | null {
  const bytes = stream.subarray(record.body, record.body + record.length);
  if (record.type === RT.textChars) return bytes.toString('utf16le');
  // TextBytesAtom holds UTF-16 code units whose high byte is zero: Latin-1.
  if (record.type === RT.textBytes) return bytes.toString('latin1');
  return null;
}

/** Every text atom below a record, in order (shapes' text boxes sit deep in OfficeArt containers). */
function textsBelow(stream: Buffer, record: RecordHeader, out: string[], depth = 0): void {
  if (depth > 32) return;
  for (const child of childrenOf(stream, record)) {
    const text = atomText(stream, child);
    if (text !== null) out.push(text);
    else if (child.version === 0x0f) textsBelow(stream, child, out, depth + 1);
  }
}

/** Persist object id → offset in the stream, newest edit first ([MS-PPT] 2.3.2). */
function persistDirectory(stream: Buffer, currentEdit: number): { offsets: Map<number, number>; documentRef: number; encrypted: boolean } | null {
  const offsets = new Map<number, number>();
  let documentRef = -1;
  let encrypted = false;
  const seen = new Set<number>();
  for (let offset = currentEdit; offset > 0 && !seen.has(offset); ) {
    seen.add(offset);
    const edit = header(stream, offset);
    if (!edit || edit.type !== RT.userEditAtom || edit.length < 28) return null;
    if (documentRef === -1) {
      documentRef = stream.readUInt32LE(edit.body + 16);
      if (edit.length > 28 && stream.readUInt32LE(edit.body + 28) !== 0) encrypted = true;
    }
    const directory = header(stream, stream.readUInt32LE(edit.body + 12));
    if (!directory || directory.type !== RT.persistDirectoryAtom) return null;
    let p = directory.body;
    const end = directory.body + directory.length;
    while (p + 4 <= end) {
      const entry = stream.readUInt32LE(p);
      const first = entry & 0xfffff;
      const count = entry >>> 20;
      p += 4;
      for (let i = 0; i < count && p + 4 <= end; i++, p += 4) {
        if (!offsets.has(first + i)) offsets.set(first + i, stream.readUInt32LE(p));
      }
    }
    offset = stream.readUInt32LE(edit.body + 8);
  }
  return documentRef === -1 ? null : { offsets, documentRef, encrypted };
}

interface SlideEntry {
  persistRef: number;
  slideId: number;
  outline: string[];
}

/** The slide (instance 0) or notes (instance 2) list of the document, with the outline text of each. */
function slideList(stream: Buffer, document: RecordHeader, instance: number): SlideEntry[] {
  const entries: SlideEntry[] = [];
  for (const list of childrenOf(stream, document)) {
    if (list.type !== RT.slideListWithText || list.instance !== instance) continue;
    for (const atom of childrenOf(stream, list)) {
      if (atom.type === RT.slidePersistAtom && atom.length >= 16) {
        entries.push({ persistRef: stream.readUInt32LE(atom.body), slideId: stream.readUInt32LE(atom.body + 12), outline: [] });
        continue;
      }
      const text = atomText(stream, atom);
      if (text !== null) entries[entries.length - 1]?.outline.push(text);
    }
  }
  return entries;
}

function clean(texts: string[]): string {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const raw of texts) {
    // PowerPoint ends paragraphs with CR and lines with VT.
    const text = raw.replace(/\r|\v/g, '\n').replace(/\0/g, '').trim();
    if (!text || text === '*' || seen.has(text)) continue;
    seen.add(text);
    kept.push(text);
  }
  return kept.join('\n');
}

function corrupt(message: string): ExtractionResult {
  return { ok: false, mime: 'application/vnd.ms-powerpoint', reason: 'corrupt', message };
}

/**
 * Legacy PowerPoint (.ppt, .pps, .pot): the slides in their order through the persist directory,
 * each slide one page with its text boxes and then its speaker notes.
 */
export function extractPpt(file: string, size: number): ExtractionResult {
  const mime = 'application/vnd.ms-powerpoint';
  if (size > MAX_PPT_BYTES) return { ok: false, mime, reason: 'too_large', message: `presentations over ${MAX_PPT_BYTES} bytes are not read whole` };
  let container: CFB.CFB$Container;
  try {
    container = CFB.read(fs.readFileSync(file), { type: 'buffer' });
  } catch (error) {
    return corrupt(`the OLE compound file could not be read: ${(error as Error).message}`);
  }
  const entry = (name: string) => CFB.find(container, name);
  if (entry('EncryptedSummary')) return { ok: false, mime, reason: 'encrypted', message: 'the presentation is password-protected' };
  const streamEntry = entry('PowerPoint Document');
  const userEntry = entry('Current User');
  if (!streamEntry?.content || !userEntry?.content) return corrupt('the presentation has no PowerPoint Document or Current User stream');
  const stream = Buffer.from(streamEntry.content as Uint8Array);
  const user = Buffer.from(userEntry.content as Uint8Array);
  if (user.length < 20) return corrupt('the Current User stream is truncated');
  if (user.readUInt32LE(12) === ENCRYPTED_TOKEN) return { ok: false, mime, reason: 'encrypted', message: 'the presentation is password-protected' };
  const directory = persistDirectory(stream, user.readUInt32LE(16));
  if (!directory) return corrupt('the presentation\'s edit history (UserEditAtom chain) is damaged');
  if (directory.encrypted) return { ok: false, mime, reason: 'encrypted', message: 'the presentation is password-protected' };
  const documentRecord = header(stream, directory.offsets.get(directory.documentRef) ?? -1);
  if (!documentRecord || documentRecord.type !== RT.document) return corrupt('the presentation\'s document record is missing');

  const notesById = new Map(slideList(stream, documentRecord, 2).map((n) => [n.slideId, n]));
  const pages: Page[] = [];
  let notesCount = 0;
  for (const slide of slideList(stream, documentRecord, 0)) {
    const texts = [...slide.outline];
    const record = header(stream, directory.offsets.get(slide.persistRef) ?? -1);
    let notesText = '';
    if (record?.type === RT.slide) {
      textsBelow(stream, record, texts);
      const atom = [...childrenOf(stream, record)].find((c) => c.type === RT.slideAtom);
      const notesId = atom && atom.length >= 20 ? stream.readUInt32LE(atom.body + 16) : 0;
      const notes = notesId ? notesById.get(notesId) : undefined;
      const notesRecord = notes ? header(stream, directory.offsets.get(notes.persistRef) ?? -1) : null;
      if (notes && notesRecord?.type === RT.notes) {
        const found = [...notes.outline];
        textsBelow(stream, notesRecord, found);
        notesText = clean(found);
      }
    }
    const slideText = clean(texts);
    if (notesText) notesCount++;
    pages.push({ page: pages.length + 1, text: notesText ? `${slideText}\n\nNotes:\n${notesText}` : slideText });
  }
  const metadata = { slides: pages.length, slidesWithNotes: notesCount };
  return { ok: true, extraction: { mime, title: null, pages, metadata, children: [], needsOcr: false } };
}
