import fs from 'node:fs';
import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type';
import { EMF_MIME, isEmf } from './image/emf.js';
import { openZipPackage } from './office/zip-entries.js';

const HEAD_BYTES = 64 * 1024;

/** RFC 822 header names that open real messages (one of these must appear). */
const MAIL_HEADERS = /^(from|to|subject|date|message-id|received|return-path|delivered-to|mime-version|x-[\w-]+|reply-to|sender|cc|in-reply-to|references|content-type|dkim-signature|arc-[\w-]+|authentication-results|x-mailer)\s*:/i;
const KEY_MAIL_HEADERS = /^(from|subject|message-id|received|return-path|date|mime-version|delivered-to)\s*:/im;

/** Netpbm images (P1–P7) have a text magic number but are pictures: they need OCR, not decoding. */
const NETPBM: Record<number, string> = {
  1: 'image/x-portable-bitmap', 2: 'image/x-portable-graymap', 3: 'image/x-portable-pixmap',
  4: 'image/x-portable-bitmap', 5: 'image/x-portable-graymap', 6: 'image/x-portable-pixmap', 7: 'image/x-portable-arbitrarymap',
};

/** Read the first bytes of a file: type detection never needs the whole of it. */
export function readHead(file: string, bytes = HEAD_BYTES): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const read = fs.readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

/** True when the head looks like an RFC 822 message: a block of header lines, then a blank line. */
function looksLikeEmail(text: string): boolean {
  const lines = text.split(/\r?\n/);
  let headers = 0;
  for (const line of lines.slice(0, 200)) {
    if (line === '') break;
    if (/^[ \t]/.test(line)) continue; // folded continuation
    if (MAIL_HEADERS.test(line)) headers++;
    else if (/^[\x21-\x39\x3b-\x7e]+:/.test(line)) headers += 0.5; // an unknown but well-formed header
    else return false;
  }
  return headers >= 2 && KEY_MAIL_HEADERS.test(text.slice(0, 16384));
}

function looksLikeMbox(text: string): boolean {
  // "From sender date" opens every message of an mbox; the next lines are headers.
  if (!/^From \S+/.test(text)) return false;
  const rest = text.slice(text.indexOf('\n') + 1);
  return looksLikeEmail(rest);
}

/** A "From " line after a blank line: where the next message of an mbox starts. */
const NEXT_MESSAGE = /\n\r?\nFrom /;

/**
 * Whether an mbox file holds a single message: then it is that email (as most single-message
 * downloads and corpora such as SpamAssassin's are), not a mailbox with one child. Reads past the
 * head only when the file is longer, in chunks, keeping the last bytes across chunk edges.
 */
