import { Hono, type Context } from 'hono';
import { mayAccessCollection } from '../../accounts/index.js';
import type { UploadRecord } from '../../platform/db/repositories/upload-repository.js';
import type { HttpDeps, HttpEnv } from '../context.js';
import { errorResponse, notFound } from '../middleware/errors.js';
import { currentUser, requireUser } from '../middleware/require-user.js';
import { discardBody, UploadRefused } from '../multipart.js';
import { mayWrite } from '../notes.js';
import { optionalInt, writer } from '../route-guards.js';
import { receiveUpload } from '../upload-receive.js';
import { uploadDocumentCounts, uploadFailures, type UploadProgress } from '../upload-runner.js';
import { renderPage } from '../views/render.js';
import { UploadPage } from '../views/upload-page.js';
import { UploadProgressPage } from '../views/upload-progress-page.js';

export interface UploadOptions {
  /** Total bytes one upload may hold; default $DOSSIER_UPLOAD_MAX_BYTES, else 2 GiB. */
  maxBytes?: number;
}

/** The upload limit from $DOSSIER_UPLOAD_MAX_BYTES (a positive whole number of bytes), else 2 GiB. */
export function uploadLimitFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.DOSSIER_UPLOAD_MAX_BYTES);
  return Number.isSafeInteger(value) && value > 0 ? value : 2 * 1024 ** 3;
}

/** An upload as the API and the progress page show it. */
export type UploadView = Awaited<ReturnType<typeof describeUpload>>;

async function describeUpload(deps: HttpDeps, upload: UploadRecord) {
  const { collectionId: _collectionId, progress, ...shown } = upload;
  return {
    ...shown,
    progress: progress as UploadProgress,
    documents: await uploadDocumentCounts(deps, upload.id),
    failed: await uploadFailures(deps, upload.id),
    url: `/uploads/${upload.id}`,
  };
}

/**
 * Uploads from the browser and from scripts. Pages: GET /upload (the form), POST /upload,
 * GET /uploads/:id (live progress). API: GET and POST /api/uploads, GET /api/uploads/:id. An
 * upload is visible to whoever may see its collection; uploading needs a role other than viewer.
 *
 * Mount before the csrf middleware: POST /upload and /api/uploads check the anti-forgery token
 * themselves while streaming (see upload-receive.ts). A received upload is an `upload` job: the
 * serving process (server.ts), another server or a `dossier worker` runs it.
 */
export function uploadRoutes(deps: HttpDeps, options: UploadOptions = {}): Hono<HttpEnv> {
  const maxBytes = options.maxBytes ?? uploadLimitFromEnv();
  const app = new Hono<HttpEnv>();
  for (const path of ['/upload', '/uploads/*', '/api/uploads', '/api/uploads/*']) app.use(path, requireUser());

  const visibleUpload = async (c: Context<HttpEnv>) => {
    const id = optionalInt(c.req.param('id'));
    const upload = id && id > 0 ? await deps.records.read.uploads.get(id) : null;
    return upload && mayAccessCollection(c.get('access'), upload.collectionId) ? describeUpload(deps, upload) : null;
  };
  /** The upload just received (its collection may be new, so not yet in this request's access). */
  const receivedUpload = async (id: number) => {
    const upload = await deps.records.read.uploads.get(id);
    if (!upload) throw new Error(`upload ${id} vanished`);
    return describeUpload(deps, upload);
  };
  const recentUploads = async (c: Context<HttpEnv>, limit: number) => {
    const access = c.get('access');
    const uploads = await deps.records.read.uploads.recent(access.all ? 'all' : access.collectionIds, limit);
    return Promise.all(uploads.map((upload) => describeUpload(deps, upload)));
  };
  const receive = async (c: Context<HttpEnv>) => {
    const user = writer(c);
    if (!user.ok) {
      await discardBody(c.req.raw.body);
      return { response: await user.response };
    }
    try {
      return { upload: await receiveUpload(deps, c, user.value, maxBytes) };
    } catch (error) {
      if (!(error instanceof UploadRefused)) throw error;
      const code = error.status === 413 ? 'too_large' : error.status === 403 ? 'forbidden' : 'invalid_argument';
      c.header('Connection', 'close');
      return { response: await errorResponse(c, error.status, code, error.message) };
    }
  };

  app.get('/upload', async (c) => {
    const user = currentUser(c);
    return renderPage(c, UploadPage({ user, csrf: c.get('csrf'), nonce: c.get('nonce'), collections: c.get('access').collectionNames, mayUpload: mayWrite(user), mayCreate: user.role === 'admin', maxBytes, uploads: await recentUploads(c, 20), preselect: c.req.query('collection') }));
  });

  app.post('/upload', async (c) => {
    const result = await receive(c);
    if ('response' in result) return result.response;
    return c.redirect(`/uploads/${result.upload.id}`, 303);
  });

  app.get('/uploads/:id', async (c) => {
    const upload = await visibleUpload(c);
    if (!upload) return notFound(c);
    return renderPage(c, UploadProgressPage({ upload, user: currentUser(c), csrf: c.get('csrf'), nonce: c.get('nonce') }));
  });

  app.get('/api/uploads', async (c) => c.json({ uploads: await recentUploads(c, 100) }));

  app.post('/api/uploads', async (c) => {
    const result = await receive(c);
    if ('response' in result) return result.response;
    return c.json({ upload: await receivedUpload(result.upload.id) }, 202);
  });

  app.get('/api/uploads/:id', async (c) => {
    const upload = await visibleUpload(c);
    if (!upload) return notFound(c);
    return c.json({ upload });
  });

  return app;
}
