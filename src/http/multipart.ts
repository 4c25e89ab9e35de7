/**
 * Streaming multipart/form-data: each file part goes straight to disk as it arrives, so an
 * upload of any size costs a few chunks of memory. File names are checked before a byte is
 * written: a name with a folder in it (`../x`, `a/b`, `C:\x`) is refused, never rewritten.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Why an upload was refused, with the HTTP status that says so. */
export class UploadRefused extends Error {
  constructor(
    readonly status: 400 | 403 | 413,
    message: string,
  ) {
    super(message);
    this.name = 'UploadRefused';
  }
}

export interface ReceivedFile {
  /** The form field it came in (`files`). */
  field: string;
  /** The name as sent, and as stored in the folder (the same, or with " (2)" when repeated). */
  name: string;
  storedAs: string;
  size: number;
}

export interface MultipartOptions {
  /** Where files are written (created if missing). */
  dir: string;
  /** Total bytes of all files together. */
  maxBytes: number;
  maxFiles?: number;
  /** Total bytes of the text fields. */
  maxFieldBytes?: number;
  /** Called with the fields seen so far before the first file is written: throw to refuse early. */
  beforeFirstFile?: (fields: Record<string, string>) => Promise<void> | void;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_HEADER_BYTES = 16 * 1024;
/**
 * After a refusal, read and drop this much more of the body so the client, still sending, can
 * read the answer; past it the connection is cut.
 */
const DRAIN_BYTES = 64 * 1024 * 1024;

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, limit: number): Promise<void> {
  try {
    for (let seen = 0; seen <= limit; ) {
      const { done, value } = await reader.read();
      if (done) return;
      seen += value?.length ?? 0;
    }
    await reader.cancel();
  } catch {
    // the client went away: nothing to answer
  }
}

/** Read and drop a body that will not be stored (a refusal before parsing), up to the drain limit. */
export async function discardBody(body: ReadableStream<Uint8Array> | null): Promise<void> {
  if (!body || body.locked) return;
  const reader = body.getReader();
  await drain(reader, DRAIN_BYTES);
  reader.releaseLock();
}