function holdsOneMessage(file: string, head: Buffer): boolean {
  const firstLineEnd = head.indexOf(0x0a);
  if (firstLineEnd < 0) return true;
  if (NEXT_MESSAGE.test(head.subarray(firstLineEnd).toString('latin1'))) return false;
  if (head.length < HEAD_BYTES) return true;
  const fd = fs.openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(1024 * 1024);
    let position = head.length;
    let carry = head.subarray(head.length - 8).toString('latin1');
    for (;;) {
      const read = fs.readSync(fd, chunk, 0, chunk.length, position);
      if (read === 0) return true;
      const text = carry + chunk.subarray(0, read).toString('latin1');
      if (NEXT_MESSAGE.test(text)) return false;
      carry = text.slice(-8);
      position += read;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Share of bytes that are control characters other than whitespace: binary files have many. */
function binaryShare(head: Buffer): number {
  if (head.length === 0) return 0;
  let control = 0;
  for (const byte of head) {
    if (byte === 0 || (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b)) control++;
  }
  return control / head.length;
}

function hasUtf16Bom(head: Buffer): boolean {
  return (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
}

/** Detect a CFB (OLE2) file's kind from the stream names it holds (UTF-16 in the directory). */
function detectCfb(file: string): string {
  const head = readHead(file, 4 * 1024 * 1024).toString('latin1').replace(/\0/g, '');
  if (head.includes('EncryptedPackage') || head.includes('EncryptionInfo')) return 'application/x-ooxml-encrypted';
  if (head.includes('__substg1.0_')) return 'application/vnd.ms-outlook';
  if (head.includes('WordDocument')) return 'application/msword';
  if (head.includes('Workbook') || head.includes('Book')) return 'application/vnd.ms-excel';
  if (head.includes('PowerPoint Document')) return 'application/vnd.ms-powerpoint';
  if (head.includes('VisioDocument')) return 'application/vnd.visio';
  if (head.includes('HwpSummaryInformation') || head.includes('HWP Document File')) return 'application/x-hwp';
  // A file dropped into an Office document (an OLE Package): checked after the document kinds, whose
  // object pools can hold packages of their own.
  if (head.includes('Ole10Native')) return 'application/x-ole-package';
  // Publisher keeps its text under Quill/CONTENTS; Works 4–8 has MatOST or a bare CONTENTS.
  if (head.includes('Quill')) return 'application/x-mspublisher';
  if (head.includes('MatOST') || head.includes('CONTENTS')) return 'application/vnd.ms-works';
  return 'application/x-cfb';
}

/**
 * The media type of a file, from its content rather than its name: magic numbers first
 * (file-type), then the text formats that have none (email, mbox, HTML, RTF, plain text).
 */
export async function detectType(file: string): Promise<string> {
  const head = readHead(file);
  if (head.length === 0) return 'application/x-empty';
  // A UTF-16 byte-order mark looks like an MP3 frame header to magic-number detection.
  if (hasUtf16Bom(head) || (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)) return sniffText(head) ?? 'text/plain';
  if (head.subarray(0, 4).toString('latin1') === '!BDN') return 'application/vnd.ms-outlook-pst';
  const own = detectByOwnMagic(head, file);
  if (own) return own;
  const netpbm = /^P([1-7])\s/.exec(head.subarray(0, 3).toString('latin1'));
  if (netpbm) return NETPBM[Number(netpbm[1])]!;
  let found = await fileTypeFromBuffer(head);
  if (!found) {
    const text = sniffText(head);
    if (text === 'application/mbox') return holdsOneMessage(file, head) ? 'message/rfc822' : text;
    if (text) return text;
    // Binary with no magic in its head: some formats (TIFF) keep their telling bytes further in.
    // Only then is the file opened a second time; text and email, most of a leak, never are.
    if (head.length === HEAD_BYTES) found = await fileTypeFromFile(file);
  }
  if (found) {
    if (found.mime === 'application/zip') return refineZip(file);
    // file-type calls a Visio 2013+ package (a ZIP) by the legacy binary drawing's type.
    if (found.ext === 'vsdx') return 'application/vnd.ms-visio.drawing';
    if (found.mime === 'application/x-cfb') return detectCfb(file);
    if (found.mime === 'application/gzip' || found.mime === 'application/x-tar') return found.mime;
    if (found.mime === 'application/xml') return sniffText(head) ?? 'application/xml';
    return found.mime;
  }
  return 'application/octet-stream';
}

function fileSize(file: string): number {
  return fs.statSync(file).size;
}

/** OneNote sections open with this GUID ({7B5C52E4-D88C-4DA7-AEB1-5378D02996D3}). */
const ONENOTE = Buffer.from('e4525c7b8cd8a74daeb15378d02996d3', 'hex');

/** Formats that magic-number detection does not know (or mistakes for another). */
function detectByOwnMagic(head: Buffer, file: string): string | null {
  const latin = head.subarray(0, 32).toString('latin1');
  if (latin.startsWith('AT&TFORM') && /^DJV[UMI]/.test(latin.slice(12, 16))) return 'image/vnd.djvu';
  if (latin.startsWith('ITSF')) return 'application/vnd.ms-htmlhelp';
  if (latin.startsWith('\xffWPC')) return 'application/vnd.wordperfect';
  // Hangul 97 (HWP 3.0) is not an OLE file: its own signature opens it.
  if (latin.startsWith('HWP Document File')) return 'application/x-hwp';
  if (/^Standard (Jet|ACE) DB/.test(latin.slice(4)) && head[0] === 0 && head[1] === 1) return 'application/x-msaccess';
  if (head.subarray(0, 16).equals(ONENOTE)) return 'application/onenote';
  if (isEmf(head)) return EMF_MIME;
  if (looksLikeDbf(head, file)) return 'application/x-dbf';
  return null;
}

/**
 * dBase tables have no magic number: a version byte, a plausible date, and header and record
 * lengths that, times the record count, add up to the file's size.
 */
function looksLikeDbf(head: Buffer, file: string): boolean {
  if (head.length < 64) return false;
  const version = head[0]!;
  if (![0x02, 0x03, 0x30, 0x31, 0x32, 0x43, 0x63, 0x83, 0x8b, 0xcb, 0xf5, 0xfb].includes(version)) return false;
  const month = head[2]!;
  const day = head[3]!;
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  const records = head.readUInt32LE(4);
  const headerLength = head.readUInt16LE(8);
  const recordLength = head.readUInt16LE(10);
  if (headerLength < 65 || recordLength < 2 || ((headerLength - 1) % 32 !== 0 && version !== 0x30 && version !== 0x31)) return false;
  const expected = headerLength + records * recordLength;
  const size = head.length < HEAD_BYTES ? head.length : fileSize(file);
  // The end-of-file marker (0x1A) is optional; some writers pad.
  return size >= expected && size <= expected + 512 && head[headerLength - 1] === 0x0d;
}

const OOXML = {
  word: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  sheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  slides: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

/** A ZIP may be an Office or OpenDocument package whose telling entries come late in the file. */
async function refineZip(file: string): Promise<string> {
  try {
    const zip = await openZipPackage(file, 1024);
    try {
      if (zip.names.includes('word/document.xml')) return OOXML.word;
      if (zip.names.includes('xl/workbook.xml')) return OOXML.sheet;
      if (zip.names.includes('ppt/presentation.xml')) return OOXML.slides;
      if (zip.names.includes('xl/workbook.bin')) return 'application/vnd.ms-excel.sheet.binary.macroenabled.12';
      if (zip.names.some((n) => n.startsWith('visio/'))) return 'application/vnd.ms-visio.drawing';
      if (zip.names.includes('mimetype')) {
        const declared = (await zip.read('mimetype'))?.toString('ascii').trim();
        if (declared && /^application\/vnd\.oasis\.opendocument\.[\w.-]+$/.test(declared)) return declared;
        if (declared === 'application/epub+zip') return declared;
      }
    } finally {
      zip.close();
    }
  } catch {
    // a damaged central directory: leave it to the unpacker to report
  }
  return 'application/zip';
}

function sniffText(head: Buffer): string | null {
  if (hasUtf16Bom(head)) {
    const text = new TextDecoder(head[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(head.subarray(2));
    return classifyText(text);
  }
  if (binaryShare(head) > 0.02) return null;
  // Latin-1 keeps byte positions and never fails; headers and markup are ASCII anyway.
  return classifyText(head.toString('latin1'));
}

function classifyText(text: string): string {
  const start = text.replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  if (start.startsWith('{\\rtf')) return 'application/rtf';
  if (looksLikeMbox(start)) return 'application/mbox';
  if (looksLikeEmail(start)) return 'message/rfc822';
  const lower = start.slice(0, 2048).toLowerCase();
  if (/^<!doctype html|^<html[\s>]|^<head[\s>]|^<body[\s>]/.test(lower) || (/^<\?xml/.test(lower) && lower.includes('<html'))) return 'text/html';
  if (/^<\?xml/.test(lower)) return 'application/xml';
  if (/<(html|body|div|p|table|title)[\s>]/.test(lower) && /<\/(html|body|div|p|table|title)>/.test(text.slice(0, 65536).toLowerCase())) return 'text/html';
  return 'text/plain';
}
