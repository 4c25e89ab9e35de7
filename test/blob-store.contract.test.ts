/**
 * The blob store's contract: content addressed, no local path handed out except inside
 * withLocalFile, streams with ranges, a size limit that keeps nothing, and temporaries kept per host
 * so that machines sharing one blob folder never remove each other's half-written files.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { BlobTooLargeError, FsBlobStore } from '../src/platform/blobs/fs-blob-store.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-blobs-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const sha = (bytes: Uint8Array | string) => crypto.createHash('sha256').update(bytes).digest('hex');
const drain = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

describe('the filesystem blob store', () => {
  const store = new FsBlobStore(root, 'host-a');
  const text = '维吾尔 Xinjiang police files — 1234567890';

  it('stores by SHA-256 and reads back by stream, range, buffer and local file', async () => {
    const stored = await store.putBuffer(Buffer.from(text));
    expect(stored.sha256).toBe(sha(text));
    expect(store.has(stored.sha256)).toBe(true);
    expect(store.stat(stored.sha256)).toEqual({ size: Buffer.byteLength(text) });
    expect(await drain(store.open(stored.sha256))).toBe(text);
    expect(await drain(store.open(stored.sha256, { start: 0, end: 8 }))).toBe('维吾尔');
    expect((await store.read(stored.sha256)).toString('utf8')).toBe(text);
    const seen = await store.withLocalFile(stored.sha256, (file) => fs.readFileSync(file, 'utf8'));
    expect(seen).toBe(text);
  });

  it('stores the same content once, from a file or a stream', async () => {
    const file = path.join(root, 'input.txt');
    fs.writeFileSync(file, text);
    const a = await store.putFile(file);
    const b = await store.putStream(Readable.from([Buffer.from(text)]));
    expect(a).toEqual(b);
  });

  it('answers "not stored" for unknown or malformed hashes instead of reaching outside its folder', async () => {
    expect(store.has(sha('never stored'))).toBe(false);
    expect(store.stat(sha('never stored'))).toBeNull();
    expect(store.has('../../etc/passwd')).toBe(false);
    expect(store.stat('../../etc/passwd')).toBeNull();
    expect(() => store.open('../../etc/passwd')).toThrow(/not a SHA-256/);
    expect(() => store.open(sha('never stored'))).toThrow();
  });

  it('keeps nothing of a stream that passes its size limit', async () => {
    const big = Readable.from([Buffer.alloc(4096, 1), Buffer.alloc(4096, 2)]);
    await expect(store.putStream(big, 5000)).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(fs.readdirSync(path.join(root, 'tmp', 'host-a'))).toEqual([]);
  });

  it('keeps temporaries per host, and a host cleans only its own', () => {
    const other = new FsBlobStore(root, 'host-b');
    const mine = path.join(root, 'tmp', 'host-a', 'stale-a');
    const theirs = path.join(root, 'tmp', 'host-b', 'stale-b');
    fs.writeFileSync(mine, 'x');
    fs.writeFileSync(theirs, 'x');
    const old = new Date(Date.now() - 3_600_000);
    fs.utimesSync(mine, old, old);
    fs.utimesSync(theirs, old, old);
    store.removeStaleTemporaries();
    expect(fs.existsSync(mine)).toBe(false);
    expect(fs.existsSync(theirs)).toBe(true);
    other.removeStaleTemporaries();
    expect(fs.existsSync(theirs)).toBe(false);
  });
});
