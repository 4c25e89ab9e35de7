/**
 * Receiving an upload: the checks that must pass before a byte is stored (role, same-site
 * origin, anti-forgery token, a collection the user may write to), then the files streamed into
 * the shared blob folder and queued as an `upload` job that any server or worker may run.
 *
 * The anti-forgery token is checked here rather than by the csrf middleware, which would read
 * the whole multipart body into memory to find the field: it comes in X-CSRF-Token, or in the
 * form's `csrf` field, which the upload form sends before the files.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Context } from 'hono';
import { mayAccessCollection } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { ensureCollection } from '../ingest/index.js';
import type { HttpDeps, HttpEnv, SessionUser } from './context.js';
import { discardBody, multipartBoundary, receiveMultipart, UploadRefused } from './multipart.js';
import { uploadDir, uploadsRoot } from './upload-runner.js';

/** Roles that may start a new collection by uploading into it. */
/**
 * Only admins create collections: an editor told "that name is taken" would learn that a
 * collection they were never granted exists. Everyone else gets the same refusal for a name that
 * exists and one that does not.
 */
const CREATORS = new Set(['admin']);
const COLLECTION_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,99}$/u;

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** Refuse writes from another site, as the csrf middleware does for every other write. */
function checkOrigin(c: Context<HttpEnv>): void {
  const origin = c.req.header('Origin');
  if (origin === 'null' || (origin && origin !== new URL(c.req.url).origin) || c.req.header('Sec-Fetch-Site') === 'cross-site') {
    throw new UploadRefused(403, 'this request came from another site');
  }
}

/**
 * The collection an upload goes to: `collection` names one the user may see; a name that does
 * not exist yet is created for admins; anyone else naming a collection they may not see is refused
 * alike whether it exists or not.
 */
async function chooseCollection(deps: Pick<HttpDeps, 'records'>, c: Context<HttpEnv>, user: SessionUser, fields: Record<string, string>): Promise<{ id: number; name: string; created: boolean }> {
  const name = (fields['new_collection']?.trim() || fields['collection']?.trim()) ?? '';
  if (name === '') throw new UploadRefused(400, 'choose a collection to upload into');
  const existing = await deps.records.read.grants.collectionByName(name);
  if (existing) {
    if (!mayAccessCollection(c.get('access'), existing.id)) throw new UploadRefused(403, `you may not upload into "${name}"`);
    return { ...existing, created: false };
  }
  if (!CREATORS.has(user.role)) throw new UploadRefused(403, `you may not upload into "${name}"`);
  if (!COLLECTION_NAME.test(name)) throw new UploadRefused(400, 'a collection name is 1–100 letters, digits, spaces, ".", "_" or "-", starting with a letter or digit');
  const id = await ensureCollection(deps.records, name);
  return { id, name, created: true };
}

export interface ReceivedUpload {
  id: number;
  collection: string;
  files: number;
  bytes: number;
}

/**
 * Stream a multipart upload to `<blobs>/uploads/ID/` and queue its ingest. Throws UploadRefused (400,
 * 403, 413) with nothing left on disk.
 */
export async function receiveUpload(deps: HttpDeps, c: Context<HttpEnv>, user: SessionUser, maxBytes: number): Promise<ReceivedUpload> {
  try {
    return await streamUpload(deps, c, user, maxBytes);
  } catch (error) {
    // Read (a bounded amount of) what the client is still sending, so that it can read the refusal.
    await discardBody(c.req.raw.body);
    throw error;
  }
}

async function streamUpload(deps: HttpDeps, c: Context<HttpEnv>, user: SessionUser, maxBytes: number): Promise<ReceivedUpload> {
  checkOrigin(c);
  const boundary = multipartBoundary(c.req.header('Content-Type'));
  if (!boundary) throw new UploadRefused(400, 'send the files as multipart/form-data');
  const length = Number(c.req.header('Content-Length') ?? Number.NaN);
  // The form fields and part headers add a little to the files' bytes.
  if (Number.isFinite(length) && length > maxBytes + 1024 * 1024) throw new UploadRefused(413, `the upload is larger than the limit of ${maxBytes} bytes`);
  if (!c.req.raw.body) throw new UploadRefused(400, 'the upload is empty');
  const expected = c.get('csrf') ?? '';
  const header = c.req.header('X-CSRF-Token');
  let target: { id: number; name: string; created: boolean } | null = null;
  const checkToken = (fields: Record<string, string>) => {
    const given = header || fields['csrf'];
    if (!given || !sameToken(given, expected)) throw new UploadRefused(403, 'the anti-forgery token is missing or wrong (send X-CSRF-Token, or the csrf field); reload the page and try again');
  };
  const decide = async (fields: Record<string, string>) => {
    checkToken(fields);
    target = await chooseCollection(deps, c, user, fields);
  };
  // Refuse before storing a byte when the token and collection come first (the form sends them
  // first); a script that sends its fields after the files is answered once they have arrived.
  const early = async (fields: Record<string, string>) => {
    if (header || fields['csrf'] !== undefined) checkToken(fields);
    if (fields['collection'] !== undefined || fields['new_collection'] !== undefined) await decide(fields);
  };
  const incoming = path.join(uploadsRoot(deps), `incoming-${crypto.randomBytes(8).toString('hex')}`);
  try {
    const { fields, files } = await receiveMultipart(c.req.raw.body, boundary, { dir: incoming, maxBytes, beforeFirstFile: early });
    if (!target) await decide(fields);
    if (files.length === 0) throw new UploadRefused(400, 'choose at least one file to upload');
    const chosen = target as unknown as { id: number; name: string; created: boolean };
    const bytes = files.reduce((sum, f) => sum + f.size, 0);
    const id = await deps.records.read.uploads.create({ userId: user.id, collectionId: chosen.id, files: files.length, bytes });
    await fs.promises.rename(incoming, uploadDir(deps, id));
    await recordAudit(deps.records, { user, action: 'upload', collectionId: chosen.id, detail: { upload: id, files: files.length, names: files.slice(0, 100).map((f) => f.storedAs), bytes, newCollection: chosen.created } });
    // Any server process or `dossier worker` may take the ingest from here.
    await deps.queue.enqueueJob(deps.db, { name: 'upload', data: { uploadId: id } });
    return { id, collection: chosen.name, files: files.length, bytes };
  } catch (error) {
    await fs.promises.rm(incoming, { recursive: true, force: true });
    throw error;
  }
}