/** The boundary of a multipart/form-data content type, or null when it is not one. */
export function multipartBoundary(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return null;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

/**
 * Refuse a file name that is not a plain name: empty, `.`/`..`, a folder separator, a drive
 * letter, control characters, or longer than a file system allows.
 */
export function checkFileName(name: string): string {
  if (name === '' || name === '.' || name === '..') throw new UploadRefused(400, `"${name}" is not a file name`);
  if (/[/\\]/.test(name) || /^[a-zA-Z]:/.test(name)) throw new UploadRefused(400, `file names may not hold folders: "${name}"`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new UploadRefused(400, 'file names may not hold control characters');
  if (Buffer.byteLength(name) > 255) throw new UploadRefused(400, 'a file name is longer than 255 bytes');
  return name;
}

interface PartHeaders {
  name: string;
  filename: string | null;
}

function parsePartHeaders(raw: string): PartHeaders {
  const disposition = raw.split('\r\n').find((line) => /^content-disposition:/i.test(line));
  if (!disposition) throw new UploadRefused(400, 'a form part has no Content-Disposition');
  const param = (key: string): string | null => {
    const extended = new RegExp(`;\\s*${key}\\*=(?:UTF-8|utf-8)''([^;]*)`).exec(disposition);
    if (extended) return decodeURIComponent(extended[1]!);
    // Browsers send names as they are, with " as %22 and line ends as %0A/%0D (no backslash escapes: a backslash is a name's own).
    const quoted = new RegExp(`;\\s*${key}="([^"]*)"`).exec(disposition);
    if (quoted) return quoted[1]!.replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
    const bare = new RegExp(`;\\s*${key}=([^;\\s]*)`).exec(disposition);
    return bare ? bare[1]! : null;
  };
  const name = param('name');
  if (name === null) throw new UploadRefused(400, 'a form part has no name');
  return { name, filename: param('filename') };
}

/**
 * Read a multipart/form-data body: text fields into a record, file parts into `dir`. Throws
 * UploadRefused (400 malformed or a bad name, 413 too large); the caller removes `dir` then.
 */
export async function receiveMultipart(body: ReadableStream<Uint8Array>, boundary: string, options: MultipartOptions): Promise<{ fields: Record<string, string>; files: ReceivedFile[] }> {
  const { dir, maxBytes, maxFiles = 10_000, maxFieldBytes = 64 * 1024 } = options;
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const fields: Record<string, string> = {};
  const files: ReceivedFile[] = [];
  const used = new Set<string>();
  let fileBytes = 0;
  let fieldBytes = 0;
  let state: 'preamble' | 'after-delimiter' | 'headers' | 'body' | 'done' = 'preamble';
  // The body starts with --boundary without the CRLF: prefix one so every delimiter looks alike.
  let buffer: Buffer = Buffer.from(CRLF);
  let part: { headers: PartHeaders; out: fs.promises.FileHandle | null; text: Buffer[]; file: ReceivedFile | null } | null = null;
  await fs.promises.mkdir(dir, { recursive: true });

  const write = async (chunk: Buffer) => {
    if (!part || chunk.length === 0) return;
    if (part.out && part.file) {
      fileBytes += chunk.length;
      part.file.size += chunk.length;
      if (fileBytes > maxBytes) throw new UploadRefused(413, `the upload is larger than the limit of ${maxBytes} bytes`);
      for (let at = 0; at < chunk.length; ) at += (await part.out.write(chunk, at, chunk.length - at)).bytesWritten;
    } else if (!part.file) {
      fieldBytes += chunk.length;
      if (fieldBytes > maxFieldBytes) throw new UploadRefused(413, 'the form fields are too large');
      part.text.push(chunk);
    }
  };
  const startPart = async (headers: PartHeaders) => {
    part = { headers, out: null, text: [], file: null };
    if (headers.filename === null) return;
    // A file input left empty sends a part with an empty file name: nothing to store.
    if (headers.filename === '') {
      part.file = { field: headers.name, name: '', storedAs: '', size: 0 };
      return;
    }
    const name = checkFileName(headers.filename.normalize('NFC'));
    if (files.length === 0 && options.beforeFirstFile) await options.beforeFirstFile({ ...fields });
    if (files.length >= maxFiles) throw new UploadRefused(413, `an upload holds at most ${maxFiles} files`);
    let storedAs = name;
    for (let n = 2; used.has(storedAs.toLowerCase()); n++) {
      const ext = path.extname(name);
      storedAs = `${name.slice(0, name.length - ext.length)} (${n})${ext}`;
    }
    used.add(storedAs.toLowerCase());
    part.file = { field: headers.name, name, storedAs, size: 0 };
    part.out = await fs.promises.open(path.join(dir, storedAs), 'wx');
    files.push(part.file);
  };
  const endPart = async () => {
    if (!part) return;
    if (part.out) await part.out.close();
    else if (!part.file) fields[part.headers.name] = Buffer.concat(part.text).toString('utf8');
    part = null;
  };

  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (value) buffer = buffer.length ? Buffer.concat([buffer, value]) : Buffer.from(value);
      for (let progressed = true; progressed && state !== 'done'; ) {
        progressed = false;
        if (state === 'preamble' || state === 'body') {
          const at = buffer.indexOf(delimiter);
          if (at === -1) {
            // Keep what could be the start of a delimiter split across chunks.
            const keep = Math.min(buffer.length, delimiter.length - 1);
            if (state === 'body') await write(buffer.subarray(0, buffer.length - keep));
            buffer = buffer.subarray(buffer.length - keep);
            continue;
          }
          if (state === 'body') {
            await write(buffer.subarray(0, at));
            await endPart();
          }
          buffer = buffer.subarray(at + delimiter.length);
          state = 'after-delimiter';
          progressed = true;
        } else if (state === 'after-delimiter') {
          if (buffer.length < 2) continue;
          if (buffer[0] === 0x2d && buffer[1] === 0x2d) state = 'done';
          else {
            const eol = buffer.indexOf(CRLF);
            if (eol === -1) continue;
            buffer = buffer.subarray(eol + 2);
            state = 'headers';
          }
          progressed = true;
        } else if (state === 'headers') {
          // The headers may be empty: then the CRLF CRLF starts right away (minus the first CRLF).
          const at = Buffer.concat([CRLF, buffer]).indexOf(HEADER_END);
          if (at === -1) {
            if (buffer.length > MAX_HEADER_BYTES) throw new UploadRefused(400, 'a form part has too long a header');
            continue;
          }
          const raw = buffer.subarray(0, Math.max(0, at - 2)).toString('utf8');
          buffer = buffer.subarray(at + 2);
          await startPart(parsePartHeaders(raw));
          state = 'body';
          progressed = true;
        }
      }
      if (done || state === 'done') break;
    }
  } finally {
    const open = part as { out: fs.promises.FileHandle | null } | null;
    if (open?.out) await open.out.close().catch(() => undefined);
    if (state !== 'done') await drain(reader, DRAIN_BYTES);
    reader.releaseLock();
  }
  if (state !== 'done') throw new UploadRefused(400, 'the upload ended before its last part: was it interrupted?');
  return { fields, files: files.filter((f) => f.name !== '') };
}
