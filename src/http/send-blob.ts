import { Readable } from 'node:stream';
import type { Context } from 'hono';
import type { BlobStore } from '../ingest/index.js';
import type { HttpEnv } from './context.js';

/**
 * Send a stored blob as the response body, streamed from the blob store (no local path needed).
 * Even opened directly, a leaked file can run nothing in this origin: nosniff and a sandboxing CSP.
 * Null when the blob is not stored, so the caller answers 404.
 */
export function sendBlob(c: Context<HttpEnv>, blobs: Pick<BlobStore, 'stat' | 'open'>, sha256: string, type: string, extra: Record<string, string> = {}): Response | null {
  const stat = blobs.stat(sha256);
  if (!stat) return null;
  c.header('Content-Type', type);
  c.header('Content-Length', String(stat.size));
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Content-Security-Policy', "default-src 'none'; sandbox");
  for (const [k, v] of Object.entries(extra)) c.header(k, v);
  return c.body(Readable.toWeb(blobs.open(sha256)) as ReadableStream);
}

/** The first bytes of a blob, for telling image types apart. */
export async function blobHead(blobs: Pick<BlobStore, 'open'>, sha256: string, bytes = 16): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of blobs.open(sha256, { start: 0, end: bytes - 1 })) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
