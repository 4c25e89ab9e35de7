import { raw } from 'hono/html';
import type { SessionUser } from '../context.js';
import { assetUrl } from '../routes/assets.js';
import type { UploadView } from '../routes/uploads.js';
import { formatBytes } from '../../domain/format-bytes.js';
import { Layout } from './layout.js';


/** Seconds as m:ss or h:mm:ss. */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return 'unknown';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (x: number) => String(x).padStart(2, '0');
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

const STATES: Record<string, string> = { queued: 'waiting for the upload before it', running: 'reading', done: 'done', failed: 'stopped by an error' };

/** The figures of the progress list; upload-progress.js fills the same `data-field`s from the API. */
export function progressFields(upload: UploadView): Record<string, string> {
  const p = upload.progress;
  const summary = p.summary;
  return {
    state: STATES[upload.state] ?? upload.state,
    files: `${p.filesDone ?? 0} of ${p.filesTotal ?? upload.files}`,
    bytes: `${formatBytes(p.bytesDone ?? 0)} of ${formatBytes(p.bytesTotal ?? upload.bytes)}`,
    read: `${summary?.extracted ?? p.extracted ?? 0}`,
    documents: `${upload.documents.ok} ok, ${upload.documents.failed} failed${upload.documents.pending ? `, ${upload.documents.pending} pending` : ''}`,
    queued: `${p.queued ?? 0}${p.ocrQueued ? ` (and ${p.ocrQueued} waiting for OCR)` : ''}`,
    rate: `${(p.rate ?? 0).toFixed(1)} documents/s`,
    eta: upload.state === 'done' || upload.state === 'failed' ? '—' : formatSeconds(p.eta),
    elapsed: formatSeconds(summary?.seconds ?? p.elapsed ?? 0),
  };
}

const LABELS: Array<[string, string]> = [
  ['state', 'State'],
  ['files', 'Files stored'],
  ['bytes', 'Bytes stored'],
  ['read', 'Documents read'],
  ['documents', 'Documents of this upload'],
  ['queued', 'Still queued'],
  ['rate', 'Rate'],
  ['eta', 'Time left'],
  ['elapsed', 'Time taken'],
];

/**
 * GET /uploads/:id: live progress of an upload's ingest. Without JavaScript the page reloads
 * itself (a meta refresh inside noscript, so it never fights the script) while the upload is
 * queued or running; upload-progress.js polls /api/uploads/:id instead.
 */
export function UploadProgressPage({ upload, user, csrf, nonce }: { upload: UploadView; user: SessionUser; csrf: string | null; nonce?: string }) {
  const live = upload.state === 'queued' || upload.state === 'running';
  const fields = progressFields(upload);
  const p = upload.progress;
  return (
    <Layout title={`Upload ${upload.id}`} user={user} csrf={csrf} nonce={nonce}>
      {/* As markup, not JSX: hono/jsx hoists a JSX <meta> into <head>, out of the noscript. */}
      {live ? raw('<noscript><meta http-equiv="refresh" content="2"></noscript>') : null}
      <h1>
        Upload {upload.id} into {upload.collection}
      </h1>
      <section id="upload-progress" class="upload-progress" data-upload-id={String(upload.id)} data-state={upload.state} aria-labelledby="upload-progress-title">
        <h2 id="upload-progress-title">Progress</h2>
        <progress id="upload-files-bar" max={Math.max(1, p.filesTotal ?? upload.files)} value={p.filesDone ?? 0} aria-label="Files stored"></progress>
        <dl class="figures">
          {LABELS.map(([key, label]) => (
            <div>
              <dt>{label}</dt>
              <dd data-field={key}>{fields[key]}</dd>
            </div>
          ))}
        </dl>
        {p.error ? <p class="error-message" id="upload-error">The ingest stopped: {p.error}</p> : null}
        {upload.state === 'done' ? (
          <p id="upload-done">
            Done. <a href={`/search?q=${encodeURIComponent(`collection:"${upload.collection.replace(/"/g, '')}"`)}`}>See the documents of {upload.collection}</a>, or{' '}
            <a href={`/upload?collection=${encodeURIComponent(upload.collection)}`}>upload more</a>.
          </p>
        ) : null}
      </section>
      <section aria-labelledby="upload-failures-title">
        <h2 id="upload-failures-title">Failed documents</h2>
        {upload.failed.length === 0 ? (
          <p id="upload-no-failures">{live ? 'None so far.' : 'None: every document was read.'}</p>
        ) : (
          <table id="upload-failures" class="failures">
            <thead>
              <tr>
                <th scope="col">Document</th>
                <th scope="col">Reason</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {upload.failed.map((f) => (
                <tr data-reason={f.reason ?? ''}>
                  <td><a href={`/documents/${f.id}`}>{f.path}</a></td>
                  <td><code>{f.reason}</code></td>
                  <td>{f.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <p><a href="/upload">All uploads</a></p>
      {live ? <script src={assetUrl('upload-progress.js')} defer></script> : null}
    </Layout>
  );
}
