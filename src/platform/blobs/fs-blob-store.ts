import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface StoredBlob {
  sha256: string;
  size: number;
}

/** Thrown by putStream when the content passes maxBytes; the partial blob is discarded. */
export class BlobTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`content is larger than ${limit} bytes`);
  }
}

/**
 * Content-addressed blobs in a folder: `blobs/ab/cd/abcd…` named by SHA-256. Writes go to a
 * temporary file and are renamed into place, so several processes may store the same content
 * at once and a crash never leaves a half-written blob under its final name.
 *
 * The folder may be a volume shared by several machines (workers of a team server): each host
 * writes its temporaries under `tmp/<hostname>/`, so one host's clean-up never removes a file
 * another host is still writing. Callers never see a path except inside `withLocalFile`, so a
 * store without local files (S3-compatible) can implement the same interface.
 */
/** A blob's name: a SHA-256 in lower-case hex (anything else could reach outside the folder). */
const isSha256 = (name: string): boolean => /^[0-9a-f]{64}$/.test(name);

export class FsBlobStore {
  private readonly tmpDir: string;

  constructor(readonly root: string, host = os.hostname()) {
    this.tmpDir = path.join(root, 'tmp', host.replace(/[^A-Za-z0-9._-]/g, '_') || 'host');
    fs.mkdirSync(this.tmpDir, { recursive: true });
  }

  /** Where the blob with this hash lives (whether or not it exists yet). */
  private pathOf(sha256: string): string {
    if (!isSha256(sha256)) throw new Error(`not a SHA-256: ${sha256.slice(0, 80)}`);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  has(sha256: string): boolean {
    return isSha256(sha256) && fs.existsSync(this.pathOf(sha256));
  }

  /** The blob's size, or null when it is not stored. */
  stat(sha256: string): { size: number } | null {
    if (!isSha256(sha256)) return null;
    try {
      return { size: fs.statSync(this.pathOf(sha256)).size };
    } catch {
      return null;
    }
  }

  /** A stream of the blob's bytes (throws when it is not stored). */
  open(sha256: string, range?: { start: number; end: number }): Readable {
    const file = this.pathOf(sha256);
    fs.accessSync(file, fs.constants.R_OK);
    return fs.createReadStream(file, range);
  }

  /** The whole blob, for small ones (images, derivatives). */
  async read(sha256: string): Promise<Buffer<ArrayBuffer>> {
    return fs.promises.readFile(this.pathOf(sha256));
  }

  /**
   * Run `use` with a local file holding the blob, for tools that need a path (poppler, tesseract,
   * MuPDF, 7-Zip). The file is only valid while `use` runs and must not be written to.
   */
  async withLocalFile<T>(sha256: string, use: (file: string) => Promise<T> | T): Promise<T> {
    return use(this.pathOf(sha256));
  }

  /** Copy a file into the store, hashing it on the way. */
  async putFile(file: string): Promise<StoredBlob> {
    return this.putStream(fs.createReadStream(file));
  }

  async putBuffer(bytes: Uint8Array): Promise<StoredBlob> {
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    if (!this.has(sha256)) {
      const tmp = this.tmpName();
      fs.writeFileSync(tmp, bytes);
      this.moveIntoPlace(tmp, sha256);
    }
    return { sha256, size: bytes.byteLength };
  }

  /** Store a stream; past `maxBytes` it stops reading and throws BlobTooLargeError. */
  async putStream(source: Readable, maxBytes = Number.POSITIVE_INFINITY): Promise<StoredBlob> {
    const hash = crypto.createHash('sha256');
    let size = 0;
    const tmp = this.tmpName();
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size > maxBytes) {
          callback(new BlobTooLargeError(maxBytes));
          return;
        }
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, fs.createWriteStream(tmp));
    } catch (error) {
      fs.rmSync(tmp, { force: true });
      throw error;
    }
    const sha256 = hash.digest('hex');
    this.moveIntoPlace(tmp, sha256);
    return { sha256, size };
  }

  /** Remove temporary files this host left behind when a process was killed mid-write. */
  removeStaleTemporaries(olderThanMs = 60_000): void {
    const now = Date.now();
    for (const name of fs.readdirSync(this.tmpDir)) {
      const file = path.join(this.tmpDir, name);
      try {
        if (now - fs.statSync(file).mtimeMs > olderThanMs) fs.rmSync(file, { force: true });
      } catch {
        // another process removed or renamed it first
      }
    }
  }

  private tmpName(): string {
    return path.join(this.tmpDir, `${process.pid}-${crypto.randomBytes(8).toString('hex')}`);
  }

  private moveIntoPlace(tmp: string, sha256: string): void {
    const target = this.pathOf(sha256);
    if (fs.existsSync(target)) {
      fs.rmSync(tmp, { force: true });
      return;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.renameSync(tmp, target);
  }
}
